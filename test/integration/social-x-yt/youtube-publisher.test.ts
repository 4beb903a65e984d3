import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../src/domain/comunicado.ts';
import { DryRunPublisher } from '../../../src/publish/dry-run.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { createYoutubePublishers, type YoutubeFactoryOptions } from '../../../src/publish/social/youtube/factory.ts';
import { quotaExceeded, rateLimitExceeded, startFakeYoutube, type FakeYoutube, type FakeYoutubeAccount } from '../../fakes/youtube/server.ts';
import { makeComunicado, makeContext, makeDeps, tempDataDir, writeAttachment } from './helpers.ts';
import { publishError } from '../../fixtures/publish-error.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';

const clientId = '123456-app.apps.googleusercontent.com';
const clientSecret = 'GOCSPX-client-secret';
const alcaldia: FakeYoutubeAccount = { refreshToken: '1//0refresh-alcaldia', channelId: 'UCalcaldiaIbague000000', title: 'Alcaldía de Ibagué' };
const alcalde: FakeYoutubeAccount = { refreshToken: '1//0refresh-alcalde', channelId: 'UCalcaldeIbague0000000', title: 'Alcalde de Ibagué' };

const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    youtube: {
      channelId: alcaldia.channelId,
      clientIdEnv: 'YT_CLIENT_ID',
      clientSecretEnv: 'YT_CLIENT_SECRET',
      refreshTokenEnv: 'YT_ALCALDIA_REFRESH_TOKEN',
      privacy: 'unlisted',
      categoryId: '29',
      signature: 'Oficina de Comunicaciones',
    },
  },
  alcalde: {
    name: 'Alcalde de Ibagué',
    youtube: { clientIdEnv: 'YT_CLIENT_ID', clientSecretEnv: 'YT_CLIENT_SECRET', refreshTokenEnv: 'YT_ALCALDE_REFRESH_TOKEN' },
  },
};

let fake: FakeYoutube;
let data: Awaited<ReturnType<typeof tempDataDir>>;
let sleeps: number[];

beforeEach(async () => {
  fake = await startFakeYoutube({ accounts: [alcaldia, alcalde], clientId, clientSecret });
  data = await tempDataDir();
  sleeps = [];
});

afterEach(async () => {
  await fake.close();
  await data.cleanup();
});

function envVars(): Record<string, string> {
  return {
    ...fake.env,
    YT_CLIENT_ID: clientId,
    YT_CLIENT_SECRET: clientSecret,
    YT_ALCALDIA_REFRESH_TOKEN: alcaldia.refreshToken,
    YT_ALCALDE_REFRESH_TOKEN: alcalde.refreshToken,
  };
}

function youtube(identity: 'alcaldia' | 'alcalde' = 'alcaldia', opts: YoutubeFactoryOptions = {}, now?: () => Date, env = envVars()): Publisher {
  const list = createYoutubePublishers(makeDeps(data.dir, accounts, env, now), {
    progressIntervalMs: 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...opts,
  });
  const p = list.find((x) => x.destination === `youtube:${identity}`);
  if (!p) throw new Error('no publisher');
  return p;
}

