import { SerialQueue } from '../util/serial-queue.ts';

/**
 * One queue per chat platform: direct messages go out one at a time, at least
 * `intervalMs` apart, and a rate-limit wait holds the whole platform (the next message
 * would only be refused too). Order is kept: a message waiting out a 429 is retried
 * before the ones queued after it.
 */
export class SendQueue {
  private readonly queue = new SerialQueue();
  private lastAt = Number.NEGATIVE_INFINITY;
  private waiting = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => Date,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Runs `task` after every task queued before it has finished. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.waiting++;
    return this.queue.run(task).finally(() => void this.waiting--);
  }

  /** Waits until the platform may take the next message; call right before each send. */
  async gate(): Promise<void> {
    const wait = this.lastAt + this.intervalMs - this.now().getTime();
    if (wait > 0) await this.sleep(wait);
    this.lastAt = this.now().getTime();
  }

  /** Holds the queue for a rate-limit wait (the caller is inside `run`). */
  async hold(ms: number): Promise<void> {
    await this.sleep(ms);
    this.lastAt = this.now().getTime();
  }

  get size(): number {
    return this.waiting;
  }
}
