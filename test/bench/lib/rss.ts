import { readFileSync } from 'node:fs';

/**
 * Peak memory of this process, sampled every `everyMs`: RSS, the V8 heap in use and the
 * ArrayBuffers (Buffers) outside it, so a peak can be attributed. The kernel's own RSS
 * high-water mark (VmHWM in /proc/self/status, Linux) sees peaks between samples too.
 */
export interface MemoryPeaks {
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
}

export interface RssMeter {
  /** Highest sampled figures since start (or the last `phase()`), in bytes. */
  peak(): MemoryPeaks;
  /** RSS right now, in bytes. */
  current(): number;
  /** Starts a new phase: returns the peaks of the one that ended and resets them. */
  phase(): MemoryPeaks;
  /** Highest RSS over every phase. */
  overall(): number;
  stop(): void;
}

export function startRssMeter(everyMs = 20): RssMeter {
  const zero = (): MemoryPeaks => ({ rss: 0, heapUsed: 0, arrayBuffers: 0 });
  let peaks = zero();
  let overall = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peaks = { rss: Math.max(peaks.rss, m.rss), heapUsed: Math.max(peaks.heapUsed, m.heapUsed), arrayBuffers: Math.max(peaks.arrayBuffers, m.arrayBuffers) };
    overall = Math.max(overall, m.rss);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    peak: () => (sample(), { ...peaks }),
    current: () => process.memoryUsage().rss,
    phase: () => {
      sample();
      const ended = peaks;
      peaks = zero();
      sample();
      return ended;
    },
    overall: () => (sample(), overall),
    stop: () => clearInterval(timer),
  };
}

/** The kernel's high-water mark of this process's RSS, in bytes (undefined off Linux). */
export function vmHwm(): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
