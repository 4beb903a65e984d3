import { t } from '../messages/index.ts';

/** "45 min", "2 h 5 min", "1 d 3 h": how late something is, as a person says it. */
export function formatDuration(ms: number): string {
  const totalMin = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  if (d > 0) return h ? t('schedule.duration.days_hours', { d, h }) : t('schedule.duration.days', { d });
  if (h > 0) return m ? t('schedule.duration.hours_minutes', { h, m }) : t('schedule.duration.hours', { h });
  return t('schedule.duration.minutes', { m });
}
