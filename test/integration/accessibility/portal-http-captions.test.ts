import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCaptions } from '../../../src/accessibility/captions-files.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import { fileOf, GOOD_SRT, tinyMp4 } from '../../fixtures/accessible-files.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir, uniqueId, writeRaw } from '../portal/helpers.ts';

/*
 * The generic HTTP portal (docs/portal-http.md): a video's entry in `attachments` carries
 * `captions` (a WebVTT part of its own, checked by SHA-256) or `noSpeech: true`.
 */

const SECRET = 'secreto-compartido-del-portal-captions-0123';
let fake: FakeHttpPortal;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeEach(async () => {
  fake = await startFakeHttpPortal(SECRET);
  data = await tempDataDir();
});
afterEach(async () => {
  await fake.close();
  await data.cleanup();
});

const noticia = () => byDestination(createPortalPublishers(makeDeps(data.dir, { type: 'http', name: 'Portal Alcaldía' }, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET })), 'portal:noticia');

describe('HTTP portal: captions in the payload', () => {
  it('a captioned video names its WebVTT part, which arrives with the signed SHA-256', async () => {
    const id = uniqueId();
    const captions = await ingestCaptions(fileOf('Recorrido.srt', GOOD_SRT), { dataDir: data.dir, folder: id });
    const video = await writeRaw(data.dir, 'Recorrido.mp4', tinyMp4(4096), 'video', 'video/mp4', { captions });
    await noticia().publish(makeComunicado(id, { title: 'Recorrido por las obras', attachments: [video] }), makeContext(data.dir));
    const [item] = fake.items;
    expect(item!.doc.attachments[0]).toMatchObject({
      part: 'file0',
      kind: 'video',
      noSpeech: false,
      captions: { part: 'captions0', filename: 'recorrido.vtt', mime: 'text/vtt', size: captions.vttSize, sha256: captions.vttSha256, language: 'es' },
    });
    expect(item!.captions!['captions0']).toContain('WEBVTT\n\n1\n00:00:00.500 --> 00:00:03.000\nBuenos días, ibaguereños.');
  });

  it('a video declared without speech says so, with no captions', async () => {
    const id = uniqueId();
    const video = await writeRaw(data.dir, 'timelapse.mp4', tinyMp4(4096), 'video', 'video/mp4', { noSpeech: true });
    await noticia().publish(makeComunicado(id, { title: 'Así avanza la obra', attachments: [video] }), makeContext(data.dir));
    expect(fake.items[0]!.doc.attachments[0]).toMatchObject({ kind: 'video', noSpeech: true, captions: null });
    expect(fake.items[0]!.captions).toEqual({});
  });
});
