import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { cronExpression, isMonday, isoWeek, latestSlot } from '../../../src/digest/slot.ts';
import { formatAge } from '../../../src/digest/content.ts';

describe('digest slots', () => {
  const zone = 'America/Bogota';
  it('is today at the configured time once it passed, else yesterday (office time zone)', () => {
    expect(latestSlot(new Date('2026-03-03T12:00:00Z'), '07:00', zone)).toEqual({ day: '2026-03-03', at: new Date('2026-03-03T12:00:00Z') });
    expect(latestSlot(new Date('2026-03-03T11:59:59Z'), '07:00', zone)).toEqual({ day: '2026-03-02', at: new Date('2026-03-02T12:00:00Z') });
    // 23:30 in Ibagué is already the next day in UTC.
    expect(latestSlot(new Date('2026-03-04T04:30:00Z'), '07:00', zone).day).toBe('2026-03-03');
    expect(latestSlot(new Date('2026-03-04T04:30:00Z'), '23:15', zone)).toEqual({ day: '2026-03-03', at: new Date('2026-03-04T04:15:00Z') });
  });

  it('gives node-cron a valid daily expression', () => {
    expect(cronExpression('07:00')).toBe('0 7 * * *');
    expect(cronExpression('18:45')).toBe('45 18 * * *');
    expect(cron.validate(cronExpression('07:05'))).toBe(true);
  });

  it('knows Mondays and ISO weeks', () => {
    expect(isMonday('2026-03-02')).toBe(true);
    expect(isMonday('2026-03-03')).toBe(false);
    expect(isoWeek('2026-03-02')).toBe('2026-W10');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });

  it('says how long something has waited', () => {
    expect(formatAge(45 * 60_000)).toBe('45 min');
    expect(formatAge(3 * 3_600_000 + 59 * 60_000)).toBe('3 h');
    expect(formatAge(50 * 3_600_000)).toBe('2 d 2 h');
  });
});
