import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FiguresPoller } from '../../../src/figures/poller.ts';
import { FacebookFigures } from '../../../src/figures/readers/graph.ts';
import { GraphClient } from '../../../src/publish/social/graph/client.ts';
import type { Services } from '../../../src/service/extension.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { GraphFake } from '../../fakes/graph/graph-fake.ts';
import { testConfig, virtualClock } from '../../fakes/handoff/app.ts';
import { seeded } from '../../fakes/handoff/seed.ts';

const TOKEN = 'EAA-budget-page-token';

describe('the hourly reading budget', () => {
  let graph: GraphFake;
  beforeAll(async () => {
    graph = new GraphFake();
    await graph.start();
    graph.addPage('111', 'Alcaldía').addToken(TOKEN, { kind: 'PAGE', id: '111', name: 'Alcaldía' });
  });
  afterAll(() => graph?.stop());

  it('a burst of 12 publications in one hour is read 8 in the first hour and 4 in the next, each once', async () => {
    const clock = virtualClock('2026-10-19T14:00:00Z');
    const store = new MemoryStore(clock.now);
    const config = testConfig({ figures: { maxReadingsPerHour: 8 } });
    const reader = new FacebookFigures('facebook:alcaldia', new GraphClient({ baseUrl: graph.url, version: 'v21.0', token: TOKEN }), ['post_total_media_view_unique'], clock.now);
    const poller = new FiguresPoller({ store, config, logger: silentLogger(), now: clock.now } as unknown as Services, new Map([['facebook:alcaldia', reader]]));
    for (let n = 1; n <= 12; n++) {
      const at = new Date(clock.ms() + n * 60_000).toISOString();
      graph.posts.set(`111_${n}`, { id: `111_${n}`, createdAt: 0, pageId: '111', attached: [], deleted: false });
      const c = seeded(`C-2026-${String(n).padStart(4, '0')}`, 'published', {
        createdAt: at,
        content: { title: `Inundación, boletín ${n}` },
        deliveries: [{ destination: 'facebook:alcaldia', state: 'done', remoteId: `111_${n}`, url: `https://facebook.com/${n}`, finishedAt: at }],
      });
      await store.create(c);
      await poller.schedule(c);
    }
    clock.advance(2 * 3_600_000); // 16:00: every +1 h reading is due
    const first = await poller.tick();
    expect(first).toHaveLength(8);
    expect(graph.requests.filter((r) => r.method === 'GET')).toHaveLength(16);
    expect(await poller.tick()).toEqual([]); // same hour: budget spent
    clock.advance(3_600_000);
    const second = await poller.tick();
    expect(second).toHaveLength(4);
    expect(new Set([...first, ...second].map((o) => o.id)).size).toBe(12);
  });
});
