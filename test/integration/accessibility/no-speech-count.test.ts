import { describe, expect, it } from 'vitest';
import { cuentas } from '../../../commands/cuentas.ts';
import type { ChatEvent } from '../../../src/chat/port.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { collectDigest } from '../../../src/digest/collect.ts';
import { buildDigest } from '../../../src/digest/content.ts';
import type { Attachment } from '../../../src/domain/comunicado.ts';
import { PublisherRegistry } from '../../../src/publish/registry.ts';
import type { Services } from '../../../src/service/extension.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { seedAll, seeded } from '../../fakes/handoff/seed.ts';

/*
 * /cuentas and the digest count the comunicados that went out with a video declared
 * without speech (`sin voz`), so the Jefe sees how often the exception is used.
 */

const NOW = new Date('2026-03-04T12:00:00Z');
const video = (over: Partial<Attachment>): Attachment => ({ kind: 'video', filename: 'clip.mp4', mime: 'video/mp4', size: 10, sha256: 'b'.repeat(64), path: 'files/x/clip.mp4', ...over });
const captions = { filename: 'clip.srt', format: 'srt' as const, size: 5, sha256: 'c'.repeat(64), path: 'files/x/clip.srt', vttPath: 'files/x/clip.vtt', vttSha256: 'd'.repeat(64), vttSize: 9, cues: 1 };
const done = (id: string) => [{ destination: 'portal:noticia' as const, state: 'done' as const, url: `https://portal.example.test/${id}`, finishedAt: '2026-03-04T10:00:00Z' }];

async function services(): Promise<Services> {
  const store = new MemoryStore(() => NOW);
  await seedAll(store, [
    seeded('C-2026-0001', 'published', { createdAt: '2026-03-04T09:00:00Z', content: { title: 'Timelapse del puente', attachments: [video({ noSpeech: true })] }, deliveries: done('1'), extra: { publishedAt: '2026-03-04T10:00:00Z', updatedAt: '2026-03-04T10:00:00Z' } }),
    seeded('C-2026-0002', 'published', { createdAt: '2026-03-04T09:00:00Z', content: { title: 'Rueda de prensa', attachments: [video({ captions })] }, deliveries: done('2'), extra: { publishedAt: '2026-03-04T10:00:00Z', updatedAt: '2026-03-04T10:00:00Z' } }),
    seeded('C-2026-0003', 'pending_approval', { createdAt: '2026-03-04T09:00:00Z', content: { title: 'Otro timelapse', attachments: [video({ noSpeech: true })] } }),
    seeded('C-2026-0004', 'published', { createdAt: '2026-01-04T09:00:00Z', content: { title: 'Timelapse viejo', attachments: [video({ noSpeech: true })] }, deliveries: done('4'), extra: { publishedAt: '2026-01-04T10:00:00Z', updatedAt: '2026-01-04T10:00:00Z' } }),
  ]);
  const config = parseConfig({ office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué' }, digest: { checkAccess: false } });
  return { store, config, now: () => NOW, registry: new PublisherRegistry([]), logger: silentLogger() } as unknown as Services;
}

describe('the `sin voz` exception is counted', () => {
  it('/cuentas: the comunicados published in the last 30 days with a video declared without speech', async () => {
    const s = await services();
    const said: string[] = [];
    const event = { type: 'command', name: 'cuentas', text: '', files: [], actor: { platform: 'console', userId: 'jefe' }, origin: { platform: 'console', channel: 'c' } } as unknown as ChatEvent;
    const say = async (m: string | { text: string }) => void said.push(typeof m === 'string' ? m : m.text);
    await cuentas({ event, services: s, reply: say, whisper: say, privately: async (m: string | { text: string }) => (await say(m), true) } as never, '');
    expect(said[0]!.split('\n')).toContain('🔇 Comunicados publicados con un video «sin voz» (sin subtítulos por declaración) en los últimos 30 días: 1 (C-2026-0001).');
  });

  it('the digest: those published since the last digest, in a section of their own', async () => {
    const data = await collectDigest(await services(), new Date('2026-03-03T12:00:00Z'));
    expect(data.noSpeech).toEqual(['C-2026-0001']);
    const digest = buildDigest(data);
    expect(digest.sections).toContainEqual({ heading: 'Videos «sin voz»', body: '🔇 Comunicados publicados con un video declarado «sin voz», sin subtítulos: 1 (C-2026-0001).' });
  });
});
