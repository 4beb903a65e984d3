/**
 * `npm run bench`: the five benchmarks of issue 8, in order, each in its own process so
 * memory and timings do not mix. Every benchmark prints its figures with the goal beside
 * them and OK or MISSED. They use only local fakes on 127.0.0.1 and stop by themselves.
 *
 *   npm run bench                 all five (5 to 10 minutes on 2 cores)
 *   npm run bench -- c            one of them (a, b, c, d, e)
 *   npm run bench -- c e          several
 *   npm run bench -- c --sizes=100,5000    options are passed to the benchmarks chosen
 *
 * Exit code: 0 when every goal held, 1 when one was missed, 2 when a benchmark failed to run.
 */
import { spawn } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { childEnv, ROOT } from './lib/child.ts';

const BENCHES: Record<string, { file: string; title: string }> = {
  a: { file: 'a-ack-latency.ts', title: 'ack latency (1,000 signed /comunicado, concurrency 20, 20,000 in the store, vs bare Bolt)' },
  b: { file: 'b-fanout.ts', title: 'fan-out (portal + 8 social destinations, every fake answering after 300 ms)' },
  c: { file: 'c-history.ts', title: 'history (approval writes and start-up at 100 to 50,000 comunicados)' },
  d: { file: 'd-streaming.ts', title: 'streaming (512 MB video from the chat to YouTube, peak RSS)' },
  e: { file: 'e-handoff.ts', title: 'hand-off (50 members, Slack fake at 1 msg/s per channel with 429s)' },
  f: { file: 'f-figures.ts', title: 'figures quota budget (a year: 2,500 comunicados × 9 destinations read at +1 h, +24 h, +7 d)' },
};

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase().charAt(0));
const passed = args.filter((a) => a.startsWith('--'));
const unknown = chosen.filter((c) => !BENCHES[c]);
if (unknown.length) {
  process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}. Choose among ${Object.keys(BENCHES).join(', ')}.\n`);
  process.exit(2);
}
const order = chosen.length ? Object.keys(BENCHES).filter((k) => chosen.includes(k)) : Object.keys(BENCHES);

const gb = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GB`;
process.stdout.write(
  `bench ${new Date().toISOString()} · ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}) · memory ${gb(totalmem())} (${gb(freemem())} free) · node ${process.version} · load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);

function runOne(key: string): Promise<{ code: number | null; ms: number }> {
  const bench = BENCHES[key]!;
  process.stdout.write(`\n[${key}] ${bench.title}\n`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(bench.file, import.meta.url)), ...passed], {
      cwd: ROOT,
      env: childEnv(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // Ctrl-C stops the benchmark too (it cleans its temporary folders on the way out).
    const forward = () => child.kill('SIGINT');
    process.once('SIGINT', forward);
    child.on('close', (code) => {
      process.off('SIGINT', forward);
      resolve({ code, ms: performance.now() - t0 });
    });
  });
}

const outcomes: Array<{ key: string; code: number | null; ms: number }> = [];
for (const key of order) outcomes.push({ key, ...(await runOne(key)) });

const word = (code: number | null) => (code === 0 ? 'goals met' : code === 1 ? 'goal MISSED' : `FAILED to run (exit ${code})`);
process.stdout.write(`\nsummary: ${outcomes.map((o) => `${o.key} ${word(o.code)} (${Math.round(o.ms / 1000)} s)`).join(' · ')}\n`);
process.exitCode = outcomes.some((o) => o.code !== 0 && o.code !== 1) ? 2 : outcomes.some((o) => o.code === 1) ? 1 : 0;
