import type { App } from '@slack/bolt';
import type { ChatEvent, Origin } from '../../port.ts';
import { eventKeys, isOtherTeam, type SlackContext } from '../context.ts';
import type { SlackFile } from '../files.ts';
import { afterPrefix, fromSlackText, withoutMention } from '../mrkdwn.ts';

/** The fields of a `message` event read here (Slack sends many more). */
interface MessageEvent {
  type: 'message';
  subtype?: string;
  channel: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  files?: SlackFile[];
}

/** Subtypes that are a person writing; edits, joins, deletions and bot posts are not. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/**
 * Events API: reactions and messages. Slack already acknowledged them (Bolt does it on
 * arrival), so a redelivery only happens when the bot was down or slow; the event_id key
 * makes the dispatcher process each once.
 */
export function registerEvents(app: App, ctx: SlackContext): void {
  app.event('reaction_added', async ({ event, body }) => {
    const log = ctx.logger.child({ eventId: body.event_id, user: event.user, reaction: event.reaction });
    if (isOtherTeam(ctx.config, body.team_id)) {
      log.info({ team: body.team_id }, 'slack: ignored reaction from another workspace or without one');
      return;
    }
    if (event.user === ctx.bot.userId) {
      log.debug('slack: ignored a reaction by the bot itself');
      return;
    }
    // Previews and statuses are the bot's own messages: a reaction on anyone else's is chatter.
    if (event.item_user && event.item_user !== ctx.bot.userId) {
      log.debug({ itemUser: event.item_user }, 'slack: ignored reaction on a message the bot did not post');
      return;
    }
    const item = event.item as { type: string; channel?: string; ts?: string };
    if (item.type !== 'message' || !item.channel || !item.ts) {
      log.debug({ item: item.type }, 'slack: ignored reaction on something that is not a message');
      return;
    }
    await ctx.emit({
      type: 'reaction',
      emoji: event.reaction,
      message: { platform: 'slack', channel: item.channel, messageId: item.ts },
      eventKey: eventKeys.event(body.event_id),
      actor: await ctx.actor(event.user),
      origin: { platform: 'slack', channel: item.channel, messageId: item.ts },
    });
  });

  app.event('message', async ({ event, body }) => {
    const m = event as unknown as MessageEvent;
    const log = ctx.logger.child({ eventId: body.event_id, channel: m.channel, user: m.user });
    if (!PERSON_SUBTYPES.has(m.subtype)) {
      log.debug({ subtype: m.subtype }, 'slack: ignored message subtype');
      return;
    }
    if (m.bot_id || !m.user || m.user === ctx.bot.userId) {
      log.debug('slack: ignored message from a bot');
      return;
    }
    if (isOtherTeam(ctx.config, body.team_id)) {
      log.info({ team: body.team_id }, 'slack: ignored message from another workspace or without one');
      return;
    }
    const threadTs = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined;
    const origin: Origin = { platform: 'slack', channel: m.channel, messageId: m.ts, ...(threadTs ? { threadId: threadTs } : {}) };
    const raw = m.text ?? '';
    const files = m.files ?? [];
    const names = (id: string) => ctx.knownName(id);
    const common = { eventKey: eventKeys.event(body.event_id), actor: await ctx.actor(m.user), origin };

    // A new comunicado: top level of the comunicados channel, `comunicado:` first, or a
    // mention of the bot with files. Inside a thread it is a conversation, never a draft.
    const inComunicados = m.channel === ctx.config.chats.slack?.comunicadosChannel && !threadTs;
    const mentionsBot = raw.includes(`<@${ctx.bot.userId}`);
    const prefixed = afterPrefix(withoutMention(raw, ctx.bot.userId));
    if (inComunicados && (prefixed !== undefined || (mentionsBot && files.length > 0))) {
      const text = fromSlackText(prefixed ?? withoutMention(raw, ctx.bot.userId), names);
      const command: ChatEvent = { type: 'command', name: 'comunicado', text, files: files.map((f) => ctx.file(f)), ...common };
      log.info({ files: files.length }, 'slack: message becomes a comunicado');
      await ctx.emit(command);
      return;
    }
    const message: ChatEvent = { type: 'message', text: fromSlackText(raw, names), files: files.map((f) => ctx.file(f)), ...common };
    if (threadTs) message.inReplyTo = { platform: 'slack', channel: m.channel, messageId: threadTs };
    await ctx.emit(message);
  });
}
