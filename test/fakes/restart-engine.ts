import type { Comunicado, Destination } from '../../src/domain/comunicado.ts';
import { PublishingEngine } from '../../src/publish/engine.ts';
import type { Publisher } from '../../src/publish/port.ts';
import { PublisherRegistry } from '../../src/publish/registry.ts';
import { MemoryStore } from '../../src/store/memory-store.ts';
import type { Store } from '../../src/store/port.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { RULES } from '../fixtures/comunicados.ts';

/** A clock tests move by hand; the engine and the platform fakes read it. */
export class ManualClock {
  constructor(public ms: number) {}
  readonly now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

/**
 * The engine of a bot that just restarted: its store holds the comunicado as a crash left
 * it, with `dest` recorded `in_flight` (its create call sent at `sentAt`). For the settle
 * window tests of each lookup; the publishers are the real ones against their fakes.
 */
export async function restartedEngine(o: {
  publishers: Publisher[];
  comunicado: Comunicado;
  dest: Destination;
  sentAt: Date;
  clock: ManualClock;
  dataDir: string;
  settleSeconds?: Partial<Record<string, number>>;
  lookupEverySeconds?: number;
  store?: Store;
}): Promise<{ engine: PublishingEngine; store: Store; id: string }> {
  const store = o.store ?? new MemoryStore(o.clock.now);
  const c: Comunicado = structuredClone(o.comunicado);
  c.state = 'publishing';
  c.deliveries[o.dest] = { destination: o.dest, state: 'in_flight', attempts: 1, dryRun: false, startedAt: o.sentAt.toISOString(), sentAt: o.sentAt.toISOString() };
  await store.create(c);
  const engine = new PublishingEngine({
    store,
    registry: new PublisherRegistry(o.publishers),
    rules: RULES,
    dataDir: o.dataDir,
    logger: silentLogger(),
    now: o.clock.now,
    sleep: async () => {},
    maxAttempts: 3,
    maxWaitMs: 60_000,
    timeZone: 'America/Bogota',
    settleSeconds: o.settleSeconds ?? { portal: 30, facebook: 120, instagram: 120, youtube: 600, x: 60 },
    lookupEveryMs: (o.lookupEverySeconds ?? 15) * 1000,
  });
  return { engine, store, id: c.id };
}
