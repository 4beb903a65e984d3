import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT_WAIT_MS, graphRetryAfterMs, MIN_RATE_LIMIT_WAIT_MS } from '../../../src/publish/social/graph/rate-limit.ts';

const buc = (...minutes: number[]) =>
  JSON.stringify({ '104512345678901': minutes.map((m) => ({ type: 'pages', call_count: 100, total_cputime: 10, total_time: 20, estimated_time_to_regain_access: m })) });

describe('graphRetryAfterMs', () => {
  const now = new Date('2026-03-10T15:00:00Z');
  it('uses the largest estimated_time_to_regain_access (minutes)', () => {
    expect(graphRetryAfterMs({ 'x-business-use-case-usage': buc(3, 12) }, now)).toBe(12 * 60_000);
  });
  it('reads Retry-After in seconds and as an HTTP date', () => {
    expect(graphRetryAfterMs({ 'retry-after': '240' }, now)).toBe(240_000);
    expect(graphRetryAfterMs({ 'retry-after': 'Tue, 10 Mar 2026 15:10:00 GMT' }, now)).toBe(600_000);
  });
  it('never waits less than the minimum, even when told zero', () => {
    expect(graphRetryAfterMs({ 'x-business-use-case-usage': buc(0) }, now)).toBe(MIN_RATE_LIMIT_WAIT_MS);
  });
  it('falls back to the default with no usable hint (percent-only or broken headers)', () => {
    expect(graphRetryAfterMs({ 'x-app-usage': '{"call_count":100,"total_time":40,"total_cputime":30}' }, now)).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(graphRetryAfterMs({ 'x-business-use-case-usage': '{not json' }, now)).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });
});
