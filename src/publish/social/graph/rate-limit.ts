/**
 * Wait after a Graph rate-limit answer when the platform gives no usable hint. Graph's
 * app and page limits are computed over a rolling hour; five minutes is long enough not
 * to hammer it and short enough for the engine to wait it out (publishing.maxWaitSeconds).
 */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60_000;
/** Shortest wait we honour, even when a header says "now": never a hot loop. */
export const MIN_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * How long to wait before calling Graph again, read from the response headers:
 * - `Retry-After` (seconds or an HTTP date), when a proxy or the platform sends it;
 * - `x-business-use-case-usage`: per business object, a list of usages each with
 *   `estimated_time_to_regain_access` in MINUTES (Pages and Instagram use it);
 * otherwise DEFAULT_RATE_LIMIT_WAIT_MS. `x-app-usage` / `x-page-usage` only carry
 * percentages, no time, so they do not change the wait.
 */
export function graphRetryAfterMs(headers: Readonly<Record<string, string>>, now: Date = new Date()): number {
  return graphAskedWaitMs(headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** The wait Meta itself gave (Retry-After, or the regain time in the usage headers), if any. */
export function graphAskedWaitMs(headers: Readonly<Record<string, string>>, now: Date = new Date()): number | undefined {
  const candidates: number[] = [];
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) candidates.push(Number(retryAfter) * 1000);
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) candidates.push(at - now.getTime());
    }
  }
  const buc = headers['x-business-use-case-usage'];
  if (buc) {
    const minutes = maxRegainMinutes(buc);
    if (minutes !== undefined) candidates.push(minutes * 60_000);
  }
  if (!candidates.length) return undefined;
  return Math.max(MIN_RATE_LIMIT_WAIT_MS, ...candidates);
}

function maxRegainMinutes(header: string): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  let max: number | undefined;
  for (const usages of Object.values(parsed as Record<string, unknown>)) {
    if (!Array.isArray(usages)) continue;
    for (const u of usages) {
      const m = (u as { estimated_time_to_regain_access?: unknown })?.estimated_time_to_regain_access;
      if (typeof m === 'number' && Number.isFinite(m) && m >= 0) max = Math.max(max ?? 0, m);
    }
  }
  return max;
}
