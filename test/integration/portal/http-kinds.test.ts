import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { Readable } from 'node:stream';
import { byDestination, doneDelivery, makeComunicado, makeContext, makeDeps, tempDataDir, writeImage } from './helpers.ts';
import { startBot, tempDir, testConfig } from '../../fakes/handoff/app.ts';
import { RecordingChat, newInbox } from '../../fakes/handoff/recording-chat.ts';

const SECRET = 'secreto-compartido-del-portal-0123456789';

/**
 * Issue 16 on the generic HTTP portal (docs/portal-http.md), against the receiver that
 * checks the signature and each file's sha256: the kind, cierre, enlace and the fitted
 * image in the signed payload, and the signed PATCH that marks a convocatoria closed.
 */
describe('HTTP portal: kinds, link targets, fitted images, closing a convocatoria', () => {
  let fake: FakeHttpPortal;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];

  beforeAll(async () => {
    fake = await startFakeHttpPortal(SECRET);
    ({ dir: dataDir, cleanup } = await tempDataDir());
    const portal = { type: 'http', name: 'Portal Alcaldía', imageBackground: '#ff0000', placements: { popup: { image: { width: 800, height: 800 } } } };
    publishers = createPortalPublishers(makeDeps(dataDir, portal, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET }));
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });
  beforeEach(() => {
    fake.items.length = 0;
    fake.requests.length = 0;
  });

  it('a pop-up carries its kind, its link target, a short body and the image fitted to 800×800 as a signed part', async () => {
    const img = await writeImage(dataDir, 'afiche.jpg', { r: 0, g: 0, b: 255 }, { alt: 'Afiche del corte de agua' });
    const c = makeComunicado('C-2026-0160', {
      title: 'Corte de agua',
      lead: 'El martes no habrá agua en la comuna 5. Almacene agua.',
      body: 'Detalle largo del aviso.',
      kind: 'aviso',
      linkTarget: 'https://ibague.gov.co/cortes',
      attachments: [img],
      destinations: ['portal:popup'],
    });
    const popup = byDestination(publishers, 'portal:popup');
    expect(popup.preview!(c).warnings.join('\n')).toContain('Imagen ajustada a 800×800 px, con relleno #ff0000');
    await popup.publish(c, makeContext(dataDir));
    const item = fake.items[0]!;
    expect(item.doc).toMatchObject({ kind: 'aviso', cierre: null, enlace: 'https://ibague.gov.co/cortes', bodyMode: 'short', summary: 'El martes no habrá agua en la comuna 5.' });
    expect(item.doc.html).not.toContain('Detalle largo');
    expect(item.doc.html).toContain('<a href="https://ibague.gov.co/cortes">Más información</a>');
    const image = item.doc.image as { part: string; width: number; height: number; background: string; alt: string; sha256: string };
    expect(image).toMatchObject({ part: 'file1', width: 800, height: 800, background: '#ff0000', alt: 'Afiche del corte de agua' });
    // The receiver checked the part against the signed sha256; it is an 800×800 JPEG.
    expect(item.files.file1).toMatchObject({ type: 'image/jpeg', sha256: image.sha256 });
    expect(item.doc.attachments.map((a) => a.part)).toEqual(['file0', 'file1']);
    expect(fake.requests.every((r) => r.signatureOk)).toBe(true);
    const fitted = await sharp(`${dataDir}/fitted/C-2026-0160/afiche-popup-800x800.jpg`).metadata();
    expect([fitted.width, fitted.height]).toEqual([800, 800]);
  });

  it('a convocatoria: cierre in the payload, and a signed PATCH adds «Convocatoria cerrada el …» to its noticia, once', async () => {
    const c = makeComunicado('C-2026-0161', {
      title: 'Convocatoria de becas',
      lead: 'Hay 200 becas.',
      kind: 'convocatoria',
      closesAt: '2026-04-30T22:00:00Z',
      registrationUrl: 'https://www.ibague.gov.co/becas',
    });
    const noticia = byDestination(publishers, 'portal:noticia');
    const result = await noticia.publish(c, makeContext(dataDir));
    const item = fake.items[0]!;
    expect(item.doc).toMatchObject({ kind: 'convocatoria', cierre: '2026-04-30T22:00:00Z', inscripciones: 'https://www.ibague.gov.co/becas', enlace: null, bodyMode: 'full' });
    expect(item.doc.html).toContain('Inscripciones hasta el 30 de abril de 2026, 17:00 (hora de Colombia).');
    const done: Comunicado = { ...c, deliveries: { 'portal:noticia': doneDelivery('portal:noticia', result) } };
    const line = 'Convocatoria cerrada el 30 de abril de 2026, 17:00.';
    expect(await noticia.markClosed!(done, done.deliveries['portal:noticia']!, makeContext(dataDir), line)).toEqual({ detail: `la noticia (entrada ${item.id}) dice ahora que la convocatoria cerró` });
    expect(item.closedLine).toBe(line);
    const patch = fake.requests.find((r) => r.method === 'PATCH')!;
    expect(patch).toMatchObject({ signatureOk: true, status: 200 });
    expect(new URLSearchParams(patch.query).get('closed')).toBe('2026-04-30T22:00:00Z');

    // A portal without the PATCH (405) is a failure the bot records and retries, not a success.
    fake.failNext({ status: 405, body: { error: 'Método no permitido' }, method: 'PATCH' });
    await expect(noticia.markClosed!(done, done.deliveries['portal:noticia']!, makeContext(dataDir), line)).rejects.toMatchObject({ kind: 'failed' });
  });

  it('the preview shows the fitted image in its thread, with the alt text it carries', async () => {
    const dir = await tempDir('http-kinds-app-');
    const inbox = newInbox();
    const portal = { type: 'http', name: 'Portal Alcaldía', placements: { popup: { image: { width: 800, height: 800 } } } };
    const b = await startBot({
      dataDir: dir.dir,
      config: testConfig(),
      chats: [new RecordingChat({ inbox })],
      publishers: createPortalPublishers(makeDeps(dir.dir, portal, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET })),
    });
    try {
      const jpeg = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#00aa00' } }).jpeg().toBuffer();
      const c = await b.app.services.comunicados.submit({
        text: 'Corte de agua\n\nEl martes no habrá agua.\ntipo: aviso\ndestinos: popup\nalt: Mapa del sector sin agua',
        files: [{ filename: 'mapa.jpg', open: async () => Readable.from(jpeg) }],
        actor: { platform: 'slack', userId: 'UREDACTORA', name: 'Redactora' },
        origin: { platform: 'slack', channel: 'CCOM', messageId: 'M1' },
      });
      const preview = (await b.store.get(c.id))!.messages.preview!;
      expect(inbox.uploads).toHaveLength(1);
      const up = inbox.uploads[0]!;
      expect(up.target).toEqual({ channel: preview.channel, threadId: preview.threadId ?? preview.messageId }); // the preview's thread
      expect(up.file.title).toBe('Imagen de popup ajustada a 800×800 (texto alternativo: Mapa del sector sin agua)');
      const meta = await sharp(up.file.data).metadata();
      expect([meta.width, meta.height, meta.format]).toEqual([800, 800, 'jpeg']);
      expect(fake.items).toEqual([]); // shown, not published: nothing goes out before approval
    } finally {
      await b.stop();
      await dir.cleanup();
    }
  });
});
