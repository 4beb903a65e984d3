/**
 * Runs tasks one at a time per key, in arrival order, and different keys in parallel
 * (a chat, a comunicado, a store file). A failed task does not block the next one: its
 * caller gets the rejection, the queue goes on. Keys with nothing queued are forgotten.
 * The one promise-chain queue of the app; `SerialQueue` is the same with a single key.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const start = () => task();
    const next = prev.then(start, start);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Whether a task for `key` (any key when absent) is running or waiting. */
  busy(key?: string): boolean {
    return key === undefined ? this.tails.size > 0 : this.tails.has(key);
  }

  /** Resolves when nothing is running or waiting for `key` (for any key when absent). */
  async idle(key?: string): Promise<void> {
    if (key !== undefined) {
      while (this.tails.has(key)) await this.tails.get(key);
      return;
    }
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}

/** One key of a KeyedQueue: tasks one at a time, in order (a mutex with a queue). */
export class SerialQueue {
  private readonly queue = new KeyedQueue();

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run('', task);
  }

  get busy(): boolean {
    return this.queue.busy();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
