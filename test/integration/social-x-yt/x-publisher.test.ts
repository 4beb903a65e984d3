import { randomBytes } from 'node:crypto';
import { Agent } from 'node:https';
import { createServer } from 'node:net';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DryRunPublisher } from '../../../src/publish/dry-run.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { createXPublishers } from '../../../src/publish/social/x/factory.ts';
import { renderX, xWeightedLength } from '../../../src/render/x.ts';
import { testCertificate, type TestCertificate } from '../../fakes/x/certificate.ts';
import { startFakeX, type FakeX, type FakeXAccount } from '../../fakes/x/server.ts';
import { makeComunicado, makeContext, makeDeps, tempDataDir, writeAttachment } from './helpers.ts';
import { publishError } from '../../fixtures/publish-error.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';

const alcaldia: FakeXAccount = {
  consumerKey: 'app-key-alcaldia',
  consumerSecret: 'app-secret-alcaldia',
  accessToken: '1111-token-alcaldia',
  accessSecret: 'token-secret-alcaldia',
  userId: '1111',
  username: 'AlcaldiaIbague',
  name: 'Alcaldía de Ibagué',
};
const alcalde: FakeXAccount = {
  consumerKey: 'app-key-alcaldia',
  consumerSecret: 'app-secret-alcaldia',
  accessToken: '2222-token-alcalde',
  accessSecret: 'token-secret-alcalde',
  userId: '2222',
  username: 'AlcaldeIbague',
  name: 'Alcalde de Ibagué',
};

const accounts = {
  alcaldia: {
    x: {
      handle: '@AlcaldiaIbague',
      appKeyEnv: 'X_APP_KEY',
      appSecretEnv: 'X_APP_SECRET',
      accessTokenEnv: 'X_ALCALDIA_TOKEN',
      accessSecretEnv: 'X_ALCALDIA_TOKEN_SECRET',
      hashtags: ['IbaguéCapitalMusical'],
    },
  },
  alcalde: {
    x: {
      handle: 'AlcaldeIbague',
      appKeyEnv: 'X_APP_KEY',
      appSecretEnv: 'X_APP_SECRET',
      accessTokenEnv: 'X_ALCALDE_TOKEN',
      accessSecretEnv: 'X_ALCALDE_TOKEN_SECRET',
    },
  },
};

function envFor(url: string): Record<string, string> {
  return {
    X_API_URL: url,
    X_APP_KEY: alcaldia.consumerKey,
    X_APP_SECRET: alcaldia.consumerSecret,
    X_ALCALDIA_TOKEN: alcaldia.accessToken,
    X_ALCALDIA_TOKEN_SECRET: alcaldia.accessSecret,
    X_ALCALDE_TOKEN: alcalde.accessToken,
    X_ALCALDE_TOKEN_SECRET: alcalde.accessSecret,
  };
}

let cert: TestCertificate;
let fake: FakeX;
let data: Awaited<ReturnType<typeof tempDataDir>>;
let agent: Agent;

beforeAll(async () => {
  cert = await testCertificate();
});

beforeEach(async () => {
  fake = await startFakeX({ accounts: [alcaldia, alcalde], certificate: cert });
  data = await tempDataDir();
  // The client trusts the test certificate through an injected agent; verification stays on.
  agent = new Agent({ ca: cert.cert });
});

afterEach(async () => {
  agent.destroy();
  await fake.close();
  await data.cleanup();
});

function publishers(url = fake.url, now?: () => Date): Map<string, Publisher> {
  const list = createXPublishers(makeDeps(data.dir, accounts, envFor(url), now), { agent });
  return new Map(list.map((p) => [p.destination, p]));
}

function xOf(url?: string, identity: 'alcaldia' | 'alcalde' = 'alcaldia', now?: () => Date): Publisher {
  const p = publishers(url, now).get(`x:${identity}`);
  if (!p) throw new Error('no publisher');
  return p;
}

const portal = 'https://ibague.gov.co/publicaciones/2026/03/vacunacion-antirrabica-gratuita-en-las-13-comunas';

