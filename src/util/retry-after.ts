/** Longest wait a `Retry-After` header can ask of us: a day; beyond it the value is taken as a day. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * The wait a `Retry-After` value asks for, in ms (RFC 9110 §10.2.3): either a number of
 * seconds or an HTTP date, the latter measured from `now` (the app's clock, never the wall).
 * A date in the past means "now" (0). Garbage, empty and negative values give undefined, so
 * each caller keeps its own default; very large values are capped at `max`.
 * Accepts a fractional number of seconds too (some proxies send them).
 */
export function parseRetryAfterMs(value: unknown, now: Date, max: number = MAX_RETRY_AFTER_MS): number | undefined {
  if (typeof value === 'number') return fromSeconds(value, max);
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!v) return undefined;
  if (/^[+-]?\d+(\.\d+)?$/.test(v)) return fromSeconds(Number(v), max);
  // An HTTP date always names the weekday or the month; bare years ("2026") and the like are garbage.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(max, Math.max(0, at - now.getTime()));
}

function fromSeconds(s: number, max: number): number | undefined {
  if (!Number.isFinite(s) || s < 0) return undefined;
  return Math.min(max, s * 1000);
}
