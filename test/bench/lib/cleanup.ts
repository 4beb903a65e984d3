/**
 * What a benchmark must undo, registered as each thing is made (a fake started, a folder
 * created, the app started) and undone in reverse order, also when a step in between
 * throws: a failed benchmark leaves no server listening and no temporary folder behind.
 */
export class Cleanup {
  private readonly steps: Array<() => Promise<unknown> | unknown> = [];

  add<T>(value: T, undo: (value: T) => Promise<unknown> | unknown): T {
    this.steps.push(() => undo(value));
    return value;
  }

  async run(): Promise<void> {
    while (this.steps.length) {
      await Promise.resolve()
        .then(this.steps.pop()!)
        .catch((err: unknown) => process.stderr.write(`cleanup step failed: ${(err as Error)?.message ?? String(err)}\n`));
    }
  }
}