describe('X publisher against a local HTTPS fake', () => {
  it('posts text only: fitted text, portal link, OAuth 1.0a signed for the overridden URL', async () => {
    const c = makeComunicado({
      title: 'Jornada de vacunación antirrábica gratuita en las 13 comunas',
      lead: 'La Secretaría de Salud vacunará perros y gatos este sábado desde las 8:00 a. m. en parques y salones comunales de Ibagué.',
      hashtags: ['SaludIbagué', 'Vacunación'],
      destinations: ['portal:noticia', 'x:alcaldia'],
    });
    const result = await xOf().publish(c, makeContext(data.dir, portal));

    const tweet = fake.tweets.get(result.remoteId);
    expect(tweet).toBeDefined();
    expect(tweet!.authorId).toBe(alcaldia.userId);
    expect(tweet!.text).toContain(c.content.title);
    expect(tweet!.text).toContain(portal);
    expect(tweet!.text).toContain('#SaludIbagué #Vacunación #IbaguéCapitalMusical');
    expect(xWeightedLength(tweet!.text)).toBeLessThanOrEqual(280);
    expect(tweet!.mediaIds).toEqual([]);
    expect(result.url).toBe(`https://x.com/AlcaldiaIbague/status/${result.remoteId}`);
    // Only the post went out: no media calls for a text-only comunicado.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /2/tweets']);
  });

  it('posts images: v2 media initialize/append/finalize with alt text, then the post with media_ids', async () => {
    const img1 = await writeAttachment(data.dir, 'rueda-de-prensa.jpg', randomBytes(1_300_000), 'image', 'image/jpeg', 'El alcalde habla en rueda de prensa');
    const img2 = await writeAttachment(data.dir, 'parque.png', randomBytes(200_000), 'image', 'image/png', 'Vista del parque Centenario');
    const video = await writeAttachment(data.dir, 'clip.mp4', randomBytes(10_000), 'video', 'video/mp4');
    const c = makeComunicado({ title: 'Reapertura del parque Centenario', attachments: [img1, img2, video], destinations: ['x:alcaldia'] });

    const result = await xOf().publish(c, makeContext(data.dir));

    const tweet = fake.tweets.get(result.remoteId)!;
    expect(tweet.mediaIds).toHaveLength(2);
    const [m1, m2] = tweet.mediaIds.map((id) => fake.media.get(id)!);
    expect(m1!.sha256).toBe(img1.sha256);
    expect(m1!.alt).toBe(img1.alt);
    expect(m1!.category).toBe('tweet_image');
    expect(m1!.received.length).toBe(2); // 1.3 MB in 1 MB segments
    expect(m2!.sha256).toBe(img2.sha256);
    expect(m2!.mediaType).toBe('image/png');
    expect(result.meta?.mediaIds).toEqual(tweet.mediaIds);
    const calls = fake.requests.map((r) => `${r.method} ${r.path.replace(/\d{5,}/, ':id')}`);
    expect(calls.filter((r) => r === 'POST /2/media/upload/initialize')).toHaveLength(2);
    expect(calls.at(-1)).toBe('POST /2/tweets');
    expect(calls).not.toContain('POST /1.1/media/upload.json');
  });

  it('401: failed, account unhealthy, asks to reconnect; nothing posted', async () => {
    fake.script('POST /2/tweets', { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });
    const err = await publishError(xOf().publish(makeComunicado({ title: 'Aviso' }), makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('auth_expired');
    expect(err.accountUnhealthy).toBe(true);
    expect(err.message).toMatch(/Reconecte la cuenta de X/);
    expect(err.message).toContain('X_ALCALDIA_TOKEN');
    expect(err.message).not.toContain(alcaldia.accessToken);
    expect(fake.tweets.size).toBe(0);
  });

  it('a revoked token (real 401 from the fake) is classified the same way', async () => {
    const revoked = { ...alcaldia, revoked: true };
    await fake.close();
    fake = await startFakeX({ accounts: [revoked], certificate: cert });
    const err = await publishError(xOf().publish(makeComunicado({ title: 'Aviso' }), makeContext(data.dir)));
    expect(err.code).toBe('auth_expired');
    expect(err.accountUnhealthy).toBe(true);
  });

  it('429: retryable, waits until x-rate-limit-reset', async () => {
    const now = new Date('2026-03-02T15:00:00Z');
    const reset = Math.floor(now.getTime() / 1000) + 420;
    fake.script('POST /2/tweets', {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const err = await publishError(xOf(undefined, 'alcaldia', () => now).publish(makeComunicado({ title: 'Aviso' }), makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(420_000);
    expect(err.message).toContain('10:07'); // 15:07 UTC is 10:07 in Bogotá
    expect(fake.tweets.size).toBe(0);
  });

  it('duplicate content (403): unknown, never a second post', async () => {
    const c = makeComunicado({ title: 'Cierre vial en la calle 60', destinations: ['x:alcaldia'] });
    await xOf().publish(c, makeContext(data.dir));
    const err = await publishError(xOf().publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('unknown');
    expect(err.code).toBe('duplicate');
    expect(err.message).toMatch(/ya publicó este mismo texto/);
    expect(fake.tweets.size).toBe(1);
  });

  it('connection refused: retryable (nothing left the machine)', async () => {
    const port = await closedPort();
    const err = await publishError(xOf(`https://127.0.0.1:${port}`).publish(makeComunicado({ title: 'Aviso' }), makeContext(data.dir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('connection cut after X stored the post: unknown, not retried blindly', async () => {
    fake.script('POST /2/tweets', { cut: 'after-effect' });
    const err = await publishError(xOf().publish(makeComunicado({ title: 'Aviso de lluvias' }), makeContext(data.dir)));
    expect(err.kind).toBe('unknown');
    expect(err.code).toBe('connection_lost');
    expect(fake.tweets.size).toBe(1);
  });

  it('a 503 on the post is unknown; on a media upload it is retryable', async () => {
    fake.script('POST /2/tweets', { status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } });
    const e1 = await publishError(xOf().publish(makeComunicado({ title: 'Uno' }), makeContext(data.dir)));
    expect(e1.kind).toBe('unknown');

    const img = await writeAttachment(data.dir, 'a.jpg', randomBytes(1000), 'image', 'image/jpeg', 'foto');
    fake.script('POST /2/media/upload/initialize', { status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } });
    const e2 = await publishError(xOf().publish(makeComunicado({ title: 'Dos', attachments: [img] }), makeContext(data.dir)));
    expect(e2.kind).toBe('retryable');
    expect(e2.message).toContain('a.jpg');
    expect(fake.tweets.size).toBe(0);
  });

  it('an image over 5 MB fails before anything is sent', async () => {
    const big = await writeAttachment(data.dir, 'enorme.jpg', Buffer.alloc(5 * 1024 * 1024 + 1), 'image', 'image/jpeg', 'grande');
    const p = xOf();
    const c = makeComunicado({ title: 'Foto grande', attachments: [big] });
    expect(p.preview!(c).warnings.join(' ')).toMatch(/enorme\.jpg.*5 MB/);
    const err = await publishError(p.publish(c, makeContext(data.dir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('media_too_big');
    expect(fake.requests).toHaveLength(0);
  });

  it('withdraw deletes the post; a second withdraw finds nothing', async () => {
    const p = xOf();
    const c = makeComunicado({ title: 'Comunicado para retirar' });
    const r = await p.publish(c, makeContext(data.dir));
    const delivery = { destination: 'x:alcaldia' as const, state: 'done' as const, attempts: 1, dryRun: false, remoteId: r.remoteId, url: r.url };
    const first = await p.withdraw!(c, delivery, makeContext(data.dir));
    expect(first.outcome).toBe('removed');
    expect(fake.tweets.has(r.remoteId)).toBe(false);
    const second = await p.withdraw!(c, delivery, makeContext(data.dir));
    expect(second.outcome).toBe('not_found');
    expect(fake.requests.filter((q) => q.method === 'DELETE')).toHaveLength(2);
  });

  it('checkAccess: one healthy account, one with a revoked token', async () => {
    await fake.close();
    fake = await startFakeX({ accounts: [alcaldia, { ...alcalde, revoked: true }], certificate: cert });
    const all = publishers();
    const ok = await all.get('x:alcaldia')!.checkAccess!();
    const bad = await all.get('x:alcalde')!.checkAccess!();
    expect(ok).toMatchObject({ destination: 'x:alcaldia', ok: true });
    expect(ok.detail).toContain('@AlcaldiaIbague');
    expect(bad).toMatchObject({ destination: 'x:alcalde', ok: false });
    expect(bad.detail).toMatch(/Reconecte la cuenta/);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /2/users/me', 'GET /2/users/me']);
  });

  it('an account without its variables falls back to dry-run, saying which one is missing, with the real X text', () => {
    const env = envFor(fake.url);
    delete (env as Record<string, string | undefined>).X_ALCALDE_TOKEN_SECRET;
    const list = createXPublishers(makeDeps(data.dir, accounts, env), { agent });
    const dry = list.find((p) => p.destination === 'x:alcalde');
    expect(dry).toBeInstanceOf(DryRunPublisher);
    expect((dry as DryRunPublisher).dryRunReason).toBe('sin credenciales (falta la variable X_ALCALDE_TOKEN_SECRET)');
    expect(list.find((p) => p.destination === 'x:alcaldia')?.dryRun).toBe(false);
    const c = makeComunicado({ title: 'Título', lead: 'Entradilla', destinations: ['portal:noticia', 'x:alcalde'] });
    const preview = dry!.preview!(c);
    const expected = renderX(c.content, { linkLabel: '«enlace del portal»' });
    expect(preview.text).toBe(expected.text);
    expect(preview).toMatchObject({ dryRun: true, length: expected.weightedLength, limit: 280 });
  });

  it('checkAccess flags tokens that belong to another account than the configured handle', async () => {
    const swapped = { ...accounts, alcaldia: { x: { ...accounts.alcaldia.x, accessTokenEnv: 'X_ALCALDE_TOKEN', accessSecretEnv: 'X_ALCALDE_TOKEN_SECRET' } } };
    const p = createXPublishers(makeDeps(data.dir, swapped, envFor(fake.url)), { agent }).find((x) => x.destination === 'x:alcaldia')!;
    const report = await p.checkAccess!();
    expect(report.ok).toBe(false);
    expect(report.detail).toMatch(/son de la cuenta @AlcaldeIbague, no de @AlcaldiaIbague/);
  });

  it('preview: exact text, weighted length against 280 and the cut warning', () => {
    const c = makeComunicado({
      title: 'Alcaldía entrega 1.200 subsidios de vivienda a familias de las comunas 7, 8 y 9',
      lead: 'Las familias beneficiarias recibirán el subsidio durante la primera semana de marzo. '.repeat(6),
      hashtags: ['Vivienda'],
      destinations: ['portal:noticia', 'x:alcaldia'],
    });
    const preview = xOf().preview!(c);
    expect(preview.limit).toBe(280);
    expect(preview.length).toBeLessThanOrEqual(280);
    expect(preview.text).toContain('«enlace del portal»');
    expect(preview.text).toContain('…');
    expect(preview.warnings.join('\n')).toMatch(/el texto para X se recortará/);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('X lookup of an interrupted post (opt-in: lookupPosts)', () => {
  const T0 = Date.parse('2026-03-02T15:00:00.000Z');
  const withLookup = { ...accounts, alcaldia: { x: { ...accounts.alcaldia.x, lookupPosts: true } } };
  const lookingUp = () => createXPublishers(makeDeps(data.dir, withLookup, envFor(fake.url)), { agent }).find((p) => p.destination === 'x:alcaldia')!;
  const withPortal = (title: string) => {
    const c = makeComunicado({ title, lead: 'Jornada gratuita en las 13 comunas.', destinations: ['portal:noticia', 'x:alcaldia'] });
    c.deliveries['portal:noticia'] = { destination: 'portal:noticia', state: 'done', attempts: 1, dryRun: false, url: portal, remoteId: '7' };
    return c;
  };

  it('off by default: no lookup, an interrupted post is left for a person to confirm', async () => {
    expect(xOf().reconcile).toBeUndefined();
    const clock = new ManualClock(T0);
    const { engine, store, id } = await restartedEngine({ publishers: [xOf()], comunicado: withPortal('Vacunación'), dest: 'x:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(1);
    await engine.recover();
    expect((await store.get(id))!.deliveries['x:alcaldia']).toMatchObject({ state: 'unknown', error: { code: 'interrupted' } });
    expect(fake.requests.filter((r) => r.method === 'GET' && /tweets$/.test(r.path))).toHaveLength(0);
  });

  it('finds a post whose answer was cut (its link shown as t.co) and records its link; never posts again', async () => {
    const c = withPortal('Vacunación antirrábica gratuita');
    fake.script('POST /2/tweets', { cut: 'after-effect' });
    await expect(lookingUp().publish(c, makeContext(data.dir, portal))).rejects.toMatchObject({ kind: 'unknown' });
    const [tweet] = [...fake.tweets.values()];
    const clock = new ManualClock(T0);
    const { engine, store, id } = await restartedEngine({ publishers: [lookingUp()], comunicado: c, dest: 'x:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(2);
    expect((await engine.recover()).reconciled).toEqual([`${id} x:alcaldia`]);
    expect((await store.get(id))!.deliveries['x:alcaldia']).toMatchObject({ state: 'done', remoteId: tweet!.id, url: `https://x.com/AlcaldiaIbague/status/${tweet!.id}` });
    expect(fake.tweets.size).toBe(1);
  });

  it('settle window: not found counts as absent only 60 s after the post was sent', async () => {
    const clock = new ManualClock(T0);
    const { engine, store, id } = await restartedEngine({ publishers: [lookingUp()], comunicado: withPortal('Nunca salió'), dest: 'x:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(10);
    await engine.recover();
    expect((await store.get(id))!.deliveries['x:alcaldia']!.state).toBe('verifying');
    clock.advance(45);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['x:alcaldia']!.state).toBe('verifying');
    clock.advance(5);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['x:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
  });
});
