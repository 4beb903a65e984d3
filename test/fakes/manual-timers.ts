/**
 * Timers a test moves by hand (`advance`), for code that takes a timer factory: nothing
 * waits on wall time, and "2.5 s later" means exactly that on this timeline.
 */
export class ManualTimers {
  private time = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): number => {
    const id = ++this.seq;
    this.due.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.due.delete(handle as number);
  };

  /** Timers still waiting. */
  get pending(): number {
    return this.due.size;
  }

  /** Moves the timeline on by `ms`, firing what falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, d]) => d.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = until;
  }
}
