import { DateTime } from 'luxon';

/**
 * "1 de diciembre de 2026, 08:30" in the given IANA zone: always the office's
 * (`config.office.timezone`), passed by the caller, never assumed here.
 */
export function formatWhen(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('es-CO').toFormat("d 'de' LLLL 'de' yyyy, HH:mm");
}

/** "1 de diciembre de 2026" from YYYY-MM-DD. */
export function formatDay(date: string): string {
  return DateTime.fromISO(date).setLocale('es-CO').toFormat("d 'de' LLLL 'de' yyyy");
}
