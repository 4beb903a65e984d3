/**
 * c) History: one approval's writes and the start-up time must not grow with the years of
 * comunicados on disk. Seeds DATA_DIR with 100, 5,000, 20,000 and 50,000 comunicados (the
 * store's own layout), then, in a fresh process per size, measures:
 * - start-up: LowdbStore.open + RecordLog.open + createApp + app.start (3 starts per round);
 *   the hash-chained record (DATA_DIR/registro) is seeded with the same history, 8 lines
 *   per comunicado, and every approval appends (and fsyncs) its lines there too;
 * - approval: the Jefe's ✅ reaction handled by the real app (event claimed, approval
 *   recorded, author notified; the dry-run publication it starts runs in the background
 *   and is waited for between samples, untimed). 12 approvals per round after 4 warm-ups.
 * The sizes are measured in 3 interleaved rounds (a fresh process each), and the figures
 * are medians over the rounds, so a burst of load from elsewhere hits every size alike.
 * Goal: 50,000/100 ratio ≤ 2 for both.
 *
 *   npm run bench -- c              all sizes
 *   npm run bench -- c --sizes=100,5000
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, rulesFrom } from '../../src/app.ts';
import type { ChatEvent } from '../../src/chat/port.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { RecordLog } from '../../src/record/log.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { argValue, runTsChild, sendResult } from './lib/child.ts';
import { count, detail, finish, median, ms, percentile, ratio, runMain, verdict } from './lib/report.ts';
import { seedDataDir, type Seeded } from './lib/seed.ts';
import { benchConfig, benchEnv, CHANNEL, JEFE, NullChat } from './lib/setup.ts';

const SIZES = [100, 5_000, 20_000, 50_000];
/** Sizes are measured in interleaved rounds, so a burst of load on the machine hits all alike. */
const ROUNDS = 3;
const STARTS = 3;
const WARMUP = 4;
const MEASURED = 12;
const PER_ROUND = WARMUP + MEASURED;
const GOAL = 2;

interface RoundResult {
  size: number;
  startupMs: number[];
  approvalMs: number[];
  approvedOk: number;
  attempted: number;
  active: number;
}

async function measure(dir: string, size: number, pending: Seeded['pending']): Promise<RoundResult> {
  const config = benchConfig();
  const env = benchEnv(dir);
  const logger = silentLogger();
  const startupMs: number[] = [];
  let app: ReturnType<typeof createApp> | undefined;
  let store: LowdbStore | undefined;
  let record: RecordLog | undefined;
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    store = await LowdbStore.open(dir);
    record = await RecordLog.open(join(dir, 'registro'), { timeZone: config.office.timezone });
    app = createApp({ env, config, store, chats: [new NullChat()], logger, record });
    await app.start();
    startupMs.push(performance.now() - t0);
    if (i < STARTS - 1) {
      await app.stop();
      await store.close();
      await record.close();
    }
  }
  const approvalMs: number[] = [];
  let approvedOk = 0;
  for (const [i, p] of pending.entries()) {
    const message = { platform: 'slack' as const, channel: p.preview.channel, messageId: p.preview.messageId };
    const event: ChatEvent = {
      type: 'reaction',
      eventKey: `Ev0BENCH${p.id}`,
      actor: JEFE,
      origin: { platform: 'slack', channel: CHANNEL, messageId: p.preview.messageId },
      emoji: 'white_check_mark',
      message,
    };
    const t0 = performance.now();
    await app!.handle(event);
    const took = performance.now() - t0;
    await app!.idle(); // the publication the approval started, outside the timing
    const after = await store!.get(p.id);
    if (after && after.state !== 'pending_approval') approvedOk += 1;
    if (i >= WARMUP) approvalMs.push(took);
  }
  const active = store!.health().active;
  await app!.stop();
  await store!.close();
  await record!.close();
  return { size, startupMs, approvalMs, approvedOk, attempted: pending.length, active };
}

async function child(): Promise<void> {
  const dir = argValue('dir')!;
  const size = Number(argValue('size'));
  const pending = JSON.parse(argValue('pending')!) as Seeded['pending'];
  sendResult(await measure(dir, size, pending));
}

interface SizeRun {
  size: number;
  dir: string;
  seeded: Seeded;
  seedMs: number;
  rounds: RoundResult[];
}

const all = (r: SizeRun, k: 'startupMs' | 'approvalMs') => r.rounds.flatMap((x) => x[k]);

async function parent(): Promise<void> {
  const sizes = argValue('sizes')?.split(',').map(Number) ?? SIZES;
  const runs: SizeRun[] = [];
  try {
    for (const size of sizes) {
      const dir = await mkdtemp(join(tmpdir(), `bench-history-${size}-`));
      const t0 = performance.now();
      const run: SizeRun = { size, dir, seedMs: 0, rounds: [], seeded: { pending: [], files: 0, bytes: 0 } };
      runs.push(run);
      run.seeded = await seedDataDir({ dir, total: size, now: new Date(), recent: 60, pending: ROUNDS * PER_ROUND, rules: rulesFrom(benchConfig()) });
      run.seedMs = performance.now() - t0;
      detail(`seeded ${count(size)} comunicados (${(run.seeded.bytes / 1024 / 1024).toFixed(0)} MB) in ${ms(run.seedMs)}`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const run of runs) {
        const pending = run.seeded.pending.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
        const args = ['--child', `--dir=${run.dir}`, `--size=${run.size}`, `--pending=${JSON.stringify(pending)}`];
        const { result } = await runTsChild<RoundResult>(fileURLToPath(import.meta.url), args, { timeoutMs: 10 * 60_000 });
        run.rounds.push(result);
      }
    }
  } finally {
    for (const run of runs) await rm(run.dir, { recursive: true, force: true }).catch(() => {});
  }
  for (const r of runs) {
    const approved = r.rounds.reduce((n, x) => n + x.approvedOk, 0);
    const attempted = r.rounds.reduce((n, x) => n + x.attempted, 0);
    detail(
      `${count(r.size)} comunicados (working set ${r.rounds[0]!.active}): start-up median ${ms(median(all(r, 'startupMs')))} ` +
        `(min ${ms(Math.min(...all(r, 'startupMs')))}), approval p50 ${ms(median(all(r, 'approvalMs')))} p90 ${ms(percentile(all(r, 'approvalMs'), 90))} ` +
        `(${approved}/${attempted} approved)`,
    );
  }
  const first = runs[0]!;
  const last = runs.at(-1)!;
  const aRatio = median(all(last, 'approvalMs')) / median(all(first, 'approvalMs'));
  const sRatio = median(all(last, 'startupMs')) / median(all(first, 'startupMs'));
  const allApproved = runs.every((r) => r.rounds.every((x) => x.approvedOk === x.attempted));
  const ok1 = verdict(
    'c history',
    `approval writes p50 ${runs.map((r) => `${ms(median(all(r, 'approvalMs')))} at ${count(r.size)}`).join(', ')} → ratio ${ratio(aRatio)}`,
    aRatio <= GOAL && allApproved,
    `≤ ${GOAL}`,
  );
  const ok2 = verdict(
    'c history',
    `start-up median ${runs.map((r) => `${ms(median(all(r, 'startupMs')))} at ${count(r.size)}`).join(', ')} → ratio ${ratio(sRatio)}`,
    sRatio <= GOAL,
    `≤ ${GOAL}`,
  );
  if (!allApproved) detail('some approvals did not take effect: see the counts above');
  finish(ok1 && ok2);
}

await runMain(process.argv.includes('--child') ? child : parent);
