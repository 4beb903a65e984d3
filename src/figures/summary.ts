import { DateTime } from 'luxon';
import { publishedTime } from '../handoff/record.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import { latestReading, reachOf } from '../domain/figures.ts';
import type { Services } from '../service/extension.ts';
import { countClicks, readLinks } from './links.ts';

/** A delivery's network: `facebook:alcaldia` -> `facebook`. */
export const networkOfDestination = (d: string) => d.split(':')[0]!;

/** The reach of each network for one comunicado (latest reading of each delivery). */
export function reachByNetwork(c: Comunicado): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of Object.values(c.deliveries)) {
    const last = latestReading(d.figures);
    if (!last) continue;
    const n = networkOfDestination(d.destination);
    out[n] = (out[n] ?? 0) + reachOf(last.metrics);
  }
  return out;
}

export function totalReach(c: Comunicado): number {
  return Object.values(reachByNetwork(c)).reduce((a, b) => a + b, 0);
}

export interface TopItem {
  id: string;
  title: string;
  reach: number;
  clicks: number;
}

/**
 * The comunicados that came out on `day` (office time zone), by reach and then by clicks
 * on the bot's links; those with no figure at all are left out.
 */
export async function topOfDay(services: Pick<Services, 'store' | 'config'>, day: string, limit = 5): Promise<TopItem[]> {
  const zone = services.config.office.timezone;
  const out: TopItem[] = [];
  for (const s of await services.store.list()) {
    if (s.state !== 'published' && s.state !== 'partially_published') continue;
    const c = await services.store.get(s.id);
    const at = c && publishedTime(c);
    if (!c || !at || DateTime.fromISO(at, { zone: 'utc' }).setZone(zone).toISODate() !== day) continue;
    const reach = totalReach(c);
    const clicks = countClicks(await readLinks(services, c.id)).total;
    if (reach || clicks) out.push({ id: c.id, title: c.content.title, reach, clicks });
  }
  return out.sort((a, b) => b.reach - a.reach || b.clicks - a.clicks || a.id.localeCompare(b.id)).slice(0, limit);
}
