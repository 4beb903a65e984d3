import type { ChatEvent, ChatEventHandler, OutMessage } from '../src/chat/port.ts';
import { UserFacingError, WorkflowError } from '../src/domain/errors.ts';
import { chatErrorText } from '../src/messages/errors.ts';
import { EventClaims } from '../src/service/events.ts';
import { t } from '../src/messages/index.ts';
import type { CommandContext, CommandHandler, Extension, Services } from '../src/service/extension.ts';
import { actionHandlers, onReaction, onThreadMessage, textCommands } from './approval.ts';
import { ayuda } from './ayuda.ts';
import { comunicado } from './comunicado.ts';
import { cuentas } from './cuentas.ts';
import { estado } from './estado.ts';
import { reintentar } from './reintentar.ts';
import { retirar } from './retirar.ts';
import { onSupersededPreview } from './superseded.ts';

/** Refusals of a reaction that mean "you may not decide this": not said in public. */
const QUIET_REFUSALS = new Set(['not_approver', 'not_reviewer', 'not_required', 'already_approved']);

/**
 * Other names for a command, kept for Telegram's conventions (/start opens every bot, /help
 * is what Telegram users try). Slack's manifest declares only the Spanish names.
 */
export const commandAliases: Readonly<Record<string, string>> = { help: 'ayuda', start: 'ayuda' };

/** The chat commands, by their Spanish name (the same on every chat). */
export const coreCommands: Record<string, CommandHandler> = {
  comunicado,
  estado,
  reintentar,
  retirar,
  ayuda,
  help: ayuda,
  start: ayuda,
  cuentas,
  ...textCommands,
};

function asMessage(m: OutMessage | string): OutMessage {
  return typeof m === 'string' ? { text: m } : m;
}

export function makeContext(event: ChatEvent, services: Services): CommandContext {
  const chat = () => services.chats.get(event.origin.platform);
  const thread = { channel: event.origin.channel, ...(event.origin.threadId ?? event.origin.messageId ? { threadId: event.origin.threadId ?? event.origin.messageId } : {}) };
  const answered = async (m: OutMessage | string): Promise<boolean> =>
    event.type === 'action' && !!event.answer && (await event.answer(asMessage(m).text));
  return {
    event,
    services,
    reply: (m) => chat().post(thread, asMessage(m)),
    whisper: async (m) => {
      if (await answered(m)) return;
      await chat().ephemeral(thread, event.actor.userId, asMessage(m));
    },
    privately: async (m) => {
      if (await answered(m)) return true;
      if (!chat().privateEphemeral) return false;
      await chat().ephemeral(thread, event.actor.userId, asMessage(m));
      return true;
    },
  };
}

/**
 * Routes neutral chat events to the commands. Each platform event is handled once (its key
 * is recorded before anything else, also across restarts); every failure reaches the person
 * in Spanish instead of dying in a log.
 */
export function createDispatcher(services: Services, extensions: Extension[] = []): ChatEventHandler {
  const commands: Record<string, CommandHandler> = { ...coreCommands };
  const actions = { ...actionHandlers };
  for (const ext of extensions) {
    Object.assign(commands, ext.commands ?? {});
    Object.assign(actions, ext.actions ?? {});
  }
  const log = services.logger.child({ module: 'dispatch' });
  const claims = new EventClaims(services.store, log);

  return async (event: ChatEvent) => {
    const ctx = makeContext(event, services);
    try {
      if (event.actor.isBot) {
        log.debug({ eventKey: event.eventKey }, 'ignored: from a bot');
        return;
      }
      if ((event.type === 'command' || event.type === 'message') && !services.chats.isHeard(event.origin)) {
        log.info({ platform: event.origin.platform, channel: event.origin.channel }, 'ignored: chat not configured');
        return;
      }
      if (!(await claims.claim(event.origin.platform, event.eventKey))) {
        log.info({ eventKey: event.eventKey }, 'ignored: event already processed');
        return;
      }
      switch (event.type) {
        case 'command': {
          const name = event.name.replace(/^\//, '').replace(/@.*$/, '').toLowerCase();
          const handler = commands[name];
          if (!handler) {
            await ctx.whisper(t('error.unknown_command', { name }));
            return;
          }
          log.info({ command: name, actor: event.actor.userId }, 'command');
          await handler(ctx, event.text);
          return;
        }
        case 'action': {
          if (event.message && (await onSupersededPreview(ctx, event.message))) return;
          const handler = actions[event.action];
          if (handler) await handler(ctx, event.value);
          return;
        }
        case 'reaction': {
          if (await onSupersededPreview(ctx, event.message)) return;
          try {
            if (await onReaction(ctx, event.emoji, event.message)) return;
          } catch (err) {
            // Someone who may not decide reacted (on Telegram 👍 is everyday talk): no public
            // scolding; they hear it only where that stays private.
            if (!(err instanceof WorkflowError && QUIET_REFUSALS.has(err.code))) throw err;
            log.info({ code: err.code, actor: event.actor.userId }, 'reaction refused');
            await ctx.privately(chatErrorText(err));
            return;
          }
          for (const ext of extensions) if (await ext.onReaction?.(ctx, event.emoji, event.message)) return;
          log.debug({ emoji: event.emoji }, 'ignored: reaction on an unrelated message');
          return;
        }
        case 'message': {
          await onThreadMessage(ctx);
          return;
        }
        case 'late_files': {
          await services.comunicados.addLateFiles(event.submittedWith, event.files, event.actor);
          return;
        }
      }
    } catch (err) {
      if (err instanceof UserFacingError) {
        log.info({ code: err.code, actor: event.actor.userId }, 'refused');
        await ctx.whisper(chatErrorText(err)).catch((e) => log.error({ err: e }, 'could not answer'));
        return;
      }
      log.error({ err, eventKey: event.eventKey }, 'handler failed');
      await ctx.whisper(t('error.generic', { code: (err as Error)?.name ?? 'error' })).catch(() => {});
    }
  };
}
