import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../src/app.ts';
import type { ChatEvent, IncomingFile, Origin } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { defaultExtensions } from '../../../src/extensions.ts';
import type { RecordLine } from '../../../src/record/chain.ts';
import { RecordLog } from '../../../src/record/log.ts';
import { readRecord } from '../../../src/record/reader.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { testLogger } from '../../fakes/test-logs.ts';

export const AUTHOR: Actor = { platform: 'console', userId: 'redactora', name: 'Laura' };
export const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'Carlos' };
export const PLACE: Origin = { platform: 'console', channel: 'redaccion', messageId: 'M-autora' };

/**
 * The real app on a real DATA_DIR (lowdb store, the record, the default extensions, dry-run
 * publishers) with a recording console chat; the clock is the test's.
 */
export interface RecordedApp {
  app: App;
  chat: RecordingChat;
  record: RecordLog;
  store: LowdbStore;
  dataDir: string;
  clock: { now: Date };
  send(event: Omit<ChatEvent, 'eventKey'> & Record<string, unknown>): Promise<void>;
  command(name: string, text: string, actor?: Actor, files?: IncomingFile[]): Promise<void>;
  lines(): Promise<RecordLine[]>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

export async function startRecordedApp(options: { dataDir?: string; config?: Record<string, unknown>; env?: Record<string, string>; dryRunAll?: boolean } = {}): Promise<RecordedApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'registro-app-')));
  const clock = { now: new Date('2026-11-03T15:00:00Z') };
  const now = () => clock.now;
  const config = parseConfig({
    office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' },
    approval: { approvers: { console: ['jefe'] } },
    publishing: { maxAttempts: 1 },
    ...options.config,
  });
  const env = readEnv({ DATA_DIR: dataDir, ...options.env });
  const store = await LowdbStore.open(dataDir, { now, lock: { timer: false } });
  const record = await RecordLog.open(join(dataDir, 'registro'), { now, timeZone: config.office.timezone });
  const chat = new RecordingChat();
  const app = createApp({ env, config, store, chats: [chat], logger: testLogger('registro'), dryRunAll: options.dryRunAll ?? true, record, now, extensions: defaultExtensions });
  await app.start();
  let seq = 0;
  const send: RecordedApp['send'] = async (event) => {
    await app.handle({ ...event, eventKey: `e${++seq}` } as ChatEvent);
    await app.idle();
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.idle();
    await app.stop();
    await store.close();
    await record.close();
  };
  return {
    app,
    chat,
    record,
    store,
    dataDir,
    clock,
    send,
    command: (name, text, actor = AUTHOR, files = []) => send({ type: 'command', name, text, files, actor, origin: { ...PLACE, messageId: `${PLACE.messageId}-${seq + 1}` } }),
    async lines() {
      const out: RecordLine[] = [];
      for await (const r of readRecord(join(dataDir, 'registro'))) if (r.line) out.push(r.line);
      return out;
    },
    stop,
    async remove() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest comunicado's id. */
export async function lastId(app: App): Promise<string> {
  return (await app.services.store.list()).map((s) => s.id).sort().at(-1)!;
}

export const FORM = ['Feria del empleo en el Parque Centenario', '', 'La Alcaldía ofrece 600 vacantes este viernes.', '', 'Lleve hoja de vida impresa. #Empleo'].join('\n');
