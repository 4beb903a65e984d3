/**
 * Crash-point runner: `npm run chaos -- --runs 200 [--seed N] [--jobs 4]`, `npm run chaos:smoke`.
 *
 * Each run starts the real bot (`src/main.ts`, console chat, as a child process) against
 * the fakes of the portal and the 8 social destinations, each behind a TCP proxy with
 * random latency; new posts show in the platforms' listings only some seconds later. It
 * submits and approves a comunicado with an image and a video, sends SIGKILL at a uniformly
 * random instant of the publication, restarts on the same data folder, settles the unknown
 * deliveries as a person would (/confirmar with what the platforms really hold, then
 * /reintentar for what failed) and checks the invariants. At random it also injects a TCP
 * reset at a random byte of a request or a response, a timeout after the platform acted
 * (the answer swallowed), and a full disk (the data folder on its own small tmpfs, filled
 * at a random instant; needs mount rights, otherwise that fault is left out and said so).
 *
 * Not part of `npm test` (vitest only includes `*.test.ts`). See docs/confiabilidad.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { t } from '../../src/messages/index.ts';
import { destinationLabel } from '../../src/render/chat.ts';
import type { Comunicado } from '../../src/domain/comunicado.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { BotSession } from '../fakes/bot-session.ts';
import { mediaFiles } from '../fakes/platforms.ts';
import { mountTmpfs } from '../fakes/tmpfs.ts';
import { testCertificate, type TestCertificate } from '../fakes/x/certificate.ts';
import { ROOT } from '../fakes/run-bot.ts';
import type { TcpFault } from './tcp-chaos.ts';
import { DESTINATIONS, PLATFORMS, startWorld, type Destination, type Platform, type World } from './world.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    seed: { type: 'string' },
    jobs: { type: 'string', default: '4' },
    'config-extra': { type: 'string' },
    'lag-max': { type: 'string', default: '10' },
    'p-reset': { type: 'string', default: '0.25' },
    'p-timeout': { type: 'string', default: '0.1' },
    'p-disk': { type: 'string', default: '0.15' },
    out: { type: 'string' },
    /** Stop starting new runs after this many minutes (the runs under way finish). */
    minutes: { type: 'string' },
    /** Only print the summary of a results file (`.jsonl`) written by an earlier run. */
    summarize: { type: 'string' },
  },
});

/** mulberry32: a small seeded generator, so `--seed N` replays the same choices. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = args.seed !== undefined ? Number(args.seed) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(args.runs);
const JOBS = Math.max(1, Number(args.jobs));
const LATENCY: [number, number] = [50, 400];
const LAG_MAX_MS = Number(args['lag-max']) * 1000;
const P = { reset: Number(args['p-reset']), timeout: Number(args['p-timeout']), disk: Number(args['p-disk']) };
const OUT = args.out ?? join(ROOT, 'test/.tmp/chaos', `chaos-${SEED}.jsonl`);

interface Calibration {
  /** Milliseconds from the approval to a published comunicado, without faults. */
  publishMs: number;
  bytes: Record<Platform, { request: number; response: number }>;
}

interface Plan {
  run: number;
  seed: number;
  killAtMs: number;
  lagMs: { portal: number; graph: number };
  faults: Partial<Record<Platform, TcpFault>>;
  diskFullAtMs?: number;
}

interface Result {
  plan: Plan;
  id?: string;
  error?: string;
  killedAtMs?: number;
  faultFiredMs?: Partial<Record<Platform, number>>;
  diskFilled?: boolean;
  /** Killed before the approval was recorded: approved again after the restart. */
  reapproved?: boolean;
  /** States right after the kill (from the store), after the restart, and at the end. */
  atKill?: Record<string, string>;
  afterRestart?: Record<string, string>;
  final?: Record<string, string>;
  posts?: Record<Destination, number>;
  /** Of those, the social posts carrying a short link. */
  shortLinked?: Record<Destination, number>;
  unknowns: Array<{ destination: Destination; createReached: boolean }>;
  /** Deliveries left `verifying` by the restart (the bot kept looking by itself), and how each ended. */
  verified?: Array<{ destination: Destination; final: string }>;
  /** Instagram destinations that failed because the process has no media host (HTTP portal). */
  igNoMediaHost?: number;
  duplicates: Destination[];
  lost: string[];
  untold: Destination[];
}

