import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { clockText, safeCause } from './shared.ts';

/**
 * Where the failure happened. Before the post (`media`: uploading images), nothing a
 * reader sees exists yet, so every network failure may be retried; orphan media expire on
 * their own. During the post itself only a failure that proves the request never left
 * (connection refused) may be retried: anything else may have created the post.
 */
export type XStage = 'media' | 'post';

export interface XErrorContext {
  stage: XStage;
  handle: string;
  /** Names of the four credential variables, for the "reconecte" message. */
  credentialVars: string[];
  now: Date;
  timeZone: string;
  /** File being uploaded, in the media stage. */
  file?: string;
}

/** Connection failures that prove the request never reached X. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME_MISMATCH/;

function v2Detail(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as { detail?: unknown; title?: unknown; errors?: Array<{ message?: unknown; detail?: unknown }> };
  const first = d.errors?.[0];
  const text = d.detail ?? first?.detail ?? first?.message ?? d.title ?? '';
  return String(text).slice(0, 300);
}

function networkCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return typeof e?.code === 'string' ? e.code : String(e?.message ?? 'error de red').slice(0, 80);
}

/**
 * The Node error behind an ApiRequestError. twitter-api-v2 1.29 stores it as `error` in its
 * hidden options while the `requestError` getter reads `requestError`, so read both.
 */
function requestErrorOf(err: ApiRequestError): unknown {
  return err.requestError ?? (err as unknown as { _options?: { error?: unknown } })._options?.error;
}

/** X's answer (or silence) turned into the engine's vocabulary, with a Spanish message. */
export function classifyXError(err: unknown, ctx: XErrorContext): PublishError {
  if (err instanceof PublishError) return err;
  const who = { handle: ctx.handle };
  if (err instanceof ApiResponseError) {
    const status = err.code;
    const detail = v2Detail(err.data);
    if (status === 401 || err.isAuthError) {
      return new PublishError('failed', 'auth_expired', t('x.error.auth', { ...who, vars: ctx.credentialVars.join(', ') }), {
        accountUnhealthy: true,
        cause: safeCause(err),
      });
    }
    if (status === 429 || status === 420) {
      const resetSec = err.rateLimit?.reset;
      const waitMs = resetSec ? Math.max(1000, resetSec * 1000 - ctx.now.getTime()) : 60_000;
      const at = new Date(ctx.now.getTime() + waitMs);
      // x-rate-limit-reset is X's own time; without it the wait is the bot's guess.
      return new PublishError('retryable', 'rate_limited', t('x.error.rate_limited', { ...who, time: clockText(at, ctx.now, ctx.timeZone) }), {
        ...(resetSec ? { retryAfterMs: waitMs } : { retryInMs: waitMs }),
        cause: safeCause(err),
      });
    }
    if (status === 403 && /duplicate/i.test(detail)) {
      // X says this exact text is already on the profile: maybe our own earlier attempt.
      return new PublishError('unknown', 'duplicate', t('x.error.duplicate', who), { cause: safeCause(err) });
    }
    if (status === 403) return new PublishError('failed', 'forbidden', t('x.error.forbidden', { ...who, detail }), { cause: safeCause(err) });
    if (status >= 500) {
      if (ctx.stage === 'media') {
        return new PublishError('retryable', 'server_error', t('x.error.media_server', { ...who, file: ctx.file ?? '', status }), { cause: safeCause(err) });
      }
      return new PublishError('unknown', 'server_error', t('x.error.server_uncertain', { ...who, status }), { cause: safeCause(err) });
    }
    return new PublishError('failed', 'rejected', t('x.error.rejected', { ...who, detail: detail || `HTTP ${status}` }), { cause: safeCause(err) });
  }
  if (err instanceof ApiRequestError) {
    const code = networkCode(requestErrorOf(err));
    if (TLS.test(code)) return new PublishError('failed', 'tls', t('x.error.tls', { code }), { cause: safeCause(err) });
    if (NEVER_SENT.has(code) || ctx.stage === 'media') {
      return new PublishError('retryable', 'unreachable', t('x.error.unreachable', { ...who, code }), { cause: safeCause(err) });
    }
    return new PublishError('unknown', 'connection_lost', t('x.error.uncertain', { ...who, code }), { cause: safeCause(err) });
  }
  if (err instanceof ApiPartialResponseError) {
    const code = networkCode(err.responseError);
    if (ctx.stage === 'media') return new PublishError('retryable', 'unreachable', t('x.error.unreachable', { ...who, code }), { cause: safeCause(err) });
    return new PublishError('unknown', 'connection_lost', t('x.error.uncertain', { ...who, code }), { cause: safeCause(err) });
  }
  // Anything else (a bug, an unexpected payload): in the post stage it may have gone out.
  const code = networkCode(err);
  if (ctx.stage === 'media') return new PublishError('retryable', 'media_error', t('x.error.unreachable', { ...who, code }), { cause: safeCause(err) });
  return new PublishError('unknown', 'unexpected', t('x.error.uncertain', { ...who, code }), { cause: safeCause(err) });
}
