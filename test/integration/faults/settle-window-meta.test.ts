import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkflowError } from '../../../src/domain/errors.ts';
import { transition } from '../../../src/domain/workflow.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { createFacebookPublishers } from '../../../src/publish/social/facebook.ts';
import { createInstagramPublishers } from '../../../src/publish/social/instagram.ts';
import { statusMessage } from '../../../src/render/chat.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { makeComunicado, makeContext, makeDeps, makeImage, tempDataDir } from '../../fakes/graph/fixtures.ts';
import { FakeMediaHost } from '../../fakes/graph/media-host.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';
import { JEFE, RULES } from '../../fixtures/comunicados.ts';
import { chatErrorText } from '../../../src/messages/errors.ts';

const PAGE = '104512345678901';
const IG_USER = '17841400000000001';
const TOKEN = 'EAAB-page-token-alcaldia-0123456789';
const T0 = Date.parse('2026-03-10T15:00:00.000Z');

const accounts = {
  alcaldia: {
    name: 'Alcaldía de Ibagué',
    facebook: { pageId: PAGE, tokenEnv: 'FB_ALCALDIA_TOKEN' },
    instagram: { userId: IG_USER, username: 'alcaldiaibague', tokenEnv: 'FB_ALCALDIA_TOKEN' },
  },
};

