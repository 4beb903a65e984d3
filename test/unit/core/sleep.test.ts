import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../../src/util/sleep.ts';

describe('the one sleep', () => {
  afterEach(() => vi.useRealTimers());
  it.each([0, 1, 250, 60_000])('resolves after %i ms of (fake) time, not before', async (ms) => {
    vi.useFakeTimers();
    let done = false;
    void sleep(ms).then(() => (done = true));
    if (ms > 0) {
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(done).toBe(false);
    }
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});
