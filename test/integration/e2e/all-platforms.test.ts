import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_DESTINATIONS, ORIGIN, mediaFiles, startPlatforms, submitAndApprove, type Platforms } from '../../fakes/platforms.ts';

describe('an approved comunicado with three photos and a video reaches every platform of both identities', { timeout: 120_000 }, () => {
  let p: Platforms;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'e2e-all-'));
    p = await startPlatforms(dir);
  });
  afterAll(() => p?.close());

  it('publishes once everywhere, links in the thread, and a second run posts nothing', async () => {
    const { app, chat, portal, graph, x, yt } = p;
    const id = await submitAndApprove(p, await mediaFiles(dir));

    const c = (await app.services.store.get(id))!;
    const states = Object.fromEntries(Object.entries(c.deliveries).map(([k, d]) => [k, d.state]));
    expect(states).toEqual(Object.fromEntries(ALL_DESTINATIONS.map((d) => [d, 'done'])));
    expect(c.state).toBe('published');

    // What each platform holds.
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
    expect(graph.livePosts('222')).toHaveLength(1);
    expect(graph.livePosts('111')[0]!.attached).toHaveLength(3);
    expect([...graph.igMedia.values()]).toHaveLength(2);
    expect([...x.tweets.values()].map((t) => t.mediaIds.length).sort()).toEqual([3, 3]);
    expect([...yt.videos.values()].map((v) => v.channelId).sort()).toEqual(['UC_alcalde', 'UC_alcaldia']);
    for (const t of x.tweets.values()) expect(t.text).toContain(portal.items[0]!.url);

    // Every link is in the thread.
    const final = chat.posts.find((m) => /📣/.test(m.message.text))!;
    expect(final.message.links!.map((l) => l.url).sort()).toEqual(Object.values(c.deliveries).map((d) => d.url!).sort());
    expect(final.message.links).toHaveLength(9);
    // The author hears about the approval and the publication, tagged.
    const toAuthor = chat.posts.filter((m) => m.message.mentions?.includes('redactora')).map((m) => m.message.text);
    expect(toAuthor).toEqual([expect.stringMatching(/Su comunicado C-\d{4}-0001 fue aprobado por jefe/), expect.stringMatching(/Su comunicado C-\d{4}-0001 «.+» quedó publicado en todos sus destinos/)]);
    // ...with every link, in the place the author submitted from.
    const published = chat.posts.filter((m) => m.message.mentions?.includes('redactora')).at(-1)!;
    expect(published.message.links!.map((l) => l.url).sort()).toEqual(Object.values(c.deliveries).map((d) => d.url!).sort());

    // A second run of the same deliveries never posts twice.
    await app.services.engine.run(id);
    await app.handle({ type: 'command', name: 'reintentar', text: id, files: [], eventKey: 'e3', actor: { platform: 'console', userId: 'jefe' }, origin: ORIGIN });
    await app.idle();
    expect(chat.whispers.at(-1)!.message.text).toMatch(/no se puede reintentar|no tiene entregas fallidas/i);
    expect(portal.items).toHaveLength(1);
    expect(graph.livePosts('111')).toHaveLength(1);
    expect([...graph.igMedia.values()]).toHaveLength(2);
    expect(x.tweets.size).toBe(2);
    expect(yt.videos.size).toBe(2);
  });
});