const FORM = (dir: string) =>
  [
    '/comunicado',
    'Alcaldía entrega 120 luminarias en el Jordán',
    '',
    'La obra mejora la seguridad de 3.000 habitantes del barrio.',
    '',
    'Detalles de la obra. #IbaguéBrilla',
    `destinos: ${DESTINATIONS.join(', ')}`,
    `adjunto: ${join(dir, 'foto1.jpg')} | Foto de la entrega de luminarias`,
    `adjunto: ${join(dir, 'recorrido.mp4')}`,
    `adjunto: ${join(dir, 'recorrido.srt')}`,
    '.',
  ].join('\n');

async function read(dataDir: string, id: string): Promise<Comunicado | undefined> {
  const store = await LowdbStore.open(dataDir);
  try {
    return await store.get(id);
  } finally {
    await store.close();
  }
}

async function states(dataDir: string, id: string): Promise<Record<string, string> | undefined> {
  const c = await read(dataDir, id);
  if (!c) return undefined;
  return { comunicado: c.state, ...Object.fromEntries(Object.entries(c.deliveries).map(([k, d]) => [k, d.state])) };
}

/** The schema's defaults for `publishing.settleSeconds` and `lookupEverySeconds`. */
const SETTLE_DEFAULT: Record<string, number> = { portal: 30, facebook: 120, instagram: 120, youtube: 600, x: 60 };

/**
 * Deliveries left `verifying` after the restart: nobody confirms them, the bot looks them
 * up again by itself on its scheduler tick (wall clock in the bot process). Keeps a bot
 * running until every settle window has passed, plus two lookups, and repeats (at most
 * three times) while something is still being verified.
 */
async function waitVerifying(world: World, dataDir: string, id: string, sessions: BotSession[]): Promise<void> {
  const publishing = (world.config['publishing'] ?? {}) as { settleSeconds?: Record<string, number>; lookupEverySeconds?: number };
  const settle = { ...SETTLE_DEFAULT, ...publishing.settleSeconds };
  const everyMs = (publishing.lookupEverySeconds ?? 15) * 1000;
  for (let round = 0; round < 3; round++) {
    const c = await read(dataDir, id);
    const open = Object.values(c?.deliveries ?? {}).filter((d) => d.state === 'verifying');
    if (!open.length) return;
    const until = Math.max(...open.map((d) => Date.parse(d.sentAt ?? d.startedAt ?? new Date().toISOString()) + (settle[d.destination.split(':')[0]!] ?? 0) * 1000));
    const bot = new BotSession(world.env);
    sessions.push(bot);
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now()) + 2 * everyMs + 3000));
    await finish(bot);
  }
}

/** Ends the console input and waits for the bot to finish what it had pending. */
async function finish(bot: BotSession, timeoutMs = 150_000): Promise<void> {
  const timer = setTimeout(() => bot.child.kill('SIGKILL'), timeoutMs);
  const exit = await bot.end();
  clearTimeout(timer);
  if (exit.signal === 'SIGKILL') throw new Error(`the bot did not finish within ${timeoutMs / 1000} s:\n${bot.output.slice(-3000)}`);
}

function fillDisk(dir: string): boolean {
  try {
    for (let i = 0; ; i++) writeFileSync(join(dir, `relleno-${i}.bin`), Buffer.alloc(1024 * 1024));
  } catch {
    return true;
  }
}

