import { DateTime } from 'luxon';
import { coverageOf, type HandoffRecord } from '../handoff/record.ts';
import type { Comunicado } from '../domain/comunicado.ts';

/** Destinations grouped by network: the chart's colours (accounts of one network add up). */
export const NETWORKS = ['portal', 'facebook', 'instagram', 'x', 'youtube', 'email'] as const;
export type Network = (typeof NETWORKS)[number];

export interface ChartData {
  /** 28 days (YYYY-MM-DD, office time zone), oldest first. */
  days: string[];
  /** Done deliveries per network and day, aligned with `days`. */
  series: Record<Network, number[]>;
  /** Hand-off coverage per week (7-day blocks of `days`): members reached and who confirmed. */
  weeks: Array<{ start: string; sent: number; shared: number }>;
  /** Some counted deliveries were dry runs (said in the subtitle). */
  simulated: boolean;
}

export function networkOf(destination: string): Network {
  const net = destination.split(':')[0] as Network;
  return (NETWORKS as readonly string[]).includes(net) ? net : 'portal';
}

/**
 * The weekly picture's numbers: over the 28 days ending on `lastDay`, each destination a
 * comunicado reached counts once on the day it went out (its delivery's finish time), and
 * each hand-off counts in the week it started.
 */
export function chartData(comunicados: Comunicado[], handoffs: HandoffRecord[], lastDay: string, zone: string): ChartData {
  const end = DateTime.fromISO(lastDay, { zone });
  const days = Array.from({ length: 28 }, (_, i) => end.minus({ days: 27 - i }).toISODate()!);
  const index = new Map(days.map((d, i) => [d, i]));
  const series = Object.fromEntries(NETWORKS.map((n) => [n, days.map(() => 0)])) as Record<Network, number[]>;
  let simulated = false;
  for (const c of comunicados) {
    for (const d of Object.values(c.deliveries)) {
      if (!d.finishedAt || (d.state !== 'done' && d.state !== 'withdrawn')) continue;
      const i = index.get(DateTime.fromISO(d.finishedAt, { zone: 'utc' }).setZone(zone).toISODate()!);
      if (i === undefined) continue;
      series[networkOf(d.destination)][i]! += 1;
      if (d.dryRun) simulated = true;
    }
  }
  const weeks = [0, 7, 14, 21].map((k) => ({ start: days[k]!, sent: 0, shared: 0 }));
  for (const h of handoffs) {
    const i = index.get(DateTime.fromISO(h.createdAt, { zone: 'utc' }).setZone(zone).toISODate()!);
    if (i === undefined) continue;
    const week = weeks[Math.floor(i / 7)]!;
    const cov = coverageOf(h);
    week.sent += cov.sent;
    week.shared += cov.shared.length;
  }
  return { days, series, weeks, simulated };
}
