import { describe, expect, it } from 'vitest';
import type { Message } from 'telegraf/types';
import { AlbumCollector, type AlbumItem } from '../../../src/chat/telegram/albums.ts';
import { ManualTimers } from '../../fakes/manual-timers.ts';

/** An album photo as Telegram sends it (only the fields the collector reads matter). */
function part(id: number, group = '1390000000000001'): AlbumItem & { message: { media_group_id: string } } {
  const message = { message_id: id, date: 0, chat: { id: -1001, type: 'supergroup', title: 'Prensa' }, media_group_id: group, photo: [] } as unknown as Message & { media_group_id: string };
  return { updateId: 1000 + id, message };
}

function collector(timers: ManualTimers) {
  const albums: number[][] = [];
  const late: Array<{ id: number; album: number[] }> = [];
  const c = new AlbumCollector(
    { quietMs: 4000, maxMs: 20_000, timers },
    async (_chat, items) => void albums.push(items.map((i) => i.message.message_id)),
    async (_chat, item, album) => void late.push({ id: item.message.message_id, album: album.map((i) => i.message.message_id) }),
  );
  return { c, albums, late };
}

describe('Telegram albums (issue 14 item 12)', () => {
  it('stays open while photos keep coming (each one opens it again), and hands it over once, in order', async () => {
    const timers = new ManualTimers();
    const { c, albums } = collector(timers);
    c.add('-1001', part(11));
    timers.advance(2500);
    c.add('-1001', part(13));
    timers.advance(3500);
    c.add('-1001', part(12));
    timers.advance(3999);
    expect(albums).toEqual([]);
    timers.advance(1);
    await c.drain();
    expect(albums).toEqual([[11, 12, 13]]);
  });

  it('closes at the ceiling even when photos never stop, and a photo after that is late, with its album', async () => {
    const timers = new ManualTimers();
    const { c, albums, late } = collector(timers);
    for (let i = 0; i < 10; i++) {
      c.add('-1001', part(20 + i));
      timers.advance(3000);
      if (albums.length) break;
    }
    await c.drain();
    expect(albums).toHaveLength(1);
    expect(timers.now()).toBeLessThanOrEqual(21_000);
    const handed = albums[0]!;
    expect(handed.length).toBe(7); // photos at 0, 3, ... 18 s; closed at 20 s
    c.add('-1001', part(20 + handed.length));
    c.add('-1001', part(20 + handed.length)); // Telegram repeating an update: once
    await c.drain();
    expect(late).toEqual([{ id: 20 + handed.length, album: handed }]);
    expect(c.album('-1001', '1390000000000001')!.map((m) => m.message_id)).toEqual([...handed, 20 + handed.length]);
  });
});