function freeDisk(dir: string): void {
  for (let i = 0; i < 1000; i++) rmSync(join(dir, `relleno-${i}.bin`), { force: true });
}

async function runOnce(plan: Plan, cert: TestCertificate, sources: string, calibrate = false): Promise<Result & { bytes?: Calibration['bytes']; publishMs?: number }> {
  const result: Result = { plan, unknowns: [], duplicates: [], lost: [], untold: [] };
  const dir = mkdtempSync(join(tmpdir(), `chaos-${plan.seed}-${plan.run}-`));
  const disk = plan.diskFullAtMs !== undefined ? mountTmpfs(32 * 1024) : undefined;
  const dataDir = disk ? join(disk.dir, 'data') : join(dir, 'data');
  const random = rng(plan.seed * 7919 + plan.run);
  const world = await startWorld({ dir, dataDir, certificate: cert, caFile: join(dir, 'ca.pem'), random, latencyMs: LATENCY, lagMs: plan.lagMs, faults: plan.faults, ...(args['config-extra'] ? { configExtra: args['config-extra'] } : {}) });
  const sessions: BotSession[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    // 1. Submit, approve, kill at the planned instant.
    const bot = new BotSession(world.env);
    sessions.push(bot);
    bot.send(FORM(sources));
    const id = (await bot.waitFor(/Recibido: (C-\d{4}-\d{4})/, 60_000))[1]!;
    result.id = id;
    const t0 = Date.now();
    world.setT0(t0);
    bot.send(`/como jefe\n/aprobar ${id}`);
    if (calibrate) {
      await bot.waitFor(new RegExp(`📣 ${id}.*: Publicado`), 120_000);
      const publishMs = Date.now() - t0;
      await finish(bot);
      const bytes = Object.fromEntries(PLATFORMS.map((p) => [p, { ...world.proxies[p].bytes }])) as Calibration['bytes'];
      result.final = await states(dataDir, id);
      return { ...result, bytes, publishMs };
    }
    if (disk && plan.diskFullAtMs !== undefined) {
      timers.push(setTimeout(() => (result.diskFilled = fillDisk(disk.dir)), plan.diskFullAtMs));
    }
    timers.push(
      setTimeout(() => {
        result.killedAtMs = Date.now() - t0;
        bot.child.kill('SIGKILL');
      }, plan.killAtMs),
    );
    await bot.wait();
    for (const t of timers) clearTimeout(t);
    const reached = world.creates();
    result.faultFiredMs = Object.fromEntries(PLATFORMS.filter((p) => world.proxies[p].fired !== undefined).map((p) => [p, world.proxies[p].fired!]));
    if (disk) freeDisk(disk.dir); // the person frees the disk before starting the bot again
    result.atKill = await states(dataDir, id);
    if (!result.atKill) {
      result.lost.push(`${id}: not in the store after the kill`);
      return result;
    }

    // 2. Restart on the same data folder; faults off, latency and listing lag stay.
    world.faultsOff();
    const again = new BotSession(world.env);
    sessions.push(again);
    // Killed before the approval was recorded: the Jefe never got an answer and approves again.
    if (result.atKill.comunicado === 'pending_approval') {
      result.reapproved = true;
      again.send(`/como jefe\n/aprobar ${id}`);
    }
    again.send(`/estado ${id}`);
    await finish(again);
    result.afterRestart = (await states(dataDir, id))!;
    if (!result.afterRestart) {
      result.lost.push(`${id}: not in the store after the restart`);
      return result;
    }
    // Absence not established yet: the bot keeps looking by itself; a person does not /confirmar.
    const verifying = DESTINATIONS.filter((d) => result.afterRestart![d] === 'verifying');
    if (verifying.length) {
      await waitVerifying(world, dataDir, id, sessions);
      const after = (await states(dataDir, id))!;
      result.verified = verifying.map((d) => ({ destination: d, final: after[d]! }));
      result.afterRestart = after;
    }

    // 3. Settle as a person would: look at each platform, /confirmar the truth, /reintentar.
    const truth = world.posts();
    const lines = ['/como jefe'];
    for (const d of DESTINATIONS) {
      if (result.afterRestart[d] !== 'unknown') continue;
      result.unknowns.push({ destination: d, createReached: reached[d] > 0 });
      lines.push(`/confirmar ${id} ${d} ${truth[d] > 0 ? 'si' : 'no'}`);
    }
    lines.push(`/reintentar ${id}`);
    const settle = new BotSession(world.env);
    sessions.push(settle);
    settle.send(lines.join('\n'));
    await finish(settle);
    const last = (await read(dataDir, id))!;
    result.final = (await states(dataDir, id))!;
    result.igNoMediaHost = Object.values(last.deliveries).filter((d) => d.destination.startsWith('instagram:') && d.error?.code === 'ig_no_media_host').length;

    // 4. Invariants.
    const posts = world.posts();
    result.posts = posts;
    result.shortLinked = world.shortLinked();
    const told = sessions.map((s) => s.output).join('\n');
    const final = result.final;
    if (!DESTINATIONS.some((d) => final[d])) result.lost.push(`${id}: left «${final.comunicado}», nothing published and no delivery started`);
    for (const d of DESTINATIONS) {
      const state = final[d];
      if (state === undefined) continue;
      if (posts[d] > 1) result.duplicates.push(d);
      if (state === 'done' && posts[d] === 0) result.lost.push(`${d}: done without a post`);
      else if (state === 'failed' && posts[d] > 0) result.lost.push(`${d}: reported failed but it is posted`);
      else if (state !== 'done' && state !== 'failed') result.lost.push(`${d}: left ${state}`);
      // A failure is told in the thread: the status line «Facebook · Alcaldía: ❌ falló — …».
      else if (state === 'failed' && !told.includes(`${destinationLabel(d)}: ${t('delivery.failed')}`)) result.untold.push(d);
    }
    return result;
  } catch (err) {
    result.error = (err as Error).message.slice(0, 4000);
    return result;
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const s of sessions) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all(sessions.map((s) => s.wait()));
    await world.close();
    disk?.unmount();
    rmSync(dir, { recursive: true, force: true });
  }
}

