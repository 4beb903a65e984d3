import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { JEFE } from '../../fixtures/comunicados.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { ManualClock, restartedEngine } from '../../fakes/restart-engine.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir, uniqueId } from './helpers.ts';

const SECRET = 'secreto-compartido-del-portal-0123456789';

/*
 * Issue 14 item 19, last part: «Sí quedó publicado» records the link when a lookup can find
 * it. The delivery became `unknown` because the lookup after a restart failed (the portal
 * answered 503 to it); by the time a person confirms, the portal answers again.
 */
describe('a manual confirmation records the link the lookup finds', () => {
  let fake: FakeHttpPortal;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let publishers: Publisher[];

  beforeAll(async () => {
    fake = await startFakeHttpPortal(SECRET);
    ({ dir: dataDir, cleanup } = await tempDataDir());
    publishers = createPortalPublishers(makeDeps(dataDir, { type: 'http', name: 'Portal Alcaldía' }, { PORTAL_URL: fake.url, PORTAL_HMAC_SECRET: SECRET }));
  });
  afterAll(async () => {
    await fake.close();
    await cleanup();
  });

  async function unknownAfterRestart(created: boolean) {
    const c = makeComunicado(uniqueId(), { title: 'Cierre vial en la carrera Quinta' });
    // The create call of the crashed run reached the portal (or not).
    if (created) await byDestination(publishers, 'portal:noticia').publish(c, makeContext(dataDir));
    const clock = new ManualClock(Date.parse('2026-12-04T15:00:00Z'));
    const { engine, store, id } = await restartedEngine({ publishers, comunicado: c, dest: 'portal:noticia', sentAt: new Date(clock.ms - 120_000), clock, dataDir });
    fake.failNext({ status: 503, method: 'GET', body: { error: 'Mantenimiento' } });
    await engine.recover();
    expect((await store.get(id))!.deliveries['portal:noticia']!.state).toBe('unknown');
    return { engine, store, id };
  }

  it('«Sí quedó publicado» without a link: the slug lookup finds the item and its link is recorded', async () => {
    const { engine, store, id } = await unknownAfterRestart(true);
    const item = fake.items.find((i) => i.doc.id === id)!;
    await engine.confirm(id, 'portal:noticia', true, JEFE);
    const after = (await store.get(id))!;
    expect(after.deliveries['portal:noticia']).toMatchObject({ state: 'done', url: item.url, remoteId: item.id });
    expect(after.audit.at(-2)).toMatchObject({ action: 'delivery_confirmed', detail: `portal:noticia: ${item.url}` });
    expect(after.state).toBe('published');
  });

  it('when the lookup does not find it, the person’s word stands: done, without a link', async () => {
    const { engine, store, id } = await unknownAfterRestart(false);
    await engine.confirm(id, 'portal:noticia', true, JEFE);
    const d = (await store.get(id))!.deliveries['portal:noticia']!;
    expect(d.state).toBe('done');
    expect(d.url).toBeUndefined();
  });
});
