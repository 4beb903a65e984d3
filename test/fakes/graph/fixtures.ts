import { newComunicado } from '../../../src/domain/workflow.ts';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { readEnv, resolveCredentials } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { comunicadoSchema, type Attachment, type Comunicado, type Destination } from '../../../src/domain/comunicado.ts';
import type { PublisherDeps } from '../../../src/publish/deps.ts';
import type { MediaHost, PublishContext } from '../../../src/publish/port.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';

/** A temporary DATA_DIR, removed by `cleanup()`. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'social-meta-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes a generated PNG of the given size under DATA_DIR/attachments and describes it as an attachment. */
export async function makeImage(dataDir: string, name: string, width: number, height: number, alt = `Descripción de ${name}`): Promise<Attachment> {
  const data = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    .png()
    .toBuffer();
  await mkdir(join(dataDir, 'attachments'), { recursive: true });
  const rel = join('attachments', `${name}.png`);
  await writeFile(join(dataDir, rel), data);
  return {
    kind: 'image',
    filename: `${name}.png`,
    mime: 'image/png',
    size: data.length,
    sha256: createHash('sha256').update(data).update(name).digest('hex'),
    path: rel,
    alt,
  };
}

export function makeComunicado(content: Partial<Comunicado['content']> & { title: string }, id = 'C-2026-0142'): Comunicado {
  const fullContent = {
    lead: '',
    body: '',
    hashtags: [],
    attachments: [],
    destinations: ['portal:noticia', 'facebook:alcaldia', 'instagram:alcaldia'] as Destination[],
    ...content,
  };
  const c = newComunicado({
    id,
    content: fullContent,
    author: { platform: 'console', userId: 'redactora', name: 'Redactora' },
    origin: { platform: 'console', channel: 'comunicados' },
    now: new Date('2026-03-10T15:00:00.000Z'),
  });
  return comunicadoSchema.parse({ ...c, state: 'publishing', audit: [] });
}

/** Publisher deps with the given accounts config and environment (GRAPH_API_URL points at the fake). */
export function makeDeps(dataDir: string, accounts: unknown, env: Record<string, string>): PublisherDeps {
  const config = parseConfig({ office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' }, accounts });
  const vars = readEnv(env);
  return {
    config,
    env: vars,
    credentials: resolveCredentials(config, vars),
    dataDir,
    logger: silentLogger(),
    store: new MemoryStore(),
    now: () => new Date('2026-03-10T15:00:00.000Z'),
  };
}

export function makeContext(dataDir: string, extra: { portalUrl?: string; mediaHost?: MediaHost } = {}): PublishContext & { progressLog: string[] } {
  const progressLog: string[] = [];
  return {
    dataDir,
    logger: silentLogger(),
    progress: (text) => progressLog.push(text),
    progressLog,
    ...(extra.portalUrl ? { portal: { url: extra.portalUrl, remoteId: 'portal-1' } } : {}),
    ...(extra.mediaHost ? { mediaHost: extra.mediaHost } : {}),
  };
}
