/**
 * A background pass (scheduler tick, hand-off sweep, media follow-up) that never runs twice
 * at once: a call while one is running gets that same run. `every` repeats it on a timer
 * that does not keep the process alive; `stop` ends the timer and waits for a pass in progress.
 * The pass itself reads the time from the app's clock (services.now), never from the timer.
 */
export class OnePass {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pass: () => Promise<void>) {}

  run(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Calls `onTick` every `ms` (it usually wraps `run` in the app's task tracker). */
  every(ms: number, onTick: () => void): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(onTick, ms);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
