import type { App } from '@slack/bolt';
import { t } from '../../../messages/index.ts';
import { eventKeys, heardChannels, isOtherTeam, type SlackContext } from '../context.ts';
import { comunicadoModal } from '../modal.ts';
import { fromSlackText } from '../mrkdwn.ts';

/**
 * Slash commands. Every command is acknowledged at once (Slack gives three seconds); a
 * command the bot will not act on is answered in that acknowledgement, which Slack shows
 * only to the person. `/comunicado` without text opens the modal; with text it is the
 * plain-text form and skips the modal.
 */
export function registerCommands(app: App, ctx: SlackContext): void {
  app.command(/^\/.+/, async ({ command, ack }) => {
    const name = command.command.replace(/^\//, '').toLowerCase();
    const log = ctx.logger.child({ command: name, user: command.user_id, channel: command.channel_id });
    if (isOtherTeam(ctx.config, command.team_id)) {
      log.info({ team: command.team_id }, 'slack: ignored command from another workspace or without one');
      await ack(t('slack.other_team'));
      return;
    }
    const slack = ctx.config.chats.slack;
    if (!slack) {
      log.warn('slack: command ignored, chats.slack is not configured');
      await ack(t('slack.not_configured'));
      return;
    }
    if (!heardChannels(ctx.config).includes(command.channel_id)) {
      log.info('slack: command outside the configured channels');
      await ack(t('slack.not_heard', { command: command.command, channel: `<#${slack.comunicadosChannel}>` }));
      return;
    }
    const text = fromSlackText(command.text ?? '', (id) => ctx.knownName(id));
    await ack();

    if (name === 'comunicado' && !text.trim()) {
      try {
        await ctx.client.views.open({
          trigger_id: command.trigger_id,
          view: comunicadoModal({ channel: command.channel_id }, ctx.config.destinations.default),
        });
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
        log.error({ err }, 'slack: views.open failed');
        await ctx.client.chat
          .postEphemeral({ channel: command.channel_id, user: command.user_id, text: t('slack.modal.failed', { error: code }) })
          .catch((e: unknown) => log.error({ err: e }, 'slack: could not explain the failed modal'));
      }
      return;
    }

    await ctx.emit({
      type: 'command',
      name,
      text,
      files: [],
      eventKey: eventKeys.command(command.trigger_id),
      actor: await ctx.actor(command.user_id, command.user_name),
      origin: { platform: 'slack', channel: command.channel_id },
    });
  });
}
