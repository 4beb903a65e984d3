import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnePass } from '../../../src/util/one-pass.ts';

function controlled() {
  let runs = 0;
  const finish: Array<(v?: unknown) => void> = [];
  const pass = new OnePass(
    () =>
      new Promise<void>((resolve, reject) => {
        runs++;
        finish.push((err) => (err ? reject(err) : resolve()));
      }),
  );
  return { pass, finish, runs: () => runs };
}

describe('the one run-once background pass', () => {
  afterEach(() => vi.useRealTimers());

  it.each<[string, number, number]>([
    // name, calls made while the first pass runs, passes started
    ['one call, one pass', 1, 1],
    ['three calls during a pass share it', 3, 1],
    ['ten calls during a pass share it', 10, 1],
  ])('%s', async (_name, calls, passes) => {
    const { pass, finish, runs } = controlled();
    const promises = Array.from({ length: calls }, () => pass.run());
    expect(new Set(promises).size).toBe(1);
    expect(runs()).toBe(passes);
    finish[0]!();
    await Promise.all(promises);
    void pass.run();
    expect(runs()).toBe(passes + 1);
  });

  it('a failed pass rejects its callers and lets the next one start', async () => {
    const { pass, finish, runs } = controlled();
    const p = pass.run();
    finish[0]!(new Error('boom'));
    await expect(p).rejects.toThrow('boom');
    void pass.run();
    expect(runs()).toBe(2);
  });

  it.each<[string, number, number, number]>([
    // name, interval, time moved, ticks expected
    ['no tick before the interval', 1000, 999, 0],
    ['one tick per interval', 1000, 1000, 1],
    ['several intervals', 1000, 3500, 3],
  ])('every: %s', async (_name, ms, moved, ticks) => {
    vi.useFakeTimers();
    const { pass } = controlled();
    let n = 0;
    pass.every(ms, () => n++);
    await vi.advanceTimersByTimeAsync(moved);
    expect(n).toBe(ticks);
    await pass.stop();
    await vi.advanceTimersByTimeAsync(ms * 5);
    expect(n).toBe(ticks);
  });

  it('stop waits for the pass in progress, even a failing one', async () => {
    const { pass, finish } = controlled();
    void pass.run().catch(() => {});
    let stopped = false;
    const s = pass.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish[0]!(new Error('late'));
    await s;
    expect(stopped).toBe(true);
  });
});
