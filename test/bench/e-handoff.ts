/**
 * e) Hand-off: the WhatsApp hand-off of one published comunicado to 50 team members, as
 * Slack direct messages, through the real app: the Slack adapter (HTTP mode, Web API at
 * SLACK_API_URL) and the hand-off extension (src/handoff, entry point: its `onSettled`,
 * which the app calls when a publication settles). The Slack Web API fake sits behind a
 * limiter that allows one chat.postMessage per second per channel and answers 429 with
 * Retry-After otherwise (test/bench/lib/slack-limiter.ts).
 *
 * Two runs:
 * - "as configured": the hand-off's own pacing (team.sendIntervalMs.slack, 1.1 s), Slack's
 *   per-channel limit;
 * - "429 path": the pacing off (0 ms) and one bucket for every channel (1 msg/s in all),
 *   stricter than Slack, so nearly every message meets a 429 first.
 * Figures: elapsed time, 429s answered, messages lost (a member with no DM) and sent twice
 * (a member with more than one). Goal: 0 lost, none twice.
 *
 *   npm run bench -- e                  both runs
 *   npm run bench -- e --run=storm      only the 429 path
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, rulesFrom } from '../../src/app.ts';
import { readHandoff } from '../../src/handoff/record.ts';
import { buildChatAdapters } from '../../src/chat/adapters.ts';
import { HttpServer } from '../../src/http/server.ts';
import { LowdbStore } from '../../src/store/lowdb-store.ts';
import { silentLogger } from '../../src/util/logger.ts';
import { SlackApiFake } from '../fakes/slack/web-api-fake.ts';
import { argValue } from './lib/child.ts';
import { Cleanup } from './lib/cleanup.ts';
import { count, detail, finish, ms, runMain, verdict } from './lib/report.ts';
import { published } from './lib/seed.ts';
import { benchConfig, benchEnv } from './lib/setup.ts';
import { startSlackLimiter } from './lib/slack-limiter.ts';

const MEMBERS = 50;
const BOT_TOKEN = 'xoxb-bench-0000000000-handoff';
const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const TIMEOUT_MS = 5 * 60_000;

interface RunFigures {
  name: string;
  elapsedMs: number;
  limited: number;
  lost: string[];
  twice: string[];
  states: Record<string, number>;
}

async function run(name: string, sendIntervalMs: number, global: boolean): Promise<RunFigures> {
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ name: `Integrante ${String(i + 1).padStart(2, '0')}`, slack: `U0M${String(i + 1).padStart(3, '0')}` }));
  const cleanup = new Cleanup();
  try {
    const fake = cleanup.add(new SlackApiFake({ botToken: BOT_TOKEN, users: members.map((m) => ({ id: m.slack, name: m.name.toLowerCase().replace(' ', '.') })) }), (f) => f.stop());
    await fake.start();
    const limiter = cleanup.add(await startSlackLimiter({ target: fake.url, global }), (l) => l.close());
    const dataDir = cleanup.add(await mkdtemp(join(tmpdir(), 'bench-handoff-')), (d) => rm(d, { recursive: true, force: true }));
    const logger = silentLogger();
    const env = benchEnv(dataDir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: limiter.url });
    const config = benchConfig({ team: { members, sendIntervalMs: { slack: sendIntervalMs } } });
    const store = cleanup.add(await LowdbStore.open(dataDir), (st) => st.close());
    const http = cleanup.add(new HttpServer(logger), (h) => h.close());
    const chats = await buildChatAdapters({ env, config, logger, http, store });
    const app = createApp({ env, config, store, chats, logger });
    await http.listen(0, '127.0.0.1');
    cleanup.add(app, (a) => a.stop());
    await app.start();
    const now = new Date();
    const c = published(await store.nextId(now), 1, now, rulesFrom(config), ['portal:noticia', 'facebook:alcaldia']);
    await store.create(c);
    const handoff = app.extensions.find((e) => e.name === 'handoff');
    if (!handoff?.onSettled) throw new Error('the hand-off extension is not in the app');
    const t0 = performance.now();
    await handoff.onSettled(c);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([app.idle(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${name}: hand-off not finished after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS)))]);
    clearTimeout(timer);
    const elapsedMs = performance.now() - t0;

    // What Slack holds: the DMs per member channel (the fake answers conversations.open with D0 + user id).
    const lost: string[] = [];
    const twice: string[] = [];
    for (const m of members) {
      const n = fake.posted(`D0${m.slack.slice(1)}`).length;
      if (n === 0) lost.push(m.name);
      if (n > 1) twice.push(m.name);
    }
    const rec = await readHandoff(store, c.id);
    const states: Record<string, number> = {};
    for (const m of Object.values(rec?.members ?? {})) states[m.dm.state] = (states[m.dm.state] ?? 0) + 1;
    return { name, elapsedMs, limited: limiter.total429(), lost, twice, states };
  } finally {
    await cleanup.run();
  }
}

async function main(): Promise<void> {
  const only = argValue('run');
  const runs: RunFigures[] = [];
  if (!only || only === 'configured') runs.push(await run('as configured (1.1 s pacing, 1 msg/s per channel)', 1100, false));
  if (!only || only === 'storm') runs.push(await run('429 path (no pacing, 1 msg/s for all channels)', 0, true));
  let ok = true;
  for (const r of runs) {
    detail(`${r.name}: ${ms(r.elapsedMs)}, ${count(r.limited)} answered 429, records ${Object.entries(r.states).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (r.lost.length) detail(`  lost: ${r.lost.join(', ')}`);
    if (r.twice.length) detail(`  twice: ${r.twice.join(', ')}`);
    ok =
      verdict(
        'e hand-off',
        `${MEMBERS} members ${r.name.split(' (')[0]} in ${ms(r.elapsedMs)}, ${count(r.limited)} 429s seen, ${r.lost.length} lost, ${r.twice.length} twice`,
        r.lost.length === 0 && r.twice.length === 0,
        '0 lost, none twice',
      ) && ok;
  }
  finish(ok);
}

await runMain(main);
