import { DateTime } from 'luxon';

export const OFFICE_ZONE = 'America/Bogota';

/** "1 de diciembre de 2026, 08:30" in the office's time zone. */
export function formatWhen(iso: string, zone = OFFICE_ZONE): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('es-CO').toFormat("d 'de' LLLL 'de' yyyy, HH:mm");
}

/** "1 de diciembre de 2026" from YYYY-MM-DD. */
export function formatDay(date: string): string {
  return DateTime.fromISO(date).setLocale('es-CO').toFormat("d 'de' LLLL 'de' yyyy");
}
