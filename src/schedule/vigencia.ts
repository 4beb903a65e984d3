import { DateTime } from 'luxon';
import type { Comunicado, Delivery } from '../domain/comunicado.ts';
import { destinationKind } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { SYSTEM } from '../publish/engine.ts';
import type { PublishContext, TakeDownResult } from '../publish/port.ts';
import { destinationLabel } from '../render/chat.ts';
import { formatDay, formatWhen } from '../render/time.ts';
import { placementsEnd } from '../portal-rules/convocatorias.ts';
import type { Services } from '../service/extension.ts';

/** A failing take-down is tried again this often, this many times, then left to a person. */
const RETRY_MS = 30 * 60_000;
const MAX_ATTEMPTS = 5;

interface TakeDownMeta {
  attempts: number;
  lastAt: string;
  error?: string;
  /** A person must take it down (the publisher cannot, or the bot gave up). */
  manual?: boolean;
}

/** The instant a vigencia ends: the end of its last day in the office time zone. */
export function vigenciaEnd(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).endOf('day').toJSDate();
}

/**
 * Placements taken down at the end of their vigencia: every portal placement except the
 * noticia. Sliders, banner and pop-up are temporary by nature; the noticia is the press
 * release itself and stays published as public information (Ley 1712 de 2014).
 */
export function takesDown(d: Delivery): boolean {
  return destinationKind(d.destination) === 'portal' && d.destination !== 'portal:noticia';
}

function due(d: Delivery, now: number): boolean {
  if (d.state !== 'done' || d.takenDownAt || !takesDown(d)) return false;
  const meta = d.meta?.takeDown as TakeDownMeta | undefined;
  if (!meta) return true;
  if (meta.manual) return false;
  return now - Date.parse(meta.lastAt) >= RETRY_MS;
}

/**
 * Takes down every placement whose vigencia ended (called by the scheduler on each
 * tick): the portal publisher's `takeDown` for each done placement, recorded on the
 * delivery (`takenDownAt`, `meta.takeDown`) and in the audit, with a note in the thread.
 * A dry-run placement is taken down in simulation; a publisher without `takeDown` asks a
 * person to do it.
 */
export async function takeDownExpired(services: Services): Promise<void> {
  const zone = services.config.office.timezone;
  const now = services.now().getTime();
  for (const s of await services.store.list()) {
    // The end of the vigencia, or a convocatoria's deadline if it comes first.
    const end = placementsEnd(s, zone);
    if (!end || !['published', 'partially_published', 'failed'].includes(s.state)) continue;
    if (end.at > now) continue;
    const c = await services.store.get(s.id);
    if (!c) continue;
    for (const d of Object.values(c.deliveries).filter((x) => due(x, now))) {
      await takeDownOne(services, c, d).catch((err) =>
        services.logger.error({ err, comunicado: c.id, destination: d.destination }, 'take-down not recorded'),
      );
    }
  }
}

async function takeDownOne(services: Services, c: Comunicado, d: Delivery): Promise<void> {
  const publisher = services.registry.get(d.destination);
  const log = services.logger.child({ module: 'vigencia', comunicado: c.id, destination: d.destination });
  const prev = d.meta?.takeDown as TakeDownMeta | undefined;
  const attempts = (prev?.attempts ?? 0) + 1;
  const end = placementsEnd({ ...(c.content.vigenciaHasta ? { vigenciaHasta: c.content.vigenciaHasta } : {}), ...(c.content.closesAt ? { closesAt: c.content.closesAt } : {}) }, services.config.office.timezone);
  const byCierre = end?.reason === 'cierre';
  const date = byCierre ? formatWhen(c.content.closesAt!, services.config.office.timezone) : formatDay(c.content.vigenciaHasta!);
  const destination = destinationLabel(d.destination);
  const thread = services.comunicados.previewThread(c);
  const post = (text: string) => services.chats.tryPost(c.origin.platform, thread, { text });

  let result: TakeDownResult | undefined;
  let error: string | undefined;
  let manual = false;
  if (publisher.takeDown) {
    const ctx: PublishContext = { dataDir: services.dataDir, logger: log, progress: () => {} };
    try {
      result = (await publisher.takeDown(c, d, ctx)) ?? { outcome: 'removed', detail: '' };
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
  } else if (publisher.dryRun || d.dryRun) {
    result = { outcome: 'removed', detail: t('schedule.takedown_simulated') };
  } else {
    manual = true;
  }

  const at = services.now().toISOString();
  const gaveUp = !!error && attempts >= MAX_ATTEMPTS;
  await services.store.update(c.id, (cur) => {
    const del = cur.deliveries[d.destination];
    if (!del) return cur;
    const meta: TakeDownMeta = { attempts, lastAt: at };
    if (result) {
      del.takenDownAt = at;
      del.meta = { ...del.meta, takeDown: { ...meta, outcome: result.outcome, detail: result.detail } };
      cur.audit.push({ at, actor: SYSTEM, action: 'vigencia_takedown', detail: `${d.destination}: ${result.outcome}${result.detail ? ` — ${result.detail}` : ''}` });
    } else if (manual) {
      del.meta = { ...del.meta, takeDown: { ...meta, manual: true } };
      cur.audit.push({ at, actor: SYSTEM, action: 'vigencia_takedown_manual', detail: d.destination });
    } else {
      del.meta = { ...del.meta, takeDown: { ...meta, error, ...(gaveUp ? { manual: true } : {}) } };
      cur.audit.push({ at, actor: SYSTEM, action: 'vigencia_takedown_failed', detail: `${d.destination}: ${error}` });
    }
    return cur;
  });

  if (result) {
    log.info({ outcome: result.outcome }, 'placement taken down at the end of its vigencia');
    await post(t(byCierre ? 'kind.takedown_cierre' : 'schedule.takedown_done', { id: c.id, date, destination, detail: result.detail || result.outcome }));
  } else if (manual) {
    await post(t(byCierre ? 'kind.takedown_cierre_manual' : 'schedule.takedown_manual', { id: c.id, date, destination }));
  } else if (gaveUp) {
    await post(t('schedule.takedown_gave_up', { id: c.id, destination, attempts, detail: error ?? '' }));
  } else {
    log.warn({ err: error, attempts }, 'take-down failed; will retry');
    // The first failure is worth a word in the thread; later retries stay in the log.
    if (attempts === 1) await post(t('schedule.takedown_failed', { id: c.id, destination, detail: error ?? '', attempt: attempts, max: MAX_ATTEMPTS }));
  }
}
