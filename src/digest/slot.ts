import { DateTime } from 'luxon';

/** One daily digest: its day (YYYY-MM-DD, office time zone) and the instant it is due. */
export interface Slot {
  day: string;
  at: Date;
}

function hourMinute(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/** node-cron expression for every day at `hhmm` (evaluated in the zone given to node-cron). */
export function cronExpression(hhmm: string): string {
  const { hour, minute } = hourMinute(hhmm);
  return `${minute} ${hour} * * *`;
}

/** The most recent digest time at or before `now`: today's if it passed, else yesterday's. */
export function latestSlot(now: Date, hhmm: string, zone: string): Slot {
  const local = DateTime.fromJSDate(now, { zone });
  let at = local.set({ ...hourMinute(hhmm), second: 0, millisecond: 0 });
  if (at.toMillis() > now.getTime()) at = at.minus({ days: 1 });
  return { day: at.toISODate()!, at: at.toJSDate() };
}

/** The day of an instant in the office time zone. */
export function dayOf(date: Date | string, zone: string): string {
  const d = typeof date === 'string' ? DateTime.fromISO(date, { zone: 'utc' }) : DateTime.fromJSDate(date);
  return d.setZone(zone).toISODate()!;
}

export function isMonday(day: string): boolean {
  return DateTime.fromISO(day).weekday === 1;
}

/** ISO week of a day, `2026-W49`: the weekly chart goes once per week. */
export function isoWeek(day: string): string {
  return DateTime.fromISO(day).toFormat("kkkk-'W'WW");
}
