import { Telegram, TelegramError } from 'telegraf';
import type { Logger } from '../../util/logger.ts';

/** What the client asks of the adapter: where a chat lives now, and what to do when it moves. */
export interface ClientHooks {
  /** The current id of a chat (a group that became a supergroup has a new one). */
  resolveChat(id: string): string;
  /** Telegram said the chat `from` is now `to`. */
  onMigrated(from: string, to: string): Promise<void>;
  /** Waits `ms`; rejects when the adapter stops, so a long wait never blocks shutdown. */
  sleep(ms: number): Promise<void>;
  /** Called on every getUpdates: long polling is live. */
  polled?(): void;
  logger: Logger;
}

/**
 * Calls that change nothing, or change to a fixed end state, are safe to repeat after a
 * network failure; a send is not (it may have gone out), so sends only repeat after an
 * explicit "not done" from Telegram (429, migrated chat).
 */
const REPEATABLE = new Set([
  'getMe',
  'getFile',
  'getChat',
  'getChatMember',
  'setMyCommands',
  'setWebhook',
  'deleteWebhook',
  'editMessageText',
  'editMessageCaption',
  'editMessageReplyMarkup',
  'deleteMessage',
  'answerCallbackQuery',
]);

const NETWORK_ATTEMPTS = 3;
const MIGRATION_HOPS = 3;

/** Removes the bot token from an error (it is part of every Bot API URL). */
export function redactToken<E>(err: E, token: string): E {
  if (!token || !(err instanceof Error)) return err;
  const clean = (s: string | undefined) => s?.split(token).join('[REDACTED]').replace(/\/bot\d+:[A-Za-z0-9_-]+/g, '/bot[REDACTED]');
  err.message = clean(err.message) ?? '';
  if (err.stack) err.stack = clean(err.stack);
  return err;
}

function isNetworkError(err: unknown): boolean {
  const e = err as { name?: string; code?: unknown };
  return e?.name === 'FetchError' || (err instanceof TelegramError && err.code >= 500);
}

type Payload = Record<string, unknown>;
type ApiMethod = Parameters<Telegram['callApi']>[0];
type CallOptions = Parameters<Telegram['callApi']>[2];

/**
 * The Telegraf client with the rules of this bot: every chat id goes through the migration
 * map, 429 is waited out (`retry_after`) and the call repeated — never dropped —, a call to
 * a group that became a supergroup is moved to the new id and repeated, and no error that
 * leaves here carries the token. Long polling (`getUpdates`) keeps Telegraf's own handling.
 */
export class ResilientTelegram extends Telegram {
  private hooks: ClientHooks | undefined;

  attach(hooks: ClientHooks): this {
    this.hooks = hooks;
    return this;
  }

  override async callApi<M extends ApiMethod>(method: M, payload: unknown, options?: CallOptions): Promise<never> {
    const hooks = this.hooks;
    // The base returns the method's own result type; `never` lets this override stand in for it.
    const call = (p: unknown) => (super.callApi as (m: string, p: unknown, o?: CallOptions) => Promise<never>).call(this, method, p, options);
    if (method === 'getUpdates') hooks?.polled?.();
    if (method === 'getUpdates' || !hooks) return call(payload).catch((err) => Promise.reject(redactToken(err, this.token)));

    let p = this.translate(payload as Payload, hooks);
    let hops = 0;
    let networkFailures = 0;
    for (;;) {
      try {
        return await call(p);
      } catch (raw) {
        const err = redactToken(raw, this.token);
        if (err instanceof TelegramError) {
          const retryAfter = err.parameters?.retry_after;
          if (err.code === 429) {
            const seconds = typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 5;
            hooks.logger.warn({ method, retryAfter: seconds }, 'telegram rate limit: waiting before repeating the call');
            await hooks.sleep(seconds * 1000);
            continue;
          }
          const to = err.parameters?.migrate_to_chat_id;
          const from = p['chat_id'];
          if (to !== undefined && from !== undefined && hops++ < MIGRATION_HOPS) {
            hooks.logger.warn({ method, from: String(from), to: String(to) }, 'telegram chat migrated to a supergroup: repeating there');
            await hooks.onMigrated(String(from), String(to));
            p = { ...p, chat_id: typeof from === 'number' ? Number(to) : String(to) };
            continue;
          }
        }
        if (REPEATABLE.has(method) && isNetworkError(err) && ++networkFailures < NETWORK_ATTEMPTS) {
          await hooks.sleep(1000 * networkFailures);
          continue;
        }
        throw err;
      }
    }
  }

  private translate(payload: Payload, hooks: ClientHooks): Payload {
    const out = { ...payload };
    for (const key of ['chat_id', 'from_chat_id'] as const) {
      const v = out[key];
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const now = hooks.resolveChat(String(v));
      if (now !== String(v)) out[key] = typeof v === 'number' ? Number(now) : now;
    }
    return out;
  }
}
