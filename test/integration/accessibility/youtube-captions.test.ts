import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../src/domain/comunicado.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { createYoutubePublishers } from '../../../src/publish/social/youtube/factory.ts';
import { GOOD_SRT } from '../../fixtures/accessible-files.ts';
import { quotaExceeded, startFakeYoutube, type FakeYoutube, type FakeYoutubeAccount } from '../../fakes/youtube/server.ts';
import { makeComunicado, makeContext, makeDeps, tempDataDir, writeAttachment } from '../social-x-yt/helpers.ts';

/*
 * The YouTube publisher against the Data API fake: a video with captions gets them with
 * captions.insert (multipart, language es) right after the upload, with the file's own
 * bytes; a captions failure leaves the video published and says what to do.
 */

const clientId = '123456-app.apps.googleusercontent.com';
const clientSecret = 'GOCSPX-client-secret';
const alcaldia: FakeYoutubeAccount = { refreshToken: '1//0refresh-alcaldia', channelId: 'UCalcaldiaIbague000000', title: 'Alcaldía de Ibagué' };
const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    youtube: { channelId: alcaldia.channelId, clientIdEnv: 'YT_CLIENT_ID', clientSecretEnv: 'YT_CLIENT_SECRET', refreshTokenEnv: 'YT_ALCALDIA_REFRESH_TOKEN' },
  },
  alcalde: {},
};

let fake: FakeYoutube;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeEach(async () => {
  fake = await startFakeYoutube({ accounts: [alcaldia], clientId, clientSecret });
  data = await tempDataDir();
});

afterEach(async () => {
  await fake.close();
  await data.cleanup();
});

function youtube(): Publisher {
  const env = { ...fake.env, YT_CLIENT_ID: clientId, YT_CLIENT_SECRET: clientSecret, YT_ALCALDIA_REFRESH_TOKEN: alcaldia.refreshToken };
  return createYoutubePublishers(makeDeps(data.dir, accounts, env), { progressIntervalMs: 0, sleep: async () => {} }).find((p) => p.destination === 'youtube:alcaldia')!;
}

async function videoWithCaptions(): Promise<Attachment> {
  const video = await writeAttachment(data.dir, 'recorrido.mp4', randomBytes(300_000), 'video', 'video/mp4');
  await mkdir(join(data.dir, 'files'), { recursive: true });
  await writeFile(join(data.dir, 'files', 'recorrido.srt'), GOOD_SRT);
  await writeFile(join(data.dir, 'files', 'recorrido.vtt'), 'WEBVTT\n');
  const sha256 = createHash('sha256').update(GOOD_SRT).digest('hex');
  return { ...video, captions: { filename: 'recorrido.srt', format: 'srt', size: Buffer.byteLength(GOOD_SRT), sha256, path: 'files/recorrido.srt', vttPath: 'files/recorrido.vtt', vttSha256: createHash('sha256').update('WEBVTT\n').digest('hex'), vttSize: 7, cues: 2 } };
}

const comunicado = (video: Attachment) =>
  makeComunicado({ title: 'Recorrido por las obras del Jordán', lead: 'El alcalde recorrió las obras.', attachments: [video], destinations: ['youtube:alcaldia'] });

describe('YouTube: captions.insert after the upload', () => {
  it('sends the captions file as it was sent, language es, after the video exists', async () => {
    const video = await videoWithCaptions();
    const result = await youtube().publish(comunicado(video), makeContext(data.dir));
    expect(fake.captions).toHaveLength(1);
    const cap = fake.captions[0]!;
    expect(cap).toMatchObject({ videoId: result.remoteId, language: 'es', name: 'Español', isDraft: false, contentType: 'application/octet-stream' });
    expect(cap.content.toString('utf8')).toBe(GOOD_SRT);
    // The video's last byte arrived before captions.insert was asked.
    const uploadDone = fake.requests.map((r, i) => ({ ...r, i })).filter((r) => r.method === 'PUT').at(-1)!.i;
    expect(cap.requestIndex).toBeGreaterThan(uploadDone);
    expect(fake.requests[cap.requestIndex]).toEqual({ method: 'POST', path: '/upload/youtube/v3/captions' });
    expect(result.meta).toMatchObject({ captionsId: cap.id, captionsFile: 'recorrido.srt' });
  });

  it('a refused captions.insert (quota) leaves the video published and says, in Spanish, to add them by hand', async () => {
    fake.script('captions', { status: 403, body: quotaExceeded() });
    const result = await youtube().publish(comunicado(await videoWithCaptions()), makeContext(data.dir));
    expect(fake.videos.has(result.remoteId)).toBe(true);
    expect(fake.captions).toEqual([]);
    expect(String(result.meta?.summary)).toMatch(/^el video quedó publicado pero sus subtítulos «recorrido\.srt» no se subieron \(.+\)\. Súbalos en YouTube Studio/);
  });

  it('a video declared without speech is uploaded without a captions call', async () => {
    const video = { ...(await writeAttachment(data.dir, 'timelapse.mp4', randomBytes(100_000), 'video', 'video/mp4')), noSpeech: true };
    await youtube().publish(comunicado(video), makeContext(data.dir));
    expect(fake.requests.some((r) => r.path.endsWith('/captions'))).toBe(false);
  });

  it('after a crash between the upload and its captions, the lookup that finds the video sends them; a second time YouTube says 409 and it counts as sent', async () => {
    const video = await videoWithCaptions();
    const c = comunicado(video);
    // The upload went through, the process died before captions.insert.
    const { captions: _lost, ...bare } = video;
    const uploaded = await youtube().publish({ ...c, content: { ...c.content, attachments: [bare] } }, makeContext(data.dir));
    expect(fake.captions).toEqual([]);
    const delivery = { destination: 'youtube:alcaldia' as const, state: 'verifying' as const, attempts: 1, dryRun: false };
    const found = await youtube().reconcile!(c, delivery, makeContext(data.dir));
    expect(found).toMatchObject({ remoteId: uploaded.remoteId, meta: { reconciled: true, captionsFile: 'recorrido.srt' } });
    expect(fake.captions.map((x) => [x.videoId, x.content.toString('utf8')])).toEqual([[uploaded.remoteId, GOOD_SRT]]);
    const again = await youtube().reconcile!(c, delivery, makeContext(data.dir));
    expect(again?.meta).toMatchObject({ captionsAlready: true });
    expect(again?.meta?.summary).toBeUndefined();
    expect(fake.captions).toHaveLength(1);
  });
});
