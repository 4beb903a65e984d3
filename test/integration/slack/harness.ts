import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { parse as parseYaml } from 'yaml';
import { createApp, type App } from '../../../src/app.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/index.ts';
import { readEnv } from '../../../src/config/env.ts';
import { EXAMPLE_CONFIG, parseConfig } from '../../../src/config/load.ts';
import type { Config } from '../../../src/config/schema.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { RecordLog } from '../../../src/record/log.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { createLogger } from '../../../src/util/logger.ts';
import { SlackApiFake, type FakeUser } from '../../fakes/slack/web-api-fake.ts';
import * as requests from '../../fakes/slack/requests.ts';

export const BOT_TOKEN = 'xoxb-1111-2222-prueba-ibague-token';
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const TEAM = { teamId: 'T0IBAGUE' };
export const CHANNELS = { comunicados: 'C0COMUNICA', aprobaciones: 'C0APROBAR', otro: 'C0OTRO' };
export const USERS = {
  redactora: { id: 'U0REDACTORA', name: 'laura.p', realName: 'Laura Pérez', displayName: 'Laura' },
  jefe: { id: 'U0JEFE', name: 'jefe.prensa', realName: 'Carlos Rojas', displayName: 'Jefe Carlos' },
  intruso: { id: 'U0OTRA', name: 'otra.persona', realName: 'Ana Gómez' },
} satisfies Record<string, FakeUser>;

/** The example config (as a newcomer gets it) plus the Slack channels and the Jefe. */
export function testConfig(overrides: { maxBytes?: number; teamId?: string | null } = {}): Config {
  const doc = parseYaml(readFileSync(new URL(`../../../${EXAMPLE_CONFIG}`, import.meta.url), 'utf8')) as Record<string, any>;
  doc.chats = {
    ...doc.chats,
    slack: {
      ...(overrides.teamId === null ? {} : { teamId: overrides.teamId ?? TEAM.teamId }),
      comunicadosChannel: CHANNELS.comunicados,
      approvalsChannel: CHANNELS.aprobaciones,
    },
  };
  doc.approval.approvers.slack = [USERS.jefe.id];
  doc.destinations = { default: ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia'] };
  if (overrides.maxBytes) doc.attachments = { maxBytes: overrides.maxBytes };
  return parseConfig(doc, 'test');
}

export interface Harness {
  fake: SlackApiFake;
  app: App;
  adapter: SlackAdapter;
  store: Store;
  dataDir: string;
  /** The bot's request URL: http://127.0.0.1:<port>/slack/events. */
  url: string;
  logs: Array<Record<string, unknown>>;
  rawLogs: string[];
  event(event: Record<string, unknown>, options?: Partial<requests.SendOptions> & { eventId?: string }): Promise<requests.BotResponse>;
  command(p: Omit<Parameters<typeof requests.slashCommand>[1], 'channelId'> & { channelId?: string }, options?: Partial<requests.SendOptions>): Promise<requests.BotResponse>;
  interaction(payload: object, options?: Partial<requests.SendOptions>): Promise<requests.BotResponse>;
  /** Waits until the adapter's events and the app's background work (publishing) are done. */
  settle(): Promise<void>;
  /** Stops the app and the HTTP server (the data dir stays, for a restart). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  store?: Store;
  dataDir?: string;
  fake?: SlackApiFake;
  config?: Config;
  now?: () => Date;
  /** SLACK_APP_TOKEN: Socket Mode instead of the HTTP receiver. */
  appToken?: string;
  /** More environment variables (a portal's address and secret). */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = options.fake ?? new SlackApiFake({ botToken: BOT_TOKEN, teamId: TEAM.teamId, users: Object.values(USERS) });
  if (!options.fake) await fake.start();
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'slack-it-')));
  const env = readEnv({
    DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(options.appToken ? { SLACK_APP_TOKEN: options.appToken } : {}),
    SLACK_API_URL: fake.url,
    PORT: '0',
    ...options.env,
  });
  const config = options.config ?? testConfig();
  const logs: Array<Record<string, unknown>> = [];
  const rawLogs: string[] = [];
  const logger = createLogger({
    level: 'debug',
    secrets: [BOT_TOKEN, SIGNING_SECRET, ...(options.appToken ? [options.appToken] : [])],
    destination: {
      write(chunk: string) {
        rawLogs.push(chunk);
        logs.push(JSON.parse(chunk) as Record<string, unknown>);
      },
    },
  });
  const store = options.store ?? new MemoryStore();
  const http = new HttpServer(logger);
  const adapter = createSlackAdapter({ env, config, logger, http, store });
  // The record, as src/main.ts opens it: every Slack test also writes the hash-chained history.
  const record = await RecordLog.open(join(dataDir, 'registro'), { timeZone: config.office.timezone, ...(options.now ? { now: options.now } : {}) });
  const app = createApp({ env, config, store, chats: [adapter], logger, record, ...(options.now ? { now: options.now } : {}) });
  await app.start();
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/slack/events`;
  const opts = (o?: Partial<requests.SendOptions>): requests.SendOptions => ({ secret: SIGNING_SECRET, ...o });
  let stopped = false;

  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await adapter.settled();
      await app.idle();
    }
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await settle();
    await app.stop();
    await http.close();
    await record.close();
  };
  return {
    fake,
    app,
    adapter,
    store,
    dataDir,
    url,
    logs,
    rawLogs,
    event: (event, o) => requests.sendEvent(url, requests.eventCallback(TEAM, event, o?.eventId), opts(o)),
    command: (p, o) => requests.sendCommand(url, requests.slashCommand(TEAM, { channelId: CHANNELS.comunicados, ...p }), opts(o)),
    interaction: (payload, o) => requests.sendInteraction(url, payload, opts(o)),
    settle,
    stop,
    async close() {
      await stop();
      await store.close();
      if (!options.fake) await fake.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A real JPEG photo (the core checks content, not names). */
export function jpeg(width = 120, height = 80): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } }).jpeg().toBuffer();
}

/** The texts of every message the bot posted to a channel (threads included). */
export function textsIn(h: Harness, channel: string): string[] {
  return h.fake.posted(channel).map((m) => m.text);
}
