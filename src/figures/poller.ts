import type { Comunicado, Delivery } from '../domain/comunicado.ts';
import type { DeliveryFigures, FigurePoll } from '../domain/figures.ts';
import type { Services } from '../service/extension.ts';
import type { FigureReader, ReadResult } from './readers/types.ts';
import { OPEN_DOC, readFiguresState, updateFiguresState, type OpenDoc } from './state.ts';

const HOUR_MS = 3_600_000;
/** Failed attempts (network, server) before a reading is given up. */
const MAX_ATTEMPTS = 3;
/** Wait after a failed attempt when the platform gave no time. */
const ERROR_RETRY_MS = 10 * 60_000;

export interface PollOutcome {
  id: string;
  destination: string;
  kind: ReadResult['kind'] | 'skipped';
}

/**
 * Reads each published delivery's figures at its scheduled times (publication + the
 * configured hours) on the app's clock. The schedule lives on the delivery, so it
 * survives restarts: a reading is marked `claimed` before the call and `done` after, a
 * reading already done is never repeated, and when several came due while the bot was
 * down only the latest is read (the earlier ones are `skipped`). A `claimed` reading found
 * at start-up (the bot stopped during the call) is read again: reads change nothing, and
 * X bills a post read twice on the same day once.
 */
export class FiguresPoller {
  private readonly log;
  /** `id|destination` being read by this process. */
  private readonly inFlight = new Set<string>();
  /** Readings started per destination in the current clock hour (the hourly budget). */
  private readonly budget = new Map<string, { hour: number; n: number }>();

  /** Takes one reading from the destination's hourly budget; false when it is spent. */
  private take(destination: string): boolean {
    const hour = Math.floor(this.s.now().getTime() / HOUR_MS);
    const b = this.budget.get(destination);
    const used = b && b.hour === hour ? b.n : 0;
    if (used >= this.s.config.figures.maxReadingsPerHour) return false;
    this.budget.set(destination, { hour, n: used + 1 });
    return true;
  }

  constructor(
    private readonly s: Services,
    private readonly readers: Map<string, FigureReader>,
  ) {
    this.log = s.logger.child({ module: 'figures' });
  }

  private nowIso(): string {
    return this.s.now().toISOString();
  }

  /** Whether this delivery gets figures: published for real, with an id and a reader. */
  private wants(d: Delivery): boolean {
    return d.state === 'done' && !d.dryRun && !!d.remoteId && !!d.finishedAt && this.readers.has(d.destination) && !d.figures;
  }

  /** After a publication settles: the reading schedule of every new delivery. */
  async schedule(c: Comunicado): Promise<void> {
    if (!this.s.config.figures.enabled) return;
    if (!Object.values(c.deliveries).some((d) => this.wants(d))) return;
    const hours = [...this.s.config.figures.pollAfterHours].sort((a, b) => a - b);
    let added = false;
    await this.s.store.update(c.id, (x) => {
      for (const d of Object.values(x.deliveries)) {
        if (!this.wants(d)) continue;
        const from = Date.parse(d.finishedAt!);
        d.figures = {
          polls: hours.map((h) => ({ at: new Date(from + h * HOUR_MS).toISOString(), state: 'pending' })),
          readings: [],
          status: 'active',
        };
        added = true;
      }
      return x;
    });
    if (added) await this.s.store.updateDoc<OpenDoc>(OPEN_DOC, { ids: [] }, (doc) => (doc.ids.includes(c.id) ? doc : { ids: [...doc.ids, c.id] }));
  }

  /** At start-up: readings interrupted by a stop are read again. */
  async recover(): Promise<void> {
    for (const id of await this.openIds()) {
      const c = await this.s.store.get(id);
      if (!c || !Object.values(c.deliveries).some((d) => d.figures?.polls.some((p) => p.state === 'claimed'))) continue;
      await this.s.store.update(id, (x) => {
        for (const d of Object.values(x.deliveries)) for (const p of d.figures?.polls ?? []) if (p.state === 'claimed') p.state = 'pending';
        return x;
      });
    }
  }

  async openIds(): Promise<string[]> {
    return (await this.s.store.readDoc<OpenDoc>(OPEN_DOC, { ids: [] })).ids;
  }

  /** One pass: every due reading of every open comunicado. */
  async tick(): Promise<PollOutcome[]> {
    const out: PollOutcome[] = [];
    const closed: string[] = [];
    for (const id of await this.openIds()) {
      const c = await this.s.store.get(id);
      if (!c) {
        closed.push(id);
        continue;
      }
      for (const d of Object.values(c.deliveries)) {
        const r = await this.pollDelivery(c, d).catch((err) => {
          this.log.warn({ err, comunicado: id, destination: d.destination }, 'figures reading failed');
          return undefined;
        });
        if (r) out.push(r);
      }
      const after = await this.s.store.get(id);
      const open = Object.values(after?.deliveries ?? {}).some((d) => d.figures?.status !== 'gone' && d.figures?.polls.some((p) => p.state === 'pending' || p.state === 'claimed'));
      if (!open) closed.push(id);
    }
    if (closed.length) await this.s.store.updateDoc<OpenDoc>(OPEN_DOC, { ids: [] }, (doc) => ({ ids: doc.ids.filter((x) => !closed.includes(x)) }));
    return out;
  }

