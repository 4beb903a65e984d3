import { OnePass } from '../util/one-pass.ts';
import { t } from '../messages/index.ts';
import { SYSTEM } from '../publish/engine.ts';
import { formatWhen } from '../render/time.ts';
import type { Extension, Services } from '../service/extension.ts';
import type { ComunicadoSummary } from '../store/port.ts';
import { formatDuration } from './duration.ts';
import { takeDownExpired } from './vigencia.ts';
import { convocatoriasTick } from '../portal-rules/convocatorias.ts';

/** A publication this late (or later) gets a note in the audit and the thread. */
const LATE_MS = 2 * 60_000;
const TICK_MS = 20_000;

/**
 * Publishes scheduled comunicados when their time comes and takes portal placements down
 * at the end of their vigencia. It reads the schedule from the store on every tick, so
 * the schedule survives restarts and a comunicado edited or withdrawn meanwhile (no longer
 * `scheduled`) is simply skipped.
 *
 * Published once: publishing starts with the `start_publishing` transition, which takes
 * the comunicado out of `scheduled` in the same write; a crash before it published
 * nothing, a crash after it leaves deliveries the engine recovers at start-up. Within the
 * process a comunicado being started is never started again by the next tick.
 * A comunicado whose time passed while the bot was down is published once, late, with a
 * note saying how late.
 */
export function schedulerExtension(services: Services, options: { tickMs?: number } = {}): Extension & { tick(): Promise<void> } {
  const ticks = new OnePass(() => runTick());
  let stopped = false;
  const starting = new Set<string>();
  const log = services.logger.child({ module: 'scheduler' });

  async function noteLate(s: ComunicadoSummary, lateMs: number): Promise<void> {
    const late = formatDuration(lateMs);
    const when = formatWhen(s.scheduledFor!, services.config.office.timezone);
    await services.store.update(s.id, (c) => {
      c.audit.push({ at: services.now().toISOString(), actor: SYSTEM, action: 'late_publish', detail: t('schedule.late_detail', { late, when }) });
      return c;
    });
    const c = await services.store.get(s.id);
    if (c) await services.chats.tryPost(c.origin.platform, services.comunicados.previewThread(c), { text: t('schedule.late', { id: s.id, late, when }) });
  }

  async function publishDue(): Promise<void> {
    const now = services.now().getTime();
    for (const s of await services.store.list()) {
      if (s.state !== 'scheduled' || !s.scheduledFor || starting.has(s.id)) continue;
      const due = Date.parse(s.scheduledFor);
      if (due > now) continue;
      const lateMs = now - due;
      log.info({ comunicado: s.id, lateMin: Math.round(lateMs / 60_000) }, 'publishing scheduled comunicado');
      starting.add(s.id);
      try {
        if (lateMs >= LATE_MS) await noteLate(s, lateMs);
      } catch (err) {
        log.warn({ err, comunicado: s.id }, 'late note not recorded');
      }
      services.tasks.run(`scheduled ${s.id}`, () => services.comunicados.publishNow(s.id).finally(() => starting.delete(s.id)));
    }
  }

  async function runTick(): Promise<void> {
    if (stopped) return;
    await publishDue();
    // Deliveries whose absence is not established yet are looked up again when due.
    try {
      const concluded = (await services.engine.verifyDue()).filter((r) => r.outcome !== 'verifying');
      for (const id of new Set(concluded.map((r) => r.id))) await services.comunicados.settledInBackground(id);
    } catch (err) {
      log.warn({ err }, 'verification failed');
    }
    await takeDownExpired(services);
    await convocatoriasTick(services);
  }

  const ext = {
    name: 'scheduler',
    /** One pass; never two at once. */
    tick(): Promise<void> {
      return ticks.run();
    },
    async start() {
      stopped = false;
      await ext.tick();
      // Tracked as background work, so shutdown (and tests) wait for a tick in progress.
      ticks.every(options.tickMs ?? Math.min(TICK_MS, services.config.publishing.lookupEverySeconds * 1000), () => services.tasks.run('scheduler tick', () => ext.tick()));
    },
    async stop() {
      stopped = true;
      await ticks.stop();
    },
    health() {
      return { starting: starting.size };
    },
  };
  return ext;
}
