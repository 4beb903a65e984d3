import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { MessageRef } from '../../../domain/comunicado.ts';
import { ACTION_IDS, type ActionId } from '../../port.ts';
import { eventKeys, isOtherTeam, type SlackContext } from '../context.ts';
import { MODAL_CALLBACK, readSubmission, type StateValues } from '../modal.ts';


function isActionId(id: string): id is ActionId {
  return (ACTION_IDS as readonly string[]).includes(id);
}

/**
 * Interactivity: the modal's submission and the buttons. A submission with problems is
 * answered with `response_action: errors`, so Slack shows each under its field and keeps
 * the modal open; a good one closes the modal and becomes the same command event
 * `/comunicado <text>` would.
 */
export function registerInteractions(app: App, ctx: SlackContext): void {
  app.view(MODAL_CALLBACK, async ({ ack, body, view }) => {
    const log = ctx.logger.child({ user: body.user.id, view: view.id });
    if (isOtherTeam(ctx.config, body.team?.id ?? body.user.team_id)) {
      log.info('slack: ignored modal from another workspace or without one');
      await ack();
      return;
    }
    const values = view.state.values as unknown as StateValues;
    const read = readSubmission(values, view.private_metadata, {
      now: ctx.now(),
      timezone: ctx.config.office.timezone,
      defaults: ctx.config.destinations.default,
      allowedLinkDomains: ctx.config.portal.allowedLinkDomains,
    });
    if (!read.ok) {
      log.info({ fields: Object.keys(read.errors) }, 'slack: modal returned with field errors');
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    await ack();
    await ctx.emit({
      type: 'command',
      name: 'comunicado',
      text: read.text,
      files: read.files.map((f) => ctx.file(f.file, f.alt)),
      eventKey: eventKeys.view(view.id, values),
      actor: await ctx.actor(body.user.id, body.user.name),
      origin: { platform: 'slack', channel: read.context.channel, ...(read.context.threadId ? { threadId: read.context.threadId } : {}) },
    });
  });

  app.action<BlockAction>({ type: 'block_actions' }, async ({ ack, body, action }) => {
    await ack();
    const log = ctx.logger.child({ user: body.user.id });
    const button = action as ButtonAction;
    if (button.type !== 'button' || !isActionId(button.action_id)) {
      log.debug({ action: button.action_id }, 'slack: ignored action the core does not know');
      return;
    }
    if (isOtherTeam(ctx.config, body.team?.id ?? body.user.team_id)) {
      log.info({ team: body.team?.id }, 'slack: ignored button from another workspace or without one');
      return;
    }
    const channel = body.container?.channel_id ?? body.channel?.id;
    const messageTs = body.container?.message_ts ?? body.message?.ts;
    if (!channel || !messageTs) {
      log.info('slack: ignored button outside a message');
      return;
    }
    const threadTs = typeof body.message?.thread_ts === 'string' && body.message.thread_ts !== messageTs ? body.message.thread_ts : undefined;
    const message: MessageRef = { platform: 'slack', channel, messageId: messageTs, ...(threadTs ? { threadId: threadTs } : {}) };
    const value = button.value ?? '';
    await ctx.emit({
      type: 'action',
      action: button.action_id,
      value,
      message,
      eventKey: eventKeys.action({ channel, messageTs, blockId: button.block_id, actionId: button.action_id, value, userId: body.user.id }),
      actor: await ctx.actor(body.user.id, body.user.name ?? body.user.username),
      origin: { platform: 'slack', channel, messageId: messageTs, ...(threadTs ? { threadId: threadTs } : {}) },
    });
  });
}