function plan(run: number, cal: Calibration, random: () => number, diskAvailable: boolean): Plan {
  const faults: Partial<Record<Platform, TcpFault>> = {};
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  let windowMs = cal.publishMs;
  if (random() < P.reset) {
    const p = pick(PLATFORMS);
    const direction = random() < 0.5 ? 'request' : 'response';
    faults[p] = { kind: 'reset', direction, offset: Math.floor(random() * cal.bytes[p][direction]) };
  }
  if (random() < P.timeout) {
    const p = pick(PLATFORMS.filter((x) => !faults[x]));
    faults[p] = { kind: 'blackhole', direction: 'response', offset: Math.floor(random() * cal.bytes[p].response) };
    windowMs += 65_000; // the bot's longest request timeout (X and YouTube: 60 s)
  }
  const lag = () => Math.round(random() * LAG_MAX_MS);
  const p: Plan = { run, seed: SEED, killAtMs: Math.round(random() * windowMs), lagMs: { portal: lag(), graph: lag() }, faults };
  if (diskAvailable && random() < P.disk) p.diskFullAtMs = Math.round(random() * windowMs);
  return p;
}

function summarize(results: Result[], cal: Calibration | undefined, diskAvailable: boolean): string {
  const n = results.length;
  const errors = results.filter((r) => r.error);
  const dups = results.filter((r) => r.duplicates.length);
  const lost = results.filter((r) => r.lost.length);
  const untold = results.filter((r) => r.untold.length);
  const unknowns = results.flatMap((r) => r.unknowns);
  const reached = unknowns.filter((u) => u.createReached).length;
  const byFault = (k: 'reset' | 'blackhole') => results.filter((r) => Object.values(r.plan.faults).some((f) => f.kind === k)).length;
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
  const verified = results.flatMap((r) => r.verified ?? []);
  const fired = (kind: TcpFault['kind'], direction: 'request' | 'response') =>
    results.filter((r) => Object.entries(r.plan.faults).some(([p, f]) => f.kind === kind && f.direction === direction && r.faultFiredMs?.[p as Platform] !== undefined)).length;
  const tally = (xs: string[]) => Object.entries(xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {})).map(([k, v]) => `${k} ${v}`).join(', ') || '—';
  const byNetwork = (us: Array<{ destination: Destination; createReached: boolean }>) => tally(us.map((u) => `${u.destination.split(':')[0]}${u.createReached ? ' (reached)' : ''}`));
  const outcomes = (vs: Array<{ destination: Destination; final: string }>) => tally(vs.map((v) => `${v.destination.split(':')[0]} ${v.final}`));
  const sum = (f: (r: Result) => Record<Destination, number> | undefined, keep: (d: Destination) => boolean = () => true) =>
    results.reduce((s, r) => s + Object.entries(f(r) ?? {}).reduce((t, [d, n]) => t + (keep(d as Destination) ? n : 0), 0), 0);
  const out = [
    `seed ${results[0]?.plan.seed ?? SEED} · ${n} runs${cal ? ` · publication without faults took ${(cal.publishMs / 1000).toFixed(1)} s (kill instant uniform over it)` : ''}`,
    `faults planned: TCP reset ${byFault('reset')}, timeout after acting ${byFault('blackhole')}, full disk ${results.filter((r) => r.plan.diskFullAtMs !== undefined).length}${diskAvailable ? '' : ' (tmpfs not mountable here: left out)'}`,
    `faults that fired before the kill: ${fired('reset', 'request')} TCP resets in a request, ${fired('reset', 'response')} in a response, ${fired('blackhole', 'response')} timeouts after acting, ${results.filter((r) => r.diskFilled).length} full disks`,
    `runs with a duplicate:             ${dups.length} (${dups.reduce((s, r) => s + r.duplicates.length, 0)} destinations)`,
    `runs with something lost:          ${lost.length}`,
    `runs with a failure not told:      ${untold.length}`,
    `runs that errored (runner/bot):    ${errors.length}`,
    `killed before the approval was recorded (approved again after the restart): ${results.filter((r) => r.reapproved).length}`,
    `unknowns a person had to settle:   ${unknowns.length} in ${results.filter((r) => r.unknowns.length).length} runs`,
    `  create call may have reached the platform: ${reached} (${pct(reached, unknowns.length)})`,
    `  create call never received:                ${unknowns.length - reached} (${pct(unknowns.length - reached, unknowns.length)})`,
    `unknowns by network: ${byNetwork(unknowns)}`,
    `left verifying by the restart (settled by the bot's own lookups, nobody asked): ${verified.length} in ${results.filter((r) => r.verified?.length).length} runs → ${outcomes(verified)}`,
    `social posts carrying a short link (figures.shortLinks.socialPosts): ${sum((r) => r.shortLinked)} of ${sum((r) => r.posts, (d) => !d.startsWith('portal:'))}`,
    `instagram failed with ig_no_media_host (no media host with the HTTP portal, told to the person): ${results.reduce((s, r) => s + (r.igNoMediaHost ?? 0), 0)} destinations`,
  ];
  const anomalies = results.filter((r) => r.error || r.duplicates.length || r.lost.length || r.untold.length);
  if (anomalies.length) out.push('', 'anomalies (kill instant after the approval, faults, delivery states at kill → after restart → final):');
  for (const r of anomalies) {
    out.push(
      `- run ${r.plan.run} ${r.id ?? ''} kill at ${r.killedAtMs ?? r.plan.killAtMs} ms, lag ${JSON.stringify(r.plan.lagMs)}, faults ${JSON.stringify(r.plan.faults)} fired ${JSON.stringify(r.faultFiredMs ?? {})}${r.plan.diskFullAtMs !== undefined ? `, disk full at ${r.plan.diskFullAtMs} ms` : ''}`,
    );
    if (r.duplicates.length) out.push(`    duplicates: ${r.duplicates.join(', ')}`);
    if (r.lost.length) out.push(`    lost: ${r.lost.join('; ')}`);
    if (r.untold.length) out.push(`    failed, not told: ${r.untold.join(', ')}`);
    if (r.error) out.push(`    error: ${r.error.split('\n')[0]}`);
    for (const d of DESTINATIONS) {
      if (!r.duplicates.includes(d) && !r.lost.some((l) => l.startsWith(d)) && !r.untold.includes(d)) continue;
      out.push(`    ${d}: ${r.atKill?.[d] ?? '?'} → ${r.afterRestart?.[d] ?? '?'} → ${r.final?.[d] ?? '?'} (posts ${r.posts?.[d] ?? '?'})`);
    }
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  if (args.summarize) {
    const results = readFileSync(args.summarize, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Result);
    results.sort((a, b) => a.plan.run - b.plan.run);
    console.log(summarize(results, undefined, true));
    return results.some((r) => r.error || r.duplicates.length || r.lost.length || r.untold.length) ? 1 : 0;
  }
  mkdirSync(join(ROOT, 'test/.tmp/chaos'), { recursive: true });
  const sources = mkdtempSync(join(tmpdir(), 'chaos-media-'));
  await mediaFiles(sources);
  const cert = await testCertificate();
  const probe = mountTmpfs(1024);
  const diskAvailable = probe !== undefined;
  probe?.unmount();

  console.log(`chaos: seed ${SEED}, ${RUNS} runs, ${JOBS} at a time; calibrating (one publication without faults or kill)…`);
  const calRun = await runOnce({ run: 0, seed: SEED, killAtMs: 0, lagMs: { portal: 0, graph: 0 }, faults: {} }, cert, sources, true);
  if (!calRun.publishMs || !calRun.bytes) {
    console.error(`chaos: the calibration run failed: ${calRun.error ?? JSON.stringify(calRun.final)}`);
    return 2;
  }
  const cal: Calibration = { publishMs: calRun.publishMs, bytes: calRun.bytes };
  console.log(`chaos: calibration states ${JSON.stringify(calRun.final)}`);
  console.log(`chaos: publication takes ${(cal.publishMs / 1000).toFixed(1)} s; bytes ${JSON.stringify(cal.bytes)}; results in ${OUT}`);

  const random = rng(SEED);
  const plans = Array.from({ length: RUNS }, (_, i) => plan(i + 1, cal, random, diskAvailable));
  const results: Result[] = [];
  let next = 0;
  const stopAt = args.minutes !== undefined ? Date.now() + Number(args.minutes) * 60_000 : Infinity;
  const worker = async () => {
    while (next < plans.length && Date.now() < stopAt) {
      const p = plans[next++]!;
      const r = await runOnce(p, cert, sources);
      results.push(r);
      appendFileSync(OUT, `${JSON.stringify(r)}\n`);
      const flag = r.error ? 'ERROR' : r.duplicates.length ? 'DUPLICATE' : r.lost.length ? 'LOST' : r.untold.length ? 'UNTOLD' : 'ok';
      console.log(`run ${String(p.run).padStart(4)} kill ${String(r.killedAtMs ?? p.killAtMs).padStart(6)} ms unknowns ${r.unknowns.length} ${flag}`);
    }
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  results.sort((a, b) => a.plan.run - b.plan.run);
  console.log(`\n${summarize(results, cal, diskAvailable)}`);
  rmSync(sources, { recursive: true, force: true });
  const broken = results.some((r) => r.error || r.duplicates.length || r.lost.length || r.untold.length);
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