  private async setFigures(id: string, destination: string, fn: (f: DeliveryFigures) => void): Promise<void> {
    await this.s.store.update(id, (x) => {
      const f = x.deliveries[destination]?.figures;
      if (f) fn(f);
      return x;
    });
  }

  private async pollDelivery(c: Comunicado, d: Delivery): Promise<PollOutcome | undefined> {
    const f = d.figures;
    const reader = this.readers.get(d.destination);
    if (!f || f.status === 'gone' || !reader) return undefined;
    const now = this.s.now().getTime();
    const due = f.polls.map((p, i) => ({ p, i })).filter(({ p }) => p.state === 'pending' && Date.parse(p.at) <= now);
    if (!due.length) return undefined;
    const key = `${c.id}|${d.destination}`;
    if (this.inFlight.has(key)) return undefined;
    const latest = due.at(-1)!;
    if (latest.p.retryAt && Date.parse(latest.p.retryAt) > now) return undefined;
    const state = await readFiguresState(this.s.store);
    const wait = state.waits[d.destination];
    if (wait && Date.parse(wait) > now) return undefined;
    // Over this hour's budget: the reading waits for a later pass (it stays pending).
    if (!this.take(d.destination)) return undefined;

    this.inFlight.add(key);
    try {
      // Claimed before the call; the readings that came due together are folded into this one.
      await this.setFigures(c.id, d.destination, (x) => {
        for (const { i } of due.slice(0, -1)) x.polls[i]!.state = 'skipped';
        x.polls[latest.i]!.state = 'claimed';
      });
      const result = await reader.read(
        { comunicadoId: c.id, destination: d.destination, remoteId: d.remoteId!, ...(d.url ? { url: d.url } : {}) },
        { goneMetrics: state.gone[d.destination] ?? [] },
      );
      await this.record(c.id, d.destination, latest.i, result);
      this.log.info({ comunicado: c.id, destination: d.destination, outcome: result.kind }, 'figures read');
      return { id: c.id, destination: d.destination, kind: result.kind };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private async record(id: string, destination: string, index: number, r: ReadResult): Promise<void> {
    const at = this.nowIso();
    const done = (p: FigurePoll) => {
      p.state = 'done';
      p.doneAt = at;
      delete p.retryAt;
    };
    switch (r.kind) {
      case 'ok':
        await this.setFigures(id, destination, (f) => {
          done(f.polls[index]!);
          f.readings.push({ at, metrics: r.metrics });
          if (r.missing?.length) f.missing = [...new Set([...(f.missing ?? []), ...r.missing])];
          if (r.permission) f.note = r.permission.permission;
          else delete f.note;
          f.status = 'active';
        });
        await updateFiguresState(this.s.store, (s) => {
          if (r.missing?.length) s.gone[destination] = [...new Set([...(s.gone[destination] ?? []), ...r.missing])];
          if (r.permission) s.permissions[destination] = { ...r.permission, at };
          else delete s.permissions[destination];
        });
        return;
      case 'gone':
        // Answered once: no more readings of this delivery.
        await this.setFigures(id, destination, (f) => {
          done(f.polls[index]!);
          for (const p of f.polls) if (p.state === 'pending') p.state = 'skipped';
          f.status = 'gone';
        });
        return;
      case 'no_permission':
        await this.setFigures(id, destination, (f) => {
          done(f.polls[index]!);
          f.status = 'no_permission';
          f.note = r.permission.permission;
        });
        await updateFiguresState(this.s.store, (s) => void (s.permissions[destination] = { ...r.permission, at }));
        return;
      case 'wait': {
        const until = new Date(this.s.now().getTime() + r.waitMs).toISOString();
        await this.setFigures(id, destination, (f) => {
          const p = f.polls[index]!;
          p.state = 'pending';
          p.retryAt = until;
        });
        await updateFiguresState(this.s.store, (s) => void (s.waits[destination] = until));
        return;
      }
      case 'error':
        await this.setFigures(id, destination, (f) => {
          const p = f.polls[index]!;
          p.attempts = (p.attempts ?? 0) + 1;
          if (p.attempts >= MAX_ATTEMPTS) p.state = 'skipped';
          else {
            p.state = 'pending';
            p.retryAt = new Date(this.s.now().getTime() + ERROR_RETRY_MS).toISOString();
          }
        });
        return;
    }
  }
}
