import type { Comunicado, Destination } from '../../src/domain/comunicado.ts';
import { PublishError, type PublishContext, type Publisher, type PublishResult } from '../../src/publish/port.ts';

export type Step =
  | { ok: true; delayMs?: number }
  | { error: PublishError; delayMs?: number }
  | { throw: Error };

/** Counts calls in flight across publishers, and logs their starts and ends in order. */
export class InFlight {
  now = 0;
  max = 0;
  readonly log: string[] = [];
  enter(who: string): void {
    this.now++;
    this.max = Math.max(this.max, this.now);
    this.log.push(`start ${who}`);
  }
  leave(who: string): void {
    this.now--;
    this.log.push(`end ${who}`);
  }
}

/**
 * A publisher whose answers are scripted call by call, recording each call and the
 * context it got (to check portal-first ordering and links). For the engine's own tests;
 * the real publishers are tested against their platforms' fakes.
 */
export class ScriptedPublisher implements Publisher {
  readonly dryRun = false;
  readonly calls: Array<{ at: number; portalUrl?: string }> = [];
  readonly created: string[] = [];
  reconcileAnswer: PublishResult | null | undefined = undefined;
  /** Phased like the real publishers: `prepare` runs first, then ctx.beforeCreate(), then the create. */
  marksCreate = false;
  prepare: (() => Promise<void>) | undefined;

  constructor(
    readonly destination: Destination,
    private readonly steps: Step[] = [{ ok: true }],
    private readonly clock: () => number = () => Date.now(),
    private readonly inFlight?: InFlight,
  ) {}

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const step = this.steps[Math.min(this.calls.length, this.steps.length - 1)]!;
    this.calls.push({ at: this.clock(), ...(ctx.portal?.url ? { portalUrl: ctx.portal.url } : {}) });
    this.inFlight?.enter(this.destination);
    try {
      if ('delayMs' in step && step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    } finally {
      this.inFlight?.leave(this.destination);
    }
    if (this.marksCreate) {
      await this.prepare?.();
      if ('throw' in step) throw step.throw; // a crash-like failure while preparing
      await ctx.beforeCreate?.();
    }
    if ('throw' in step) throw step.throw;
    if ('error' in step) throw step.error;
    const id = `${this.destination}-${c.id}-${this.created.length + 1}`;
    this.created.push(id);
    return { remoteId: id, url: `https://example.test/${encodeURIComponent(id)}` };
  }

  async reconcile(): Promise<PublishResult | null> {
    if (this.reconcileAnswer === undefined) throw new Error('lookup not possible');
    return this.reconcileAnswer;
  }
}

export const rateLimited = (ms: number) => new PublishError('retryable', 'rate_limited', 'La plataforma limitó las publicaciones.', { retryAfterMs: ms });
export const refused = () => new PublishError('failed', 'bad_request', 'La plataforma rechazó el contenido.');
export const expired = () => new PublishError('failed', 'auth_expired', 'Reconecte la cuenta: el token venció.', { accountUnhealthy: true });
export const duplicate = () => new PublishError('unknown', 'duplicate', 'La plataforma dice que ya existe una publicación igual.');
