import { parseRetryAfterMs } from '../util/retry-after.ts';

/**
 * What a failed chat call means for a direct message. Chat adapters report errors in
 * their library's shape; this reads the common ones without importing any library:
 * - a neutral `retryAfterMs` (ms) on the error, which any adapter may set;
 * - Slack Web API: `code: 'slack_webapi_rate_limited_error'` with `retryAfter` (s);
 * - Telegram (Telegraf): `code`/`response.error_code` 429 with `parameters.retry_after` (s);
 * - plain HTTP: `status`/`statusCode` 429 with a `retry-after` header (s).
 *
 * `rate_limited` and `not_sent` prove nothing was delivered, so the message may be sent
 * again; `unknown` (a timeout after sending) and `refused` (the chat said no) are never
 * retried automatically: nobody must get the same message twice.
 */
export type SendFailure =
  | { kind: 'rate_limited'; waitMs: number }
  | { kind: 'not_sent'; detail: string }
  | { kind: 'unknown'; detail: string }
  | { kind: 'refused'; detail: string };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const MAYBE_SENT = new Set(['ETIMEDOUT', 'ECONNRESET', 'ESOCKETTIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const DEFAULT_WAIT_MS = 1000;

type Bag = Record<string, unknown>;

function obj(v: unknown): Bag | undefined {
  return v && typeof v === 'object' ? (v as Bag) : undefined;
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function header(headers: unknown, name: string): unknown {
  const h = obj(headers);
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as unknown as { get(n: string): unknown }).get(name);
  return h[name] ?? h[name.toLowerCase()];
}

/** The wait a rate-limited answer asked for, in ms; undefined when it was not a rate limit. */
export function rateLimitWaitMs(err: unknown, now: Date): number | undefined {
  const e = obj(err);
  if (!e) return undefined;
  const neutral = num(e.retryAfterMs);
  if (neutral !== undefined) return neutral;
  if (e.code === 'slack_webapi_rate_limited_error') return parseRetryAfterMs(e.retryAfter, now) ?? DEFAULT_WAIT_MS;
  const response = obj(e.response);
  const params = obj(e.parameters) ?? obj(response?.parameters);
  const status = num(e.status) ?? num(e.statusCode) ?? num(response?.status) ?? num(response?.error_code) ?? (e.code === 429 ? 429 : undefined);
  if (status !== 429) return undefined;
  return (
    parseRetryAfterMs(params?.retry_after, now) ??
    parseRetryAfterMs(header(e.headers, 'retry-after'), now) ??
    parseRetryAfterMs(header(response?.headers, 'retry-after'), now) ??
    DEFAULT_WAIT_MS
  );
}

function detailOf(e: Bag | undefined, err: unknown): string {
  const description = obj(e?.response)?.description ?? obj(obj(e?.data))?.error ?? e?.message;
  return String(description ?? err).slice(0, 200);
}

export function classifySendError(err: unknown, now: Date): SendFailure {
  const wait = rateLimitWaitMs(err, now);
  if (wait !== undefined) return { kind: 'rate_limited', waitMs: wait };
  const e = obj(err);
  const code = String(e?.code ?? obj(e?.cause)?.code ?? '');
  const detail = detailOf(e, err);
  if (NOT_SENT.has(code)) return { kind: 'not_sent', detail };
  const name = String(e?.name ?? '');
  if (MAYBE_SENT.has(code) || name === 'AbortError' || name === 'TimeoutError' || /socket hang up/i.test(detail)) return { kind: 'unknown', detail };
  return { kind: 'refused', detail };
}
