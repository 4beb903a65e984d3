import { SYSTEM } from '../publish/engine.ts';
import type { Extension, Services } from '../service/types.ts';

/**
 * Publishes scheduled comunicados when their time comes. It reads the schedule from the
 * store on every tick, so the schedule survives restarts and a comunicado edited or
 * withdrawn meanwhile (no longer `scheduled`) is simply skipped. A comunicado whose time
 * passed while the bot was down is published once, late, at start-up.
 */
export function schedulerExtension(services: Services, options: { tickMs?: number } = {}): Extension & { tick(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  const log = services.logger.child({ module: 'scheduler' });

  async function runTick(): Promise<void> {
    const now = services.now().getTime();
    for (const s of await services.store.list()) {
      if (s.state !== 'scheduled' || !s.scheduledFor) continue;
      const due = Date.parse(s.scheduledFor);
      if (due > now) continue;
      const lateMin = Math.round((now - due) / 60_000);
      log.info({ comunicado: s.id, lateMin }, 'publishing scheduled comunicado');
      if (lateMin >= 2) {
        await services.store.update(s.id, (c) => {
          c.audit.push({ at: new Date(now).toISOString(), actor: SYSTEM, action: 'late_publish', detail: `${lateMin} min tarde` });
          return c;
        });
      }
      services.tasks.run(`scheduled ${s.id}`, () => services.comunicados.publishNow(s.id));
    }
  }

  const ext = {
    name: 'scheduler',
    /** One pass; never two at once. */
    tick(): Promise<void> {
      ticking ??= runTick().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },
    async start() {
      await ext.tick();
      timer = setInterval(() => void ext.tick().catch((err) => log.error({ err }, 'tick failed')), options.tickMs ?? 20_000);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await ticking;
    },
  };
  return ext;
}
