import { newComunicado } from '../../../src/domain/workflow.ts';
import { createHash, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readEnv, resolveCredentials } from '../../../src/config/env.ts';
import { configSchema } from '../../../src/config/schema.ts';
import type { Attachment, Comunicado, Content, Delivery } from '../../../src/domain/comunicado.ts';
import type { PublisherDeps } from '../../../src/publish/deps.ts';
import type { PublishContext, Publisher } from '../../../src/publish/port.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';

export async function tempDataDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh comunicado id, so runs against the same portal never collide on slugs. */
export function uniqueId(): string {
  return `C-2026-${randomInt(100_000, 999_999)}`;
}

/** Publisher deps with the `portal:` section given and env from `vars` only. */
export function makeDeps(dataDir: string, portal: unknown, vars: Record<string, string>, now: () => Date = () => new Date()): PublisherDeps {
  const config = configSchema.parse({
    office: {
      name: 'Oficina de Comunicaciones',
      entity: 'Alcaldía de Ibagué',
      boilerplate: 'La Alcaldía de Ibagué informa a la ciudadanía.',
      pressContact: { name: 'Prensa Alcaldía', email: 'prensa@example.test' },
    },
    portal,
  });
  const env = readEnv({ DATA_DIR: dataDir, ...vars });
  return {
    config,
    env,
    credentials: resolveCredentials(config, env),
    dataDir,
    logger: silentLogger(),
    store: new MemoryStore(now),
    now,
  };
}

/** A comunicado as the engine hands it to a publisher (approved, publishing). */
export function makeComunicado(id: string, content: Partial<Content> & { title: string }, extra: Partial<Comunicado> = {}): Comunicado {
  const full: Content = { lead: '', body: '', hashtags: [], attachments: [], destinations: ['portal:noticia'], ...content };
  const c = newComunicado({
    id: id,
    content: full,
    author: { platform: 'console', userId: 'redactora' },
    origin: { platform: 'console', channel: 'comunicados' },
    now: new Date(),
  });
  return { ...c, state: 'publishing', audit: [], ...extra };
}

async function saveAttachment(dataDir: string, filename: string, data: Buffer, kind: Attachment['kind'], mime: string, extra: Partial<Attachment>): Promise<Attachment> {
  await mkdir(join(dataDir, 'files'), { recursive: true });
  await writeFile(join(dataDir, 'files', filename), data);
  return { kind, filename, mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), path: `files/${filename}`, ...extra };
}

/** A real JPEG (drawn by sharp) saved under DATA_DIR/files. */
export async function writeImage(dataDir: string, filename: string, color: { r: number; g: number; b: number }, extra: Partial<Attachment> = {}): Promise<Attachment> {
  const data = await sharp({ create: { width: 320, height: 200, channels: 3, background: color } }).jpeg({ quality: 80 }).toBuffer();
  return saveAttachment(dataDir, filename, data, 'image', 'image/jpeg', extra);
}

/** A small but valid PDF saved under DATA_DIR/files. */
export async function writePdf(dataDir: string, filename: string): Promise<Attachment> {
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  return saveAttachment(dataDir, filename, pdf, 'document', 'application/pdf', {});
}

export async function writeRaw(dataDir: string, filename: string, data: Buffer, kind: Attachment['kind'], mime: string, extra: Partial<Attachment> = {}): Promise<Attachment> {
  return saveAttachment(dataDir, filename, data, kind, mime, extra);
}

export function makeContext(dataDir: string, portal?: PublishContext['portal']): PublishContext & { progressLog: string[] } {
  const progressLog: string[] = [];
  return {
    dataDir,
    ...(portal ? { portal } : {}),
    progress: (text: string) => progressLog.push(text),
    logger: silentLogger(),
    progressLog,
  };
}

/** The delivery the engine would record after a successful publish. */
export function doneDelivery(destination: Delivery['destination'], result: { remoteId: string; url: string; meta?: Record<string, unknown> }): Delivery {
  return { destination, state: 'done', attempts: 1, dryRun: false, remoteId: result.remoteId, url: result.url, ...(result.meta ? { meta: result.meta } : {}) };
}

/** A delivery left `unknown` by a crash: in flight, never recorded as done. */
export function unknownDelivery(destination: Delivery['destination']): Delivery {
  return { destination, state: 'unknown', attempts: 1, dryRun: false };
}

export function byDestination(publishers: Publisher[], destination: string): Publisher {
  const p = publishers.find((x) => x.destination === destination);
  if (!p) throw new Error(`no publisher for ${destination}`);
  return p;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