describe('settle window of the Meta lookups after a crash', () => {
  let fake: GraphFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let clock: ManualClock;
  let fb: Publisher;
  let ig: Publisher;
  let host: FakeMediaHost;

  beforeEach(async () => {
    clock = new ManualClock(T0);
    fake = new GraphFake();
    fake.clock = () => clock.ms;
    await fake.start();
    fake.addPage(PAGE, 'Alcaldía de Ibagué').addIgUser(IG_USER, 'alcaldiaibague').addToken(TOKEN, { kind: 'PAGE', id: PAGE, name: 'Alcaldía de Ibagué' });
    host = new FakeMediaHost();
    await host.start();
    data = await tempDataDir();
    const env = { GRAPH_API_URL: fake.url, FB_ALCALDIA_TOKEN: TOKEN };
    fb = createFacebookPublishers(makeDeps(data.dir, accounts, env))[0]!;
    ig = createInstagramPublishers(makeDeps(data.dir, accounts, env), { sleep: async () => {} })[0]!;
  });

  afterEach(async () => {
    await fake.stop();
    await host.stop();
    await data.cleanup();
  });

  it('Facebook and Instagram: posted while the portal was still being verified (no link), looked up once the portal link is known: found, not posted again', async () => {
    const c = makeComunicado({ title: 'Cierre vial en la carrera Quinta', destinations: ['facebook:alcaldia', 'instagram:alcaldia'], attachments: [await makeImage(data.dir, 'via', 1200, 800)] });
    await fb.publish(c, makeContext(data.dir));
    await ig.publish(c, makeContext(data.dir, { mediaHost: host }));
    expect(fake.livePosts(PAGE)).toHaveLength(1);
    // After the restart the portal was reconciled: the lookups now know its link.
    const later = makeContext(data.dir, { portalUrl: 'https://ibague.gov.co/noticias/c-2026-0001-cierre-vial' });
    const d = { destination: 'facebook:alcaldia' as const, state: 'verifying' as const, attempts: 1, dryRun: false };
    expect(await fb.reconcile!(c, d, later)).toMatchObject({ meta: { reconciled: true } });
    expect(await ig.reconcile!(c, { ...d, destination: 'instagram:alcaldia' }, later)).not.toBeNull();
    expect(fake.livePosts(PAGE)).toHaveLength(1);
  });

  it('Facebook: killed right after POST /photos reached Facebook, shown 8 s later: verifying, then found; exactly one post', async () => {
    fake.listingLagMs = 8000;
    const c = makeComunicado({ title: 'Cierre vial en la carrera Quinta', destinations: ['facebook:alcaldia'], attachments: [await makeImage(data.dir, 'via', 1200, 800)] });
    // The photo post is created, and the bot never hears back (it was killed).
    fake.inject({ method: 'POST', path: /\/photos$/, action: 'hang_after' });
    // The process is gone: nothing ever reads the answer (the hanging call is dropped at stop).
    void fb.publish(c, makeContext(data.dir)).catch(() => undefined);
    await vi.waitFor(() => expect(fake.livePosts(PAGE)).toHaveLength(1));
    expect(fake.calls('GET', /published_posts$/)).toHaveLength(0);

    const { engine, store, id } = await restartedEngine({ publishers: [fb], comunicado: c, dest: 'facebook:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(2);
    const recovered = await engine.recover();
    expect(recovered.verifying).toEqual([`${id} facebook:alcaldia`]);
    let now = (await store.get(id))!;
    expect(now.deliveries['facebook:alcaldia']).toMatchObject({ state: 'verifying', error: { code: 'verifying' } });
    expect(now.state).toBe('publishing');
    // Nobody is offered a retry or asked to confirm while it is being verified.
    const status = statusMessage(now);
    expect(status.text).toContain('🔎 verificando');
    expect(status.buttons ?? []).toEqual([]);
    const refused = (() => {
      try {
        transition(now, { type: 'retry' }, JEFE, RULES, clock.now());
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(WorkflowError);
    expect(chatErrorText(refused)).toMatch(/todavía está verificando.*facebook:alcaldia/);

    await expect(engine.confirm(id, 'facebook:alcaldia', false, JEFE)).rejects.toThrow(/todavía está verificando/);

    // Not due yet: no lookup.
    clock.advance(5);
    expect(await engine.verifyDue()).toEqual([]);
    clock.advance(10); // T0 + 17 s: the post is listed now.
    expect(await engine.verifyDue()).toEqual([{ id, destination: 'facebook:alcaldia', outcome: 'reconciled' }]);
    now = (await store.get(id))!;
    const [post] = fake.livePosts(PAGE);
    expect(now.deliveries['facebook:alcaldia']).toMatchObject({ state: 'done', remoteId: post!.id, url: expect.stringContaining(`/${PAGE}/posts/`) });
    expect(now.state).toBe('published');
    expect(fake.livePosts(PAGE)).toHaveLength(1);
    expect(fake.calls('POST', /photos$/)).toHaveLength(1);
  });

  it('Facebook: a post that never went out is declared absent only after 120 s; the retry then posts once', async () => {
    const c = makeComunicado({ title: 'Jornada de vacunación', destinations: ['facebook:alcaldia'], attachments: [await makeImage(data.dir, 'vac', 1200, 800)] });
    const { engine, store, id } = await restartedEngine({ publishers: [fb], comunicado: c, dest: 'facebook:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(1);
    await engine.recover();
    for (let s = 16; s < 120; s += 15) {
      clock.advance(15);
      await engine.verifyDue();
      expect((await store.get(id))!.deliveries['facebook:alcaldia']!.state).toBe('verifying');
    }
    clock.advance(15); // past T0 + 120 s
    expect(await engine.verifyDue()).toEqual([{ id, destination: 'facebook:alcaldia', outcome: 'unknown' }]);
    let now = (await store.get(id))!;
    expect(now.deliveries['facebook:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
    expect(now.state).toBe('failed');
    expect(statusMessage(now).buttons?.map((b) => b.id)).toEqual(['retry']);

    await store.update(id, (cur) => transition(cur, { type: 'retry' }, JEFE, RULES, clock.now()).comunicado);
    now = await engine.run(id);
    expect(now.state).toBe('published');
    expect(fake.livePosts(PAGE)).toHaveLength(1);
  });

  it('Instagram: a media_publish the bot never heard back from is found once listed, not reposted', async () => {
    fake.listingLagMs = 40_000;
    const c = makeComunicado({ title: 'Foto del día', destinations: ['instagram:alcaldia'], attachments: [await makeImage(data.dir, 'dia', 800, 800)] });
    fake.inject({ method: 'POST', path: /media_publish$/, action: 'hang_after' });
    const killed = createInstagramPublishers(makeDeps(data.dir, accounts, { GRAPH_API_URL: fake.url, FB_ALCALDIA_TOKEN: TOKEN }), { sleep: async () => {}, timeoutMs: 300 })[0]!;
    await expect(killed.publish(c, makeContext(data.dir, { mediaHost: host }))).rejects.toMatchObject({ kind: 'unknown' });
    expect(fake.igMedia.size).toBe(1);

    const { engine, store, id } = await restartedEngine({ publishers: [ig], comunicado: c, dest: 'instagram:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(3);
    await engine.recover();
    expect((await store.get(id))!.deliveries['instagram:alcaldia']!.state).toBe('verifying');
    clock.advance(15);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['instagram:alcaldia']!.state).toBe('verifying');
    clock.advance(30); // T0 + 48 s: listed
    await engine.verifyDue();
    const media = [...fake.igMedia.values()][0]!;
    expect((await store.get(id))!.deliveries['instagram:alcaldia']).toMatchObject({ state: 'done', remoteId: media.id, url: media.permalink });
    expect(fake.calls('POST', /media_publish$/)).toHaveLength(1);
  });

  it('Instagram: absence counts only after 120 s', async () => {
    const c = makeComunicado({ title: 'Otra foto', destinations: ['instagram:alcaldia'], attachments: [await makeImage(data.dir, 'otra', 800, 800)] });
    const { engine, store, id } = await restartedEngine({ publishers: [ig], comunicado: c, dest: 'instagram:alcaldia', sentAt: new Date(T0), clock, dataDir: data.dir });
    clock.advance(119);
    await engine.recover();
    expect((await store.get(id))!.deliveries['instagram:alcaldia']!.state).toBe('verifying');
    clock.advance(1);
    await engine.verifyDue();
    expect((await store.get(id))!.deliveries['instagram:alcaldia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
  });
});
