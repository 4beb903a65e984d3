import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfterMs } from '../../../src/util/retry-after.ts';

const now = new Date('2026-03-02T15:00:00Z');

describe('the one Retry-After parser', () => {
  it.each<[string, unknown, number | undefined]>([
    ['whole seconds', '120', 120_000],
    ['seconds with spaces around', '  30 ', 30_000],
    ['zero', '0', 0],
    ['fractional seconds', '1.5', 1500],
    ['a number, not a string (Slack, Telegram)', 7, 7000],
    ['an HTTP date in the future, against the injected now', 'Mon, 02 Mar 2026 15:02:00 GMT', 120_000],
    ['an HTTP date in the past means now', 'Mon, 02 Mar 2026 14:00:00 GMT', 0],
    ['garbage', 'soon', undefined],
    ['a bare number is seconds, never a year', '2026', 2026_000],
    ['a date without a weekday or month is garbage', '2026-13-99', undefined],
    ['empty', '', undefined],
    ['undefined', undefined, undefined],
    ['negative seconds', '-5', undefined],
    ['negative number', -1, undefined],
    ['not a number', Number.NaN, undefined],
    ['huge seconds are capped', '999999999', MAX_RETRY_AFTER_MS],
    ['a date years away is capped', 'Fri, 01 Jan 2100 00:00:00 GMT', MAX_RETRY_AFTER_MS],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });

  it('takes a caller cap', () => {
    expect(parseRetryAfterMs('600', now, 60_000)).toBe(60_000);
  });
});
