import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Publisher } from '../../../src/publish/port.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { DEFAULT_RATE_LIMIT_WAIT_MS } from '../../../src/publish/social/graph/rate-limit.ts';
import { graphErrors, type FakeGraphError } from '../../fakes/graph/errors.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { FakeMediaHost } from '../../fakes/graph/media-host.ts';
import { makeComunicado, makeContext, makeDeps, makeImage, tempDataDir } from '../../fakes/graph/fixtures.ts';
import { publishError } from '../../fixtures/publish-error.ts';

const PAGE = '104512345678901';
const IG = '17841400000000001';
const FB_TOKEN = 'EAAB-fb-secret-token-abcdef123456';
const IG_TOKEN = 'EAAB-ig-secret-token-abcdef123456';
const PORTAL = 'https://ibague.gov.co/noticias/c-2026-0142';
const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    facebook: { pageId: PAGE, tokenEnv: 'FB_ALCALDIA_TOKEN' },
    instagram: { userId: IG, username: 'alcaldiadeibague', tokenEnv: 'IG_ALCALDIA_TOKEN' },
  },
};

describe('Graph error classification, through the real client against the fake', () => {
  let fake: GraphFake;
  let host: FakeMediaHost;
  let data: { dir: string; cleanup: () => Promise<void> };
  let fb: Publisher;
  let ig: Publisher;

  const build = (graphUrl: string) => {
    const deps = makeDeps(data.dir, accounts, { GRAPH_API_URL: graphUrl, FB_ALCALDIA_TOKEN: FB_TOKEN, IG_ALCALDIA_TOKEN: IG_TOKEN });
    fb = createFacebookPublishers(deps, { timeoutMs: 400 })[0]!;
    ig = createInstagramPublishers(deps, { timeoutMs: 400, sleep: async () => undefined, pollIntervalsMs: [1] })[0]!;
  };

  beforeEach(async () => {
    fake = new GraphFake();
    await fake.start();
    fake.addPage(PAGE, 'Alcaldía de Ibagué').addToken(FB_TOKEN, { kind: 'PAGE', id: PAGE, name: 'Alcaldía de Ibagué' });
    fake.addIgUser(IG, 'alcaldiadeibague').addToken(IG_TOKEN, { kind: 'USER', id: '1', name: 'Redes' });
    host = new FakeMediaHost();
    await host.start();
    data = await tempDataDir();
    build(fake.url);
  });

  afterEach(async () => {
    await fake.stop();
    await host.stop();
    await data.cleanup();
  });

  const textPost = () => fb.publish(makeComunicado({ title: 'Aviso', lead: 'Texto' }), makeContext(data.dir, { portalUrl: PORTAL }));

  it('190 (expired token) → failed, account unhealthy, "reconecte la cuenta" naming the variable', async () => {
    fake.tokens.get(FB_TOKEN)!.valid = false;
    const err = await publishError(textPost());
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('auth_expired');
    expect(err.accountUnhealthy).toBe(true);
    expect(err.message).toContain('Reconecte la cuenta');
    expect(err.message).toContain('FB_ALCALDIA_TOKEN');
    expect(err.message).toContain('sesión vencida');
  });

  const rateLimits: Array<[string, () => FakeGraphError]> = [
    ['4 (app)', graphErrors.appRateLimit],
    ['17 (user)', graphErrors.userRateLimit],
    ['32 (page)', graphErrors.pageRateLimit],
    ['613 (custom)', graphErrors.customRateLimit],
  ];
  for (const [name, error] of rateLimits) {
    it(`code ${name} → retryable with the wait from x-business-use-case-usage`, async () => {
      const usage = { [PAGE]: [{ type: 'pages', call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: 7 }] };
      fake.inject({ method: 'POST', path: /\/feed$/, error: error(), headers: { 'x-business-use-case-usage': JSON.stringify(usage) } });
      const err = await publishError(textPost());
      expect(err.kind).toBe('retryable');
      expect(err.code).toBe('rate_limited');
      expect(err.retryAfterMs).toBe(7 * 60_000);
      expect(fake.livePosts(PAGE)).toHaveLength(0);
    });
  }

  it('a rate limit without any hint waits the default (a wait of the bot, not one Meta asked for); Retry-After wins when present', async () => {
    fake.inject({ method: 'POST', path: /\/feed$/, error: graphErrors.appRateLimit() });
    const bare = await publishError(textPost());
    expect(bare.retryInMs).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
    expect(bare.retryAfterMs).toBeUndefined();
    fake.inject({ method: 'POST', path: /\/feed$/, error: graphErrors.appRateLimit(), headers: { 'retry-after': '120' } });
    expect((await publishError(textPost())).retryAfterMs).toBe(120_000);
  });

  it('HTTP 429 without a Graph error body (a proxy) → retryable with Retry-After', async () => {
    fake.inject({ method: 'POST', path: /\/feed$/, status: 429, rawBody: '<html>Too Many Requests</html>', headers: { 'retry-after': '90' } });
    const err = await publishError(textPost());
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('rate_limited');
    expect(err.retryAfterMs).toBe(90_000);
  });

  it('506 (duplicate) → unknown, never a second post', async () => {
    fake.inject({ method: 'POST', path: /\/feed$/, error: graphErrors.duplicate() });
    const err = await publishError(textPost());
    expect(err.kind).toBe('unknown');
    expect(err.code).toBe('duplicate');
  });

  it('missing permission (#200) → failed, not unhealthy', async () => {
    fake.inject({ method: 'POST', path: /\/feed$/, status: 403, error: graphErrors.permission() });
    const err = await publishError(textPost());
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('permission');
    expect(err.accountUnhealthy).toBeUndefined();
  });

  it('ECONNREFUSED (nothing reached the server) → retryable, even at the publishing step', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    build(`http://127.0.0.1:${port}`);
    const err = await publishError(textPost());
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('network_unreachable');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('a timeout after the post was sent → unknown; the fake shows the post does exist', async () => {
    fake.inject({ method: 'POST', path: /\/feed$/, action: 'hang_after' });
    const err = await publishError(textPost());
    expect(err.kind).toBe('unknown');
    expect(err.code).toBe('timeout_after_send');
    expect(fake.livePosts(PAGE)).toHaveLength(1);
  });

  it('a connection reset while uploading an unpublished photo is retryable; on the feed post it is unknown', async () => {
    const imgs = [await makeImage(data.dir, 'a', 400, 300), await makeImage(data.dir, 'b', 400, 300)];
    const c = makeComunicado({ title: 'Fotos', attachments: imgs });
    fake.inject({ method: 'POST', path: /\/photos$/, action: 'destroy' });
    const prepare = await publishError(fb.publish(c, makeContext(data.dir, { portalUrl: PORTAL })));
    expect(prepare.kind).toBe('retryable');
    expect(prepare.code).toBe('network_error');

    fake.inject({ method: 'POST', path: /\/feed$/, action: 'destroy' });
    const publish = await publishError(fb.publish(c, makeContext(data.dir, { portalUrl: PORTAL })));
    expect(publish.kind).toBe('unknown');
  });

  it('a Graph server error (code 2) is retryable while preparing, unknown when publishing', async () => {
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    fake.inject({ method: 'POST', path: /\/media$/, status: 500, error: graphErrors.serviceUnavailable() });
    const prepare = await publishError(ig.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(prepare.kind).toBe('retryable');
    expect(prepare.code).toBe('server_error');

    fake.inject({ method: 'POST', path: /media_publish$/, status: 500, error: graphErrors.serviceUnavailable() });
    const publish = await publishError(ig.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(publish.kind).toBe('unknown');
    expect(publish.code).toBe('server_error');
  });

  it('Instagram 2207042 at media_publish (quota) → retryable with a long wait; 2207027 (not ready) → retryable', async () => {
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    fake.inject({ method: 'POST', path: /media_publish$/, error: graphErrors.quotaReached() });
    const quota = await publishError(ig.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(quota.code).toBe('ig_quota');
    expect(quota.kind).toBe('retryable');
    expect(quota.retryInMs).toBeGreaterThanOrEqual(3_600_000);

    fake.inject({ method: 'POST', path: /media_publish$/, error: graphErrors.notReady() });
    const notReady = await publishError(ig.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(notReady.code).toBe('ig_not_ready');
    expect(notReady.kind).toBe('retryable');
    expect(fake.igMedia.size).toBe(0);
  });

  it('Instagram refuses the image itself (aspect ratio 2207009) → failed, the same file would fail again', async () => {
    const c = makeComunicado({ title: 'Foto', attachments: [await makeImage(data.dir, 'x', 800, 800)] });
    fake.inject({ method: 'POST', path: /\/media$/, error: graphErrors.aspectRatio('0.500') });
    const err = await publishError(ig.publish(c, makeContext(data.dir, { mediaHost: host })));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('ig_media_refused');
    expect(err.message).toContain('aspect ratio');
  });
});