/** Writes `size` random bytes to DATA_DIR/files/<name> in 1 MiB pieces, hashing as it goes. */
async function bigVideo(name: string, size: number): Promise<Attachment> {
  await mkdir(join(data.dir, 'files'), { recursive: true });
  const out = createWriteStream(join(data.dir, 'files', name));
  const hash = createHash('sha256');
  for (let written = 0; written < size; ) {
    const piece = randomBytes(Math.min(1024 * 1024, size - written));
    hash.update(piece);
    written += piece.length;
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { kind: 'video', filename: name, mime: 'video/mp4', size, sha256: hash.digest('hex'), path: `files/${name}` };
}

async function smallVideo(): Promise<Attachment> {
  return writeAttachment(data.dir, 'clip.mp4', randomBytes(700_000), 'video', 'video/mp4');
}

const portal = 'https://ibague.gov.co/publicaciones/2026/03/rueda-de-prensa-del-alcalde';

describe('YouTube publisher against a local fake of the Data API', () => {
  it('uploads a 64 MB video in streamed chunks, survives a cut connection, resumes from Range, byte-exact, with bounded memory', async () => {
    const total = 64 * 1024 * 1024;
    const video = await bigVideo('rueda-de-prensa.mp4', total);
    const c = makeComunicado({
      title: 'Rueda de prensa del alcalde sobre el plan de lluvias',
      lead: 'El alcalde presentó las medidas para la temporada de lluvias.',
      body: 'Se habilitaron 12 albergues temporales.\n\nLa línea 123 atiende emergencias.',
      hashtags: ['TemporadaDeLluvias'],
      attachments: [video],
      destinations: ['portal:noticia', 'youtube:alcaldia'],
    });
    const cutAt = 30 * 1024 * 1024 + 12_345; // mid-chunk, not on a 256 KiB boundary
    fake.cutUploadAt(cutAt);
    const ctx = makeContext(data.dir, portal);

    // Memory while streaming is a benchmark figure (`npm run bench -- d`), not asserted here.
    const result = await youtube('alcaldia', { chunkSize: 4 * 1024 * 1024 }).publish(c, ctx);

    const v = fake.videos.get(result.remoteId)!;
    expect(v.sha256).toBe(video.sha256);
    expect(v.bytes).toBe(total);
    expect(result.url).toBe(`https://www.youtube.com/watch?v=${result.remoteId}`);

    // One session only: the upload resumed instead of starting over.
    expect(fake.sessions.size).toBe(1);
    const session = [...fake.sessions.values()][0]!;
    const statusQuery = session.ranges.indexOf(`bytes */${total}`);
    expect(statusQuery).toBeGreaterThan(0);
    expect(session.ranges[statusQuery + 1]).toBe(`bytes ${cutAt}-${cutAt + 4 * 1024 * 1024 - 1}/${total}`);
    expect(sleeps).toEqual([1000]);

    // Metadata as configured.
    expect(v.title).toBe(c.content.title);
    expect(v.description).toContain(portal);
    expect(v.description).toContain('#TemporadaDeLluvias');
    expect(v.privacyStatus).toBe('unlisted');
    expect(v.categoryId).toBe('29');

    // Progress in the thread, in Spanish, moving forward to the end.
    const pcts = ctx.progressLog.map((m) => Number(/subiendo video (\d+) %/.exec(m)?.[1]));
    expect(ctx.progressLog[0]).toMatch(/^YouTube \(Alcaldía de Ibagué\): subiendo video \d+ %$/);
    expect(pcts.at(-1)).toBe(100);
    expect(pcts.some((p) => p >= 40 && p <= 50)).toBe(true);

  });

  it('a lost answer to the last chunk is recovered by the status query, not uploaded twice', async () => {
    const video = await smallVideo();
    fake.cutUploadAt(video.size); // every byte arrives, the answer does not
    const c = makeComunicado({ title: 'Video corto', attachments: [video] });
    const result = await youtube().publish(c, makeContext(data.dir));
    expect(fake.videos.size).toBe(1);
    expect(fake.videos.get(result.remoteId)!.sha256).toBe(video.sha256);
    expect([...fake.sessions.values()][0]!.ranges.at(-1)).toBe(`bytes */${video.size}`);
  });

  it('no video attachment: failed, "YouTube necesita un video", nothing sent', async () => {
    const img = await writeAttachment(data.dir, 'foto.jpg', randomBytes(100), 'image', 'image/jpeg', 'foto');
    const p = youtube();
    const c = makeComunicado({ title: 'Solo foto', attachments: [img], destinations: ['youtube:alcaldia'] });
    const err = await publishError(p.publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('no_video');
    expect(err.message).toMatch(/^YouTube necesita un video/);
    expect(fake.requests).toHaveLength(0);
    expect(p.preview!(c).warnings[0]).toMatch(/YouTube necesita un video/);
  });

  it('invalid_grant: failed, account unhealthy, "reconecte"; no upload session', async () => {
    await fake.close();
    fake = await startFakeYoutube({ accounts: [{ ...alcaldia, revoked: true }], clientId, clientSecret });
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(youtube().publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('auth_expired');
    expect(err.accountUnhealthy).toBe(true);
    expect(err.message).toMatch(/Reconecte la cuenta de YouTube/);
    expect(err.message).toContain('YT_ALCALDIA_REFRESH_TOKEN');
    expect(err.message).not.toContain(alcaldia.refreshToken);
    expect(fake.sessions.size).toBe(0);
  });

  it('a token endpoint 500 is retryable and keeps the refresh token for the next attempt', async () => {
    fake.script('token', { status: 500, body: { error: 'internal_failure', error_description: 'Backend Error' } });
    const p = youtube();
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(p.publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('token_unavailable');
    expect(err.accountUnhealthy).toBeUndefined();
    expect(err.message).toMatch(/se conserva/);

    const ok = await p.publish(c, makeContext(data.dir));
    expect(fake.videos.has(ok.remoteId)).toBe(true);
    expect(fake.refreshTokensSeen).toEqual([alcaldia.refreshToken, alcaldia.refreshToken]);
  });

  it('quotaExceeded: failed (deferred to a person), with the reset time in Colombia; nothing uploaded', async () => {
    const now = new Date('2026-03-02T15:00:00Z');
    fake.script('insert', { status: 403, body: quotaExceeded() });
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(youtube('alcaldia', {}, () => now).publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('quota_exceeded');
    // Midnight Pacific (PST, UTC-8) is 08:00 UTC, 03:00 in Bogotá.
    expect(err.retryAfterMs).toBe(Date.parse('2026-03-03T08:00:00Z') - now.getTime());
    expect(err.message).toContain('03:00');
    expect(err.message).not.toMatch(/<a /);
    expect(fake.sessions.size).toBe(0);
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('rateLimitExceeded: retryable with a wait', async () => {
    fake.script('insert', { status: 403, body: rateLimitExceeded() });
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(youtube().publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('rate_limited');
    expect(err.retryInMs).toBe(60_000); // no Retry-After: the bot's own wait
    expect(err.retryAfterMs).toBeUndefined();
  });

  it('a session that keeps failing gives up after 5 tries with growing waits, never a hot loop', async () => {
    const backendError = { status: 503, body: { error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError', domain: 'global', message: 'Backend Error' }] } } };
    for (let i = 0; i < 6; i++) fake.script('put', backendError);
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    // 700 KB in 256 KiB chunks: the failure hits the first chunk, so nothing can exist yet.
    const err = await publishError(youtube('alcaldia', { chunkSize: 256 * 1024 }).publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('upload_broken');
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(fake.videos.size).toBe(0);

    // When the last chunk went out and nothing could confirm it, the video may exist: unknown.
    sleeps = [];
    for (let i = 0; i < 6; i++) fake.script('put', backendError);
    const err2 = await publishError(youtube().publish(c, makeContext(data.dir)));
    expect(err2.kind).toBe('unknown');
    expect(err2.message).toMatch(/no se sabe si quedó publicado/);
  });

  it('connection refused at the token endpoint: retryable', async () => {
    const env = { ...envVars(), YOUTUBE_OAUTH_URL: 'http://127.0.0.1:9/token' };
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(youtube('alcaldia', {}, undefined, env).publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('title over 100 characters and < > are made acceptable to YouTube, and the preview says so', async () => {
    const title = `Balance <2026> de la Secretaría de Desarrollo Económico: ${'emprendimientos apoyados en las trece comunas y diecisiete corregimientos '.repeat(2)}`;
    const c = makeComunicado({ title, lead: 'Cifras > metas <previstas>', attachments: [await smallVideo()], destinations: ['youtube:alcaldia'] });
    const p = youtube();
    const preview = p.preview!(c);
    expect(preview.warnings.join('\n')).toMatch(/título para YouTube se recortará a 100/);
    expect(preview.warnings.join('\n')).toMatch(/signos < y >/);
    expect(preview.limit).toBe(5000);
    const r = await p.publish(c, makeContext(data.dir));
    const v = fake.videos.get(r.remoteId)!;
    expect(Array.from(v.title).length).toBeLessThanOrEqual(100);
    expect(v.title).not.toMatch(/[<>]/);
    expect(v.description).toContain('Cifras › metas ‹previstas›');
  });

  it('withdraw deletes the video; a second withdraw finds nothing', async () => {
    const p = youtube();
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const r = await p.publish(c, makeContext(data.dir));
    const delivery = { destination: 'youtube:alcaldia' as const, state: 'done' as const, attempts: 1, dryRun: false, remoteId: r.remoteId, url: r.url };
    expect((await p.withdraw!(c, delivery, makeContext(data.dir))).outcome).toBe('removed');
    expect(fake.videos.size).toBe(0);
    expect((await p.withdraw!(c, delivery, makeContext(data.dir))).outcome).toBe('not_found');
  });

  it('checkAccess: one healthy channel, one revoked authorization', async () => {
    await fake.close();
    fake = await startFakeYoutube({ accounts: [alcaldia, { ...alcalde, revoked: true }], clientId, clientSecret });
    const ok = await youtube('alcaldia').checkAccess!();
    const bad = await youtube('alcalde').checkAccess!();
    expect(ok).toEqual({ destination: 'youtube:alcaldia', ok: true, detail: 'YouTube «Alcaldía de Ibagué»: puede subir videos' });
    expect(bad.ok).toBe(false);
    expect(bad.detail).toMatch(/Reconecte la cuenta/);
    expect(bad.detail).toContain('YT_ALCALDE_REFRESH_TOKEN');
    expect(fake.requests.filter((r) => r.path === '/youtube/v3/channels')).toHaveLength(1);
  });

  it('a token granted on another channel than the configured one: no upload, and /cuentas says so', async () => {
    // The alcalde's config names the city's channel id, but its token belongs to the mayor's channel.
    const wrong = { ...accounts, alcalde: { ...accounts.alcalde, youtube: { ...accounts.alcalde.youtube, channelId: alcaldia.channelId } } };
    const p = createYoutubePublishers(makeDeps(data.dir, wrong, envVars())).find((x) => x.destination === 'youtube:alcalde')!;
    const c = makeComunicado({ title: 'Video', attachments: [await smallVideo()] });
    const err = await publishError(p.publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('wrong_channel');
    expect(err.message).toContain('«Alcalde de Ibagué»');
    expect(fake.sessions.size).toBe(0);
    const access = await p.checkAccess!();
    expect(access.ok).toBe(false);
    expect(access.detail).toContain(alcaldia.channelId);
  });

  it('an account without its refresh token is a dry run that says which variable is missing', () => {
    const env = envVars();
    delete (env as Record<string, string | undefined>).YT_ALCALDE_REFRESH_TOKEN;
    const list = createYoutubePublishers(makeDeps(data.dir, accounts, env));
    const dry = list.find((p) => p.destination === 'youtube:alcalde');
    expect(dry).toBeInstanceOf(DryRunPublisher);
    expect((dry as DryRunPublisher).dryRunReason).toBe('sin credenciales (falta la variable YT_ALCALDE_REFRESH_TOKEN)');
    const c = makeComunicado({ title: 'Título del video', lead: 'Entradilla' });
    expect(dry!.preview!(c).text.startsWith('Título del video\n\nEntradilla')).toBe(true);
    expect(dry!.preview!(c).warnings[0]).toMatch(/YouTube necesita un video/);
  });
});

describe('YouTube: the final chunk is the create call; lookup in the uploads playlist', () => {
  const T0 = Date.parse('2026-03-02T15:00:00.000Z');

  it('everything before the last chunk is preparation: beforeCreate runs once, right before the final chunk', async () => {
    const video = await smallVideo(); // 700,000 bytes in 256 KiB chunks: three PUTs
    const c = makeComunicado({ title: 'Video en tres partes', attachments: [video], destinations: ['youtube:alcaldia'] });
    const seen: number[] = [];
    const ctx = { ...makeContext(data.dir), beforeCreate: async () => void seen.push([...fake.sessions.values()][0]!.ranges.length) };
    const result = await youtube('alcaldia', { chunkSize: 256 * 1024 }).publish(c, ctx);
    expect(seen).toEqual([2]);
    expect([...fake.sessions.values()][0]!.ranges).toHaveLength(3);
    // The id travels as a tag, so a crash lookup can recognise the video.
    expect(fake.videos.get(result.remoteId)!.tags[0]).toBe(c.id);
  });

  it('a video that takes minutes to show in the uploads playlist is found there (1 quota unit per list), with its link', async () => {
    const clock = new ManualClock(T0);
    fake.clock = () => clock.ms;
    fake.listingLagMs = 5 * 60_000;
    const video = await smallVideo();
    const c = makeComunicado({ title: 'Rueda de prensa', lead: 'Plan de lluvias.', attachments: [video], destinations: ['youtube:alcaldia'] });
    fake.cutUploadAt(video.size); // the last byte arrives, the bot is gone before the answer
    await youtube('alcaldia', { maxBrokenInARow: 0 }).publish(c, makeContext(data.dir)).catch(() => undefined);
    expect(fake.videos.size).toBe(1);
    const [v] = [...fake.videos.values()];

    const { engine, store, id } = await restartedEngine({ publishers: [youtube()], comunicado: c, dest: 'youtube:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(60);
    await engine.recover();
    expect((await store.get(id))!.deliveries['youtube:alcaldia']!.state).toBe('verifying');
    clock.advance(3 * 60 + 30); // T0 + 270 s: not listed yet
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['youtube:alcaldia']!.state).toBe('verifying');
    clock.advance(45); // T0 + 315 s: listed
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['youtube:alcaldia']).toMatchObject({ state: 'done', remoteId: v!.id, url: `https://www.youtube.com/watch?v=${v!.id}` });
    expect(fake.requests.filter((r) => r.path === '/youtube/v3/playlistItems').length).toBeGreaterThan(0);
    expect(fake.videos.size).toBe(1);
  });

  it('settle window: not in the uploads playlist counts as absent only 600 s after the last chunk was sent', async () => {
    const clock = new ManualClock(T0);
    const c = makeComunicado({ title: 'Nunca subió', attachments: [await smallVideo()], destinations: ['youtube:alcaldia'] });
    const { engine, store, id } = await restartedEngine({ publishers: [youtube()], comunicado: c, dest: 'youtube:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(599);
    await engine.recover();
    expect((await store.get(id))!.deliveries['youtube:alcaldia']!.state).toBe('verifying');
    clock.advance(1);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['youtube:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
  });
});
