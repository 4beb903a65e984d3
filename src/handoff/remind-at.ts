import { DateTime } from 'luxon';

/**
 * When the reminder goes: `minutes` after the hand-off, but never inside the quiet hours
 * ("21:00-07:00", office time zone): a reminder that would fall there waits for their end.
 */
export function remindAt(from: Date, minutes: number, quietHours: string | null, zone: string): Date {
  const due = DateTime.fromJSDate(from, { zone }).plus({ minutes });
  if (!quietHours) return due.toJSDate();
  const [start, end] = quietHours.split('-').map((hm) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  }) as [number, number];
  const minute = due.hour * 60 + due.minute;
  const crossesMidnight = start > end;
  const quiet = crossesMidnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!quiet) return due.toJSDate();
  let at = due.startOf('day').plus({ minutes: end });
  if (at < due) at = at.plus({ days: 1 });
  return at.toJSDate();
}
