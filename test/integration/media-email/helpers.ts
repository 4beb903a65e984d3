import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createApp, type App } from '../../../src/app.ts';
import type { IncomingFile } from '../../../src/chat/port.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { mediaEmailExtension, type MediaEmailExtension } from '../../../src/media-email/extension.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { silentLogger, type Logger } from '../../../src/util/logger.ts';

export const REDACTORA: Actor = { platform: 'console', userId: 'redactora', name: 'redactora' };
export const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'jefe' };
export const PRESS_EMAIL = 'prensa@ibague.gov.co';
export const MAIL_FROM = '"Prensa Alcaldía de Ibagué" <comunicados@ibague.gov.co>';

export { RecordingChat };

export async function tempDir(prefix = 'media-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function mediaTestConfig(extra: { media?: unknown; publicUrl?: string } = {}) {
  return parseConfig({
    office: {
      name: 'Oficina de Comunicaciones',
      entity: 'Alcaldía de Ibagué',
      timezone: 'America/Bogota',
      pressContact: { name: 'Prensa Alcaldía de Ibagué', email: PRESS_EMAIL, phone: '+57 608 261 1854' },
      boilerplate: 'La Alcaldía de Ibagué informa a la ciudadanía.',
    },
    approval: { approvers: { console: ['jefe'] } },
    destinations: { default: ['portal:noticia'] },
    media: extra.media ?? { retry: { delaysSeconds: [60, 300], checkEverySeconds: 3600 } },
    ...(extra.publicUrl ? { publicUrl: extra.publicUrl } : {}),
  });
}

/** A controllable clock: tests move it to make deferred recipients due or an embargo end. */
export class Clock {
  constructor(public ms = Date.parse('2026-11-30T14:00:00Z')) {}
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface MediaApp {
  app: App;
  media: MediaEmailExtension;
  scheduler: ReturnType<typeof schedulerExtension>;
  chat: RecordingChat;
  store: Store;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * The app as src/main.ts builds it (env, config, lowdb store on a temp DATA_DIR, one
 * chat), with only the scheduler and the media extension.
 */
export async function makeMediaApp(options: {
  dataDir: string;
  smtpUrl?: string;
  mailFrom?: string;
  media?: unknown;
  publicUrl?: string;
  clock?: Clock;
  logger?: Logger;
  start?: boolean;
}): Promise<MediaApp> {
  const env = readEnv({
    DATA_DIR: options.dataDir,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(options.mailFrom !== undefined ? { MAIL_FROM: options.mailFrom } : options.smtpUrl ? { MAIL_FROM } : {}),
  });
  const config = mediaTestConfig({ media: options.media, publicUrl: options.publicUrl });
  const store = await LowdbStore.open(options.dataDir);
  const chat = new RecordingChat();
  const clock = options.clock ?? new Clock();
  let media: MediaEmailExtension | undefined;
  let scheduler: ReturnType<typeof schedulerExtension> | undefined;
  const app = createApp({
    env,
    config,
    store,
    chats: [chat],
    logger: options.logger ?? silentLogger(),
    now: clock.now,
    sleep: async () => {},
    extensions: (s) => {
      scheduler = schedulerExtension(s, { tickMs: 3_600_000 });
      media = mediaEmailExtension(s);
      return [scheduler, media];
    },
  });
  if (options.start !== false) await app.start();
  return {
    app,
    media: media!,
    scheduler: scheduler!,
    chat,
    store,
    clock,
    async close() {
      await app.idle();
      await app.stop();
      await store.close();
    },
  };
}

export const FORM = [
  'Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán',
  '',
  'La Secretaría de Infraestructura instaló 120 luminarias LED que mejoran la seguridad de 3.000 habitantes.',
  '',
  'Las obras se terminaron en seis semanas.',
  'La inversión fue de 850 millones de pesos.',
  '',
  'El alcalde recorrió el sector con la comunidad. #IbaguéBrilla',
].join('\n');

/** Submits as the redactora and approves as the jefe; resolves when publishing finished. */
export async function submitAndApprove(m: MediaApp, text: string, files: IncomingFile[] = []): Promise<string> {
  const c = await m.app.services.comunicados.submit({ text, files, actor: REDACTORA, origin: { platform: 'console', channel: 'comunicados', messageId: 'u1' } });
  await m.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
  await m.app.idle();
  return c.id;
}

export async function addContacts(m: MediaApp, contacts: Array<{ name: string; outlet: string; email: string; segment: string }>): Promise<void> {
  for (const c of contacts) await m.media.directory.add(c, 'test');
}

/** A generated photo (PNG) of the given size, as a chat file. */
export async function photoFile(dir: string, name: string, width: number, height: number, alt: string): Promise<IncomingFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } }).png().toFile(path);
  return { filename: name, alt, open: async () => createReadStream(path) };
}

/** A small valid PDF, as a chat file. */
export async function pdfFile(dir: string, name: string): Promise<{ file: IncomingFile; bytes: Buffer }> {
  await mkdir(dir, { recursive: true });
  const bytes = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { file: { filename: name, open: async () => createReadStream(path) }, bytes };
}

/** What most media tests start with: a real SMTP fake, a temp DATA_DIR, the app with these contacts. */
export interface MediaWorld {
  smtp: SmtpFake;
  data: { dir: string; cleanup: () => Promise<void> };
  m: MediaApp;
}

export async function startMediaWorld(contacts: Parameters<typeof addContacts>[1]): Promise<MediaWorld> {
  const smtp = new SmtpFake();
  await smtp.start();
  const data = await tempDir();
  const m = await makeMediaApp({ dataDir: join(data.dir, 'data'), smtpUrl: smtp.url });
  await addContacts(m, contacts);
  return { smtp, data, m };
}

export async function closeMediaWorld(w: MediaWorld): Promise<void> {
  await w.m.close();
  await w.smtp.stop();
  await w.data.cleanup();
}
