/**
 * a) Ack latency: Slack wants every request acknowledged within 3 s, whatever the bot is
 * doing. 1,000 Slack-signed `/comunicado` requests (with the plain-text form, so each one
 * really creates a comunicado and posts its preview after the ack) at concurrency 20 to
 * the bot's HTTP receiver: the real app (LowdbStore holding 20,000 comunicados, the Slack
 * adapter in HTTP mode on the process's HttpServer, Web API pointed at the Slack fake),
 * in its own process, logging at `info` as in production. The same load goes to a bare
 * Bolt app whose only listener acks (test/bench/lib/bare-bolt.ts), also in its own
 * process. Both run under tsx, as `npm start` does.
 *
 * The load alternates in blocks (bot 250, bare 250, four times) after a warm-up of 50 each,
 * and waits for the bot's work after each block to finish (every preview posted), so the
 * two targets meet the same machine. Figures: p50 and p99 of each, and the p99 ratio
 * bot / bare; goal ≤ 1.3. `--bot-log=FILE` keeps the bot's log (last 200 KB).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rulesFrom } from '../../src/app.ts';
import { SlackApiFake } from '../fakes/slack/web-api-fake.ts';
import { signature, slashCommand } from '../fakes/slack/requests.ts';
import { argValue, ROOT } from './lib/child.ts';
import { runLoad, type LoadResult } from './lib/load.ts';
import { count, detail, finish, ms, percentile, ratio, runMain, verdict } from './lib/report.ts';
import { seedDataDir } from './lib/seed.ts';
import { freePort, startServerChild, type ServerChild } from './lib/server-child.ts';
import { AUTHOR, benchConfig, CHANNEL } from './lib/setup.ts';

const HISTORY = Number(argValue("history") ?? 20_000);
const TOTAL = Number(argValue("total") ?? 1_000);
const CONCURRENCY = 20;
const WARMUP = 50;
const BLOCKS = 4;
const GOAL = 1.3;
const BOT_TOKEN = 'xoxb-bench-0000000000-acklatency';
const SECRET = 'bench-signing-secret-ack-0123456789abcdef';
const TEAM = { teamId: 'T0IBAGUE' };

const FORM = [
  'Alcaldía de Ibagué abre inscripciones para los Juegos Intercolegiados',
  '',
  'Entradilla: Los colegios públicos y privados podrán inscribirse hasta el 15 de diciembre.',
  '',
  'Cuerpo: La Secretaría de Cultura, Turismo y Deporte invita a las instituciones educativas a participar. #Ibagué',
].join('\n');

let sequence = 0;
function request(): { body: string; headers: Record<string, string> } {
  sequence += 1;
  const form = slashCommand(TEAM, {
    command: '/comunicado',
    text: FORM,
    userId: AUTHOR.userId,
    userName: 'redactora',
    channelId: CHANNEL,
    triggerId: `${Date.now()}.${sequence}.bench${String(sequence).padStart(8, '0')}`,
  });
  const body = new URLSearchParams(form).toString();
  const ts = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(SECRET, ts, body) },
  };
}

/** chat.postMessage calls per submitted /comunicado: the preview, then "recibido" to the author (the last step). */
const POSTS_PER_COMMAND = 2;

/**
 * Waits until the bot finished the work its acks started: every /comunicado sent so far
 * got its preview and its "recibido" reply, then 300 ms without a Slack call. The bot
 * works in phases (ids, files, previews, replies), so a quiet Slack fake alone does not
 * prove it is done.
 */
async function settle(fake: SlackApiFake, commandsSent: number, maxMs = 300_000): Promise<number> {
  const t0 = Date.now();
  const posts = () => fake.callsTo('chat.postMessage').length;
  while (posts() < commandsSent * POSTS_PER_COMMAND && Date.now() - t0 < maxMs) await new Promise((r) => setTimeout(r, 50));
  let seen = fake.calls.length;
  let since = Date.now();
  while (Date.now() - since < 300 && Date.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 50));
    if (fake.calls.length !== seen) {
      seen = fake.calls.length;
      since = Date.now();
    }
  }
  return Date.now() - t0;
}

