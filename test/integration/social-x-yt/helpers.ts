import { newComunicado } from '../../../src/domain/workflow.ts';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv, resolveCredentials } from '../../../src/config/env.ts';
import { configSchema } from '../../../src/config/schema.ts';
import type { Attachment, Comunicado, Content } from '../../../src/domain/comunicado.ts';
import type { PublisherDeps } from '../../../src/publish/deps.ts';
import type { PublishContext } from '../../../src/publish/port.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';

export async function tempDataDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'xyt-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Deps for a publisher factory: config from `accounts`, env from `vars` (no process.env). */
export function makeDeps(dataDir: string, accounts: unknown, vars: Record<string, string>, now: () => Date = () => new Date()): PublisherDeps {
  const config = configSchema.parse({ office: {}, accounts });
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
export function makeComunicado(content: Partial<Content> & { title: string }, extra: Partial<Comunicado> = {}): Comunicado {
  const full: Content = { lead: '', body: '', hashtags: [], attachments: [], destinations: [], ...content };
  const c = newComunicado({
    id: 'C-2026-0142',
    content: full,
    author: { platform: 'console', userId: 'redactora' },
    origin: { platform: 'console', channel: 'comunicados' },
    now: new Date('2026-03-02T14:00:00.000Z'),
  });
  return { ...c, state: 'publishing', audit: [], ...extra };
}

/** Writes a file under DATA_DIR/files and returns its attachment record. */
export async function writeAttachment(dataDir: string, filename: string, data: Buffer, kind: Attachment['kind'], mime: string, alt?: string): Promise<Attachment> {
  await mkdir(join(dataDir, 'files'), { recursive: true });
  await writeFile(join(dataDir, 'files', filename), data);
  return {
    kind,
    filename,
    mime,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    path: `files/${filename}`,
    ...(alt ? { alt } : {}),
  };
}

export function makeContext(dataDir: string, portalUrl?: string): PublishContext & { progressLog: string[] } {
  const progressLog: string[] = [];
  return {
    dataDir,
    ...(portalUrl ? { portal: { url: portalUrl, remoteId: 'portal-1' } } : {}),
    progress: (text: string) => progressLog.push(text),
    logger: silentLogger(),
    progressLog,
  };
}
