import type { Logger } from '../util/logger.ts';

/**
 * Background work the handlers start and do not wait for (publishing after an approval).
 * Tracked so shutdown and tests can wait for it, and so a failure is logged, not lost.
 */
export class TaskTracker {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<unknown>): void {
    const p = Promise.resolve()
      .then(task)
      .catch((err) => this.logger.error({ err, task: name }, 'background task failed'))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Resolves when no background work is left (including work started meanwhile). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  get size(): number {
    return this.pending.size;
  }
}