async function main(): Promise<void> {
  const fake = new SlackApiFake({ botToken: BOT_TOKEN, users: [{ id: AUTHOR.userId, name: 'redactora', realName: 'Redactora' }] });
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-ack-'));
  let bot: ServerChild | undefined;
  let bare: ServerChild | undefined;
  let ok = false;
  try {
    await seedDataDir({ dir: dataDir, total: HISTORY, now: new Date(), rules: rulesFrom(benchConfig()) });
    const botPort = await freePort();
    bot = await startServerChild(
      join(ROOT, 'test/bench/lib/bot-server.ts'),
      [],
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, DATA_DIR: dataDir, PORT: String(botPort), LOG_LEVEL: 'info' },
      `http://127.0.0.1:${botPort}/healthz`,
    );
    const barePort = await freePort();
    bare = await startServerChild(
      fileURLToPath(new URL('./lib/bare-bolt.ts', import.meta.url)),
      [`--port=${barePort}`, `--secret=${SECRET}`, `--token=${BOT_TOKEN}`, `--api=${fake.url}`],
      {},
      `http://127.0.0.1:${barePort}/`,
    );
    const botUrl = `http://127.0.0.1:${botPort}/slack/events`;
    const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;
    const load = (url: string, total: number) => runLoad({ url, total, concurrency: CONCURRENCY, build: request });

    let sentToBot = 0;
    await load(botUrl, WARMUP);
    sentToBot += WARMUP;
    await settle(fake, sentToBot);
    await load(bareUrl, WARMUP);
    const callsBefore = fake.callsTo('chat.postMessage').length;

    const botRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    const settles: number[] = [];
    for (let b = 0; b < BLOCKS; b++) {
      botRuns.push(await load(botUrl, TOTAL / BLOCKS));
      sentToBot += TOTAL / BLOCKS;
      settles.push(await settle(fake, sentToBot));
      bareRuns.push(await load(bareUrl, TOTAL / BLOCKS));
    }
    const submitted = (fake.callsTo('chat.postMessage').length - callsBefore) / POSTS_PER_COMMAND;
    const botLat = botRuns.flatMap((r) => r.latencies);
    const bareLat = bareRuns.flatMap((r) => r.latencies);
    const statuses = (runs: LoadResult[]) => {
      const all: Record<number, number> = {};
      for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) all[Number(k)] = (all[Number(k)] ?? 0) + v;
      return Object.entries(all).map(([k, v]) => `${k}×${v}`).join(' ');
    };
    const health = (await (await fetch(`http://127.0.0.1:${botPort}/healthz`)).json()) as { store?: { active?: number } };
    const b50 = percentile(botLat, 50);
    const b99 = percentile(botLat, 99);
    const r50 = percentile(bareLat, 50);
    const r99 = percentile(bareLat, 99);
    detail(`bot:  p50 ${ms(b50)}, p90 ${ms(percentile(botLat, 90))}, p99 ${ms(b99)}, max ${ms(Math.max(...botLat))}; HTTP ${statuses(botRuns)}; blocks of ${TOTAL / BLOCKS} in ${botRuns.map((r) => ms(r.wallMs)).join(', ')}`);
    detail(`bare: p50 ${ms(r50)}, p90 ${ms(percentile(bareLat, 90))}, p99 ${ms(r99)}, max ${ms(Math.max(...bareLat))}; HTTP ${statuses(bareRuns)}; blocks in ${bareRuns.map((r) => ms(r.wallMs)).join(', ')}`);
    detail(`the bot's work after the acks (submission, store writes, preview and reply posts) took ${settles.map((s) => ms(s)).join(', ')} per block; ${count(submitted)} comunicados submitted (preview and reply posted); store working set now ${health.store?.active ?? '?'} (history ${count(HISTORY)})`);
    const allOk = statuses(botRuns) === `200×${TOTAL}` && statuses(bareRuns) === `200×${TOTAL}` && submitted === TOTAL;
    if (!allOk) detail('not every request was answered 200 and submitted: see the figures above');
    const r = b99 / r99;
    ok = verdict('a ack latency', `bot p50 ${ms(b50)} p99 ${ms(b99)}; bare Bolt p50 ${ms(r50)} p99 ${ms(r99)} → p99 ratio ${ratio(r)}`, r <= GOAL && allOk, `≤ ${GOAL}`);
  } finally {
    const logFile = argValue('bot-log');
    if (logFile && bot) await writeFile(logFile, bot.stderr());
    await bot?.stop();
    await bare?.stop();
    await fake.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  finish(ok);
}

await runMain(main);
