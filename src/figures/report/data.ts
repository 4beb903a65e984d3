import { DateTime } from 'luxon';
import { coverageOf, publishedTime, readHandoff } from '../../handoff/record.ts';
import type { Config } from '../../config/schema.ts';
import { countsOf, emptyRecord, recordDoc, type SendRecord } from '../../media-email/record.ts';
import { formatId, type Comunicado } from '../../domain/comunicado.ts';
import { kindOf as kindOfContent } from '../../domain/kinds.ts';
import { latestReading, reachOf } from '../../domain/figures.ts';
import type { Store } from '../../store/port.ts';
import { countClicks, readLinks } from '../links.ts';
import { networkOfDestination } from '../summary.ts';

/** The kind of a comunicado (issue 16): comunicado de prensa, aviso or convocatoria. */
export function kindOf(c: Comunicado): string {
  return kindOfContent(c.content);
}

export interface MonthReport {
  /** `2026-11`. */
  month: string;
  zone: string;
  from: string;
  to: string;
  comunicados: Array<{ id: string; title: string; kind: string; state: string; publishedAt?: string; reach: number; clicks: number }>;
  byKind: Record<string, number>;
  /** Done deliveries per destination (simulations counted apart). */
  publications: Record<string, { done: number; simulated: number }>;
  /** Reach (latest figures) and clicks on the bot's links per network. */
  networks: Record<string, { reach: number; clicks: number }>;
  email: { accepted: number; deferred: number; refused: number };
  /** WhatsApp hand-off per member: messages received, confirmations, clicks on their link. */
  members: Record<string, { sent: number; shared: number; clicks: number }>;
}

/**
 * Every comunicado of the years a month touches, by id (C-YYYY-0001 onwards), also the
 * ones older than the store's working set; ids never used leave gaps, so the walk stops
 * only after a long run of missing ids.
 */
async function comunicadosOfYears(store: Store, years: number[]): Promise<Comunicado[]> {
  const out: Comunicado[] = [];
  for (const year of years) {
    let misses = 0;
    for (let seq = 1; misses < 50; seq++) {
      const c = await store.get(formatId(year, seq));
      if (c) {
        out.push(c);
        misses = 0;
      } else misses++;
    }
  }
  return out;
}

/** The month's figures from the store: what a press office reports when it accounts for its work. */
export async function monthReport(store: Store, config: Pick<Config, 'office'>, month: string): Promise<MonthReport> {
  const zone = config.office.timezone;
  const start = DateTime.fromISO(`${month}-01`, { zone });
  if (!start.isValid) throw new Error(`invalid month: ${month}`);
  const end = start.plus({ months: 1 });
  const inMonth = (iso: string | undefined) => !!iso && Date.parse(iso) >= start.toMillis() && Date.parse(iso) < end.toMillis();
  const report: MonthReport = {
    month,
    zone,
    from: start.toISODate()!,
    to: end.minus({ days: 1 }).toISODate()!,
    comunicados: [],
    byKind: {},
    publications: {},
    networks: {},
    email: { accepted: 0, deferred: 0, refused: 0 },
    members: {},
  };
  const years = [...new Set([start.year - (start.month === 1 ? 1 : 0), start.year])];
  for (const c of await comunicadosOfYears(store, years)) {
    const at = publishedTime(c);
    const delivered = Object.values(c.deliveries).filter((d) => (d.state === 'done' || d.state === 'withdrawn') && inMonth(d.finishedAt));
    if (!inMonth(c.createdAt) && !inMonth(at) && !delivered.length) continue;
    const links = await readLinks({ store }, c.id);
    const clicks = countClicks(links);
    let reach = 0;
    for (const d of delivered) {
      const p = (report.publications[d.destination] ??= { done: 0, simulated: 0 });
      if (d.dryRun) p.simulated++;
      else p.done++;
      const last = latestReading(d.figures);
      const net = networkOfDestination(d.destination);
      if (last && net !== 'email') {
        const r = reachOf(last.metrics);
        reach += r;
        (report.networks[net] ??= { reach: 0, clicks: 0 }).reach += r;
      }
    }
    for (const [net, n] of Object.entries(clicks.byNetwork)) (report.networks[net] ??= { reach: 0, clicks: 0 }).clicks += n;
    const kind = kindOf(c);
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    report.comunicados.push({ id: c.id, title: c.content.title, kind, state: c.state, ...(at ? { publishedAt: at } : {}), reach, clicks: clicks.total });

    const email = await store.readDoc<SendRecord>(recordDoc(c.id), emptyRecord(c.id));
    const n = countsOf(email);
    report.email.accepted += n.accepted;
    report.email.deferred += n.deferred;
    report.email.refused += n.refused;

    const h = await readHandoff(store, c.id);
    if (h) {
      const cov = coverageOf(h);
      for (const m of Object.values(h.members)) {
        const row = (report.members[m.name] ??= { sent: 0, shared: 0, clicks: 0 });
        if (!cov.notSent.includes(m.name)) row.sent++;
        if (m.confirmedAt) row.shared++;
      }
    }
    for (const [name, n2] of Object.entries(clicks.byMember)) (report.members[name] ??= { sent: 0, shared: 0, clicks: 0 }).clicks += n2;
  }
  return report;
}
