import { DateTime } from 'luxon';
import { coverageOf, publishedTime, readHandoff } from '../handoff/record.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import type { AccessReport } from '../publish/port.ts';
import { KNOWN_DESTINATIONS } from '../publish/registry.ts';
import { liveUrl, takenDown } from '../render/chat.ts';
import { titleWithKind } from '../render/kinds.ts';
import { openConvocatorias } from '../portal-rules/convocatorias.ts';
import { takesDown } from '../schedule/vigencia.ts';
import type { Services } from '../service/extension.ts';
import type { DigestData } from './content.ts';

const EXPIRY_WINDOW_MS = 7 * 86_400_000;
const ACCESS_TIMEOUT_MS = 20_000;

type AccountHealth = Record<string, { ok: boolean; at: string; message?: string }>;

/** When a comunicado entered approval the last time (its submission or the last edit). */
function waitingSince(c: Comunicado): string {
  const entry = [...c.audit].reverse().find((a) => a.action === 'submit' || a.action === 'edit');
  return entry?.at ?? c.updatedAt;
}

/** Runs every real account's access check, each bounded in time; failures become reports. */
async function checkAccounts(services: Services): Promise<AccessReport[]> {
  const checks = KNOWN_DESTINATIONS.map((dest) => services.registry.get(dest)).filter(
    (p) => !p.dryRun && p.checkAccess,
  );
  return Promise.all(
    checks.map(async (p) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<AccessReport>((resolve) => {
        timer = setTimeout(() => resolve({ destination: p.destination, ok: false, detail: 'sin respuesta a tiempo' }), ACCESS_TIMEOUT_MS);
        timer.unref?.();
      });
      try {
        return await Promise.race([p.checkAccess!(), timeout]);
      } catch (err) {
        return { destination: p.destination, ok: false, detail: (err as Error)?.message ?? String(err) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/**
 * Gathers the digest from the store's working set (every open comunicado and those closed
 * in the last weeks), the engine's `account-health` doc, the hand-off records and, when
 * configured, a live access check of the real accounts (token expiry).
 */
export async function collectDigest(services: Services, since: Date): Promise<DigestData> {
  const { store, config } = services;
  const zone = config.office.timezone;
  const now = services.now();
  const today = DateTime.fromJSDate(now, { zone });
  const todayIso = today.toISODate()!;
  const tomorrowIso = today.plus({ days: 1 }).toISODate()!;
  const coverageFrom = Math.min(since.getTime(), now.getTime() - config.digest.coverageDays * 86_400_000);

  const data: DigestData = { now, since, zone, published: [], pending: [], attention: [], scheduledToday: [], vigencias: [], accounts: [], coverage: [] };
  const summaries = [...(await store.list())].sort((a, b) => a.id.localeCompare(b.id));
  data.convocatorias = openConvocatorias(summaries, now, zone);
  for (const s of summaries) {
    const states = Object.values(s.deliveries);
    const settled = s.state === 'published' || s.state === 'partially_published';
    const needsPerson = states.includes('failed') || states.includes('unknown');
    const closing = settled && (s.vigenciaHasta === todayIso || s.vigenciaHasta === tomorrowIso);
    const scheduled = s.state === 'scheduled' && s.scheduledFor && DateTime.fromISO(s.scheduledFor, { zone: 'utc' }).setZone(zone).toISODate() === todayIso;
    const recent = settled && Date.parse(s.updatedAt) >= coverageFrom;
    if (!(s.state === 'pending_approval' || scheduled || closing || recent || (needsPerson && !['withdrawn', 'rejected'].includes(s.state)))) continue;
    const c = await store.get(s.id);
    if (!c) continue;

    if (s.state === 'pending_approval') data.pending.push({ id: c.id, title: titleWithKind(c.content.title, c.content.kind), author: c.author.name ?? c.author.userId, since: waitingSince(c) });
    if (scheduled) data.scheduledToday.push({ id: c.id, title: c.content.title, at: s.scheduledFor! });
    if (needsPerson && !['withdrawn', 'rejected', 'publishing'].includes(c.state)) {
      for (const d of Object.values(c.deliveries)) {
        if (d.state === 'failed' || d.state === 'unknown') data.attention.push({ id: c.id, destination: d.destination, state: d.state, message: d.error?.message ?? '' });
      }
    }
    if (closing) {
      const placements = Object.values(c.deliveries).filter((d) => takesDown(d) && d.state === 'done' && !d.takenDownAt).map((d) => d.destination);
      if (placements.length) data.vigencias.push({ id: c.id, title: c.content.title, day: s.vigenciaHasta!, when: s.vigenciaHasta === todayIso ? 'today' : 'tomorrow', placements });
    }
    const at = settled ? publishedTime(c) : undefined;
    if (at && Date.parse(at) >= since.getTime() && Date.parse(at) <= now.getTime()) {
      data.published.push({
        id: c.id,
        title: titleWithKind(c.content.title, c.content.kind),
        state: c.state,
        // A placement taken down at the end of its vigencia is told as such, without its dead link.
        links: Object.values(c.deliveries)
          .filter((d) => liveUrl(d) && !takenDown(d))
          .map((d) => ({ destination: d.destination, url: d.url!, dryRun: d.dryRun })),
        takenDown: Object.values(c.deliveries)
          .filter(takenDown)
          .map((d) => ({ destination: d.destination, ...(liveUrl(d) ? { url: d.url! } : {}) })),
        summaries: Object.values(c.deliveries)
          .filter((d) => d.state === 'done' && !d.url && typeof d.meta?.summary === 'string')
          .map((d) => ({ destination: d.destination, summary: d.meta!.summary as string })),
      });
    }
    if (at && Date.parse(at) >= coverageFrom) {
      const rec = await readHandoff(store, c.id);
      if (rec) {
        const cov = coverageOf(rec);
        data.coverage.push({ id: c.id, title: c.content.title, shared: cov.shared, missing: cov.missing, notSent: cov.notSent, total: Object.keys(rec.members).length });
      }
    }
  }

  const health = await store.readDoc<AccountHealth>('account-health', {});
  for (const [destination, h] of Object.entries(health)) {
    if (!h.ok) data.accounts.push({ destination, kind: 'failed', at: h.at, ...(h.message ? { message: h.message } : {}) });
  }
  if (config.digest.checkAccess) {
    for (const r of await checkAccounts(services)) {
      const known = data.accounts.some((a) => a.destination === r.destination && a.kind === 'failed');
      if (!r.ok && !known) data.accounts.push({ destination: r.destination, kind: 'failed', at: now.toISOString(), message: r.detail });
      else if (r.ok && r.expiresAt && Date.parse(r.expiresAt) - now.getTime() <= EXPIRY_WINDOW_MS) {
        data.accounts.push({ destination: r.destination, kind: 'expires', at: r.expiresAt });
      }
    }
  }
  return data;
}
