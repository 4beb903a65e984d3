import { expect } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import sharp from 'sharp';
import { createApp, type App } from '../../../src/app.ts';
import type { ChatAdapter } from '../../../src/chat/port.ts';
import { createTelegramAdapter, type TelegramOptions } from '../../../src/chat/telegram/index.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Config } from '../../../src/config/schema.ts';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { createLogger } from '../../../src/util/logger.ts';
import { FakeBotApi, type TgChat, type TgUser } from '../../fakes/telegram/bot-api.ts';
import { RecordLog } from '../../../src/record/log.ts';

export const GROUP: TgChat = { id: -1001500000001, type: 'supergroup', title: 'Prensa Alcaldía de Ibagué' };
export const OTHER_GROUP: TgChat = { id: -1001500000999, type: 'supergroup', title: 'Otro grupo' };
export const JEFE: TgUser = { id: 111111, is_bot: false, first_name: 'Carolina', last_name: 'Rojas', username: 'jefe_prensa' };
export const REDACTORA: TgUser = { id: 222222, is_bot: false, first_name: 'Laura', last_name: 'Gómez' };
export const PASANTE: TgUser = { id: 333333, is_bot: false, first_name: 'Pedro' };

export interface Bot {
  fake: FakeBotApi;
  app: App;
  adapter: ChatAdapter;
  store: Store;
  http: HttpServer;
  config: Config;
  dataDir: string;
  /** Every log line written (to check the token never shows). */
  logs: string[];
  stop(): Promise<void>;
  /** The comunicados in the store, newest last. */
  comunicados(): Promise<Comunicado[]>;
}

export interface BotOptions {
  fake?: FakeBotApi;
  store?: Store;
  dataDir?: string;
  env?: Record<string, string>;
  config?: Record<string, unknown>;
  adapter?: TelegramOptions;
  /** Chats the fake knows besides GROUP. */
  chats?: TgChat[];
  /** Run the app's default extensions (media list, hand-off, digest, scheduler); none by default. */
  defaultExtensions?: boolean;
  /** Keep the hash-chained record under DATA_DIR/registro, as src/main.ts does. */
  record?: boolean;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tg-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Builds the app as src/main.ts does, against the fake Bot API. */
export async function startBot(options: BotOptions = {}): Promise<Bot> {
  const fake = options.fake ?? (await new FakeBotApi().start());
  if (!options.fake) {
    fake.addChat(GROUP).addChat(OTHER_GROUP).addMember(GROUP.id, JEFE);
    for (const c of options.chats ?? []) fake.addChat(c);
  }
  const dataDir = options.dataDir ?? (await tempDir());
  const env = readEnv({
    DATA_DIR: dataDir,
    PORT: '0',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    ...options.env,
  });
  const config = parseConfig({
    office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
    chats: { telegram: { chats: [GROUP.id] } },
    approval: { approvers: { telegram: [JEFE.id] } },
    ...options.config,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', destination: sink });
  const store = options.store ?? new MemoryStore();
  const http = new HttpServer(logger);
  const adapter = createTelegramAdapter({ env, config, logger, http, store }, { albumDebounceMs: 150, ...options.adapter });
  const record = options.record ? await RecordLog.open(join(dataDir, 'registro'), { timeZone: config.office.timezone }) : undefined;
  const app = createApp({ env, config, store, chats: [adapter], logger, ...(options.defaultExtensions ? {} : { extensions: () => [] }), ...(record ? { record } : {}) });
  await http.listen(0, '127.0.0.1');
  await app.start();
  let stopped = false;
  return {
    fake,
    app,
    adapter,
    store,
    http,
    config,
    dataDir,
    logs,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.idle();
      await app.stop();
      await http.close();
      await record?.close();
    },
    async comunicados() {
      const list = await store.list();
      const all = await Promise.all(list.map((s) => store.get(s.id)));
      return all.filter((c): c is Comunicado => !!c).sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

/** A real little JPEG (the core checks files by content). */
export async function jpeg(color = '#c0392b'): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: color } }).jpeg().toBuffer();
}

/** The bot's preview of a comunicado in the fake: its first message (the one reactions go to). */
export function previewOf(bot: Bot, chatId = GROUP.id) {
  return bot.fake.sent(chatId).find((m) => m.text.startsWith('📰'));
}

export const FORM_TEXT = [
  'Alcaldía abre convocatoria para el Festival Folclórico',
  '',
  'La Alcaldía de Ibagué abre la convocatoria para el 52 Festival Folclórico Colombiano.',
  '',
  'Las inscripciones van hasta el 30 de mayo en la Secretaría de Cultura. #IbaguéCapitalMusical',
].join('\n');

/**
 * Stops a bot and its fake Bot API, checks the token never reached its logs, and removes
 * its data folder: the end of every Telegram test.
 */
export async function closeBot(bot: Bot | undefined): Promise<void> {
  if (!bot) return;
  await bot.stop();
  await bot.fake.stop();
  expect(bot.logs.join('')).not.toContain(bot.fake.token);
  await removeDir(bot.dataDir);
}
