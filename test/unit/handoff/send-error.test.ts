import { describe, expect, it } from 'vitest';
import { classifySendError } from '../../../src/handoff/send-error.ts';
import { remindAt } from '../../../src/handoff/remind-at.ts';

const now = new Date('2026-03-02T15:00:00Z');

describe('chat send errors', () => {
  it.each([
    ['Slack Web API', Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 7 }), 7000],
    ['Telegram (Telegraf)', Object.assign(new Error('429'), { code: 429, response: { error_code: 429, parameters: { retry_after: 3 } } }), 3000],
    ['Telegram, parameters on the error', Object.assign(new Error('429'), { parameters: { retry_after: 2 }, status: 429 }), 2000],
    ['plain HTTP with Retry-After', Object.assign(new Error('429'), { statusCode: 429, headers: { 'retry-after': '5' } }), 5000],
    ['neutral retryAfterMs', Object.assign(new Error('wait'), { retryAfterMs: 1234 }), 1234],
    ['plain HTTP with an HTTP-date Retry-After, on the injected clock', Object.assign(new Error('429'), { statusCode: 429, headers: { 'retry-after': 'Mon, 02 Mar 2026 15:00:09 GMT' } }), 9000],
    ['429 without a wait', Object.assign(new Error('429'), { status: 429 }), 1000],
  ])('reads the wait of a rate limit: %s', (_name, err, ms) => {
    expect(classifySendError(err, now)).toEqual({ kind: 'rate_limited', waitMs: ms });
  });

  it('retries only what proves nothing was sent', () => {
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), now).kind).toBe('not_sent');
    expect(classifySendError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), now).kind).toBe('unknown');
    expect(classifySendError(Object.assign(new Error('aborted'), { name: 'AbortError' }), now).kind).toBe('unknown');
    const blocked = Object.assign(new Error('403'), { code: 403, response: { error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
    expect(classifySendError(blocked, now)).toEqual({ kind: 'refused', detail: 'Forbidden: bot was blocked by the user' });
    expect(classifySendError(Object.assign(new Error('An API error occurred: user_not_found'), { code: 'slack_webapi_platform_error', data: { error: 'user_not_found' } }), now)).toEqual({ kind: 'refused', detail: 'user_not_found' });
  });
});

describe('reminder time', () => {
  const zone = 'America/Bogota';
  it('is the configured minutes later during the day', () => {
    expect(remindAt(new Date('2026-03-03T15:00:00Z'), 120, '21:00-07:00', zone).toISOString()).toBe('2026-03-03T17:00:00.000Z');
  });
  it('waits for the end of the quiet hours (Bogotá time) at night', () => {
    // 20:30 in Bogotá + 2 h = 22:30, quiet: next day 07:00 Bogotá = 12:00 UTC.
    expect(remindAt(new Date('2026-03-04T01:30:00Z'), 120, '21:00-07:00', zone).toISOString()).toBe('2026-03-04T12:00:00.000Z');
    // 01:00 in Bogotá + 1 h = 02:00, quiet: same day 07:00.
    expect(remindAt(new Date('2026-03-04T06:00:00Z'), 60, '21:00-07:00', zone).toISOString()).toBe('2026-03-04T12:00:00.000Z');
  });
  it('sends at any hour without quiet hours', () => {
    expect(remindAt(new Date('2026-03-04T01:30:00Z'), 120, null, zone).toISOString()).toBe('2026-03-04T03:30:00.000Z');
  });
});
