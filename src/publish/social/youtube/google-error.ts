import { DateTime } from 'luxon';
import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { clockText } from '../x/shared.ts';

/** What the YouTube publisher's messages need to name the account and the clock. */
export interface YoutubeErrorContext {
  channel: string;
  refreshTokenVar: string;
  now: Date;
  timeZone: string;
}

/**
 * Google's JSON error body: `{"error": {"code", "message", "errors": [{"reason", "domain",
 * "message"}]}}` for the Data API; `{"error": "invalid_grant", "error_description"}` for the
 * OAuth token endpoint.
 */
export function googleReason(data: unknown): { reason?: string; message?: string } {
  if (!data || typeof data !== 'object') return {};
  const e = (data as { error?: unknown; error_description?: unknown }).error;
  if (typeof e === 'string') {
    const desc = (data as { error_description?: unknown }).error_description;
    return { reason: e, ...(typeof desc === 'string' ? { message: desc } : {}) };
  }
  if (!e || typeof e !== 'object') return {};
  const err = e as { message?: unknown; errors?: Array<{ reason?: unknown; message?: unknown }>; status?: unknown };
  const first = err.errors?.[0];
  const reason = typeof first?.reason === 'string' ? first.reason : typeof err.status === 'string' ? err.status : undefined;
  const message = typeof err.message === 'string' ? err.message : typeof first?.message === 'string' ? first.message : undefined;
  return { ...(reason ? { reason } : {}), ...(message ? { message: stripTags(message) } : {}) };
}

/** Google puts HTML links in some messages ("exceeded your <a href=...>quota</a>"). */
function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '').slice(0, 300);
}

/** The daily quota resets at midnight Pacific Time. */
export function nextQuotaReset(now: Date): Date {
  return DateTime.fromJSDate(now).setZone('America/Los_Angeles').plus({ days: 1 }).startOf('day').toJSDate();
}

function retryAfterMs(headers: Record<string, unknown>, now: Date): number | undefined {
  const raw = headers['retry-after'];
  if (typeof raw !== 'string' || !raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(1000, secs * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(1000, at - now.getTime()) : undefined;
}

/**
 * A Data API answer that is not a success, in the engine's vocabulary. Only used for calls
 * that create nothing when they fail (starting an upload session, listing, deleting), so
 * server errors are retryable. The upload itself settles uncertainty by asking the session.
 */
export function classifyGoogleResponse(status: number, data: unknown, headers: Record<string, unknown>, ctx: YoutubeErrorContext): PublishError {
  const { reason, message } = googleReason(data);
  const detail = message ?? reason ?? `HTTP ${status}`;
  if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') {
    const reset = nextQuotaReset(ctx.now);
    // Not retried by the engine: a whole day's wait needs a person's /reintentar, not a loop.
    return new PublishError('failed', 'quota_exceeded', t('youtube.error.quota', { time: clockText(reset, ctx.now, ctx.timeZone) }), {
      retryAfterMs: reset.getTime() - ctx.now.getTime(),
    });
  }
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || reason === 'RESOURCE_EXHAUSTED' || status === 429) {
    const asked = retryAfterMs(headers, ctx.now);
    const wait = asked ?? 60_000;
    const at = new Date(ctx.now.getTime() + wait);
    return new PublishError('retryable', 'rate_limited', t('youtube.error.rate_limited', { time: clockText(at, ctx.now, ctx.timeZone) }), asked !== undefined ? { retryAfterMs: wait } : { retryInMs: wait });
  }
  if (reason === 'uploadLimitExceeded') return new PublishError('failed', 'upload_limit', t('youtube.error.upload_limit', { channel: ctx.channel }));
  if (status === 401) {
    return new PublishError('failed', 'auth_expired', t('youtube.error.auth', { channel: ctx.channel, var: ctx.refreshTokenVar }), { accountUnhealthy: true });
  }
  if (status === 403) return new PublishError('failed', 'forbidden', t('youtube.error.forbidden', { channel: ctx.channel, detail }));
  if (status >= 500) return new PublishError('retryable', 'server_error', t('youtube.error.server', { status }));
  return new PublishError('failed', 'rejected', t('youtube.error.rejected', { detail }));
}

/** A connection failure (no answer at all). */
export function networkCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return typeof e?.code === 'string' ? e.code : String(e?.message ?? 'error de red').slice(0, 80);
}
