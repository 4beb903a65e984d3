import type { Message } from 'telegraf/types';

export interface AlbumItem {
  updateId: number;
  message: Message;
}

interface Pending {
  items: AlbumItem[];
  timer: NodeJS.Timeout;
}

/** Albums remembered after they were handled, for `/comunicado` sent as a reply to one. */
const RECENT = 200;

/**
 * Telegram delivers an album as one update per photo, sharing `media_group_id`, with no
 * marker for the last one. The collector waits until no new part arrived for a short
 * while and hands the whole album over at once, in message order.
 */
export class AlbumCollector {
  private readonly pending = new Map<string, Pending>();
  private readonly recent = new Map<string, AlbumItem[]>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly debounceMs: number,
    private readonly onAlbum: (chat: string, items: AlbumItem[]) => Promise<void>,
  ) {}

  add(chat: string, item: AlbumItem & { message: { media_group_id?: string } }): void {
    const group = item.message.media_group_id;
    if (!group) return;
    const key = `${chat}:${group}`;
    const p = this.pending.get(key) ?? { items: [], timer: undefined as unknown as NodeJS.Timeout };
    clearTimeout(p.timer);
    if (!p.items.some((i) => i.message.message_id === item.message.message_id)) p.items.push(item);
    p.timer = setTimeout(() => this.flush(chat, key), this.debounceMs);
    this.pending.set(key, p);
    this.remember(key, p.items);
  }

  private remember(key: string, items: AlbumItem[]): void {
    this.recent.delete(key);
    this.recent.set(key, items);
    while (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
  }

  /** The parts of an album seen lately, in order (for reply-to-take). */
  album(chat: string, group: string): Message[] | undefined {
    return this.recent.get(`${chat}:${group}`)?.map((i) => i.message).sort((a, b) => a.message_id - b.message_id);
  }

  private flush(chat: string, key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return Promise.resolve();
    clearTimeout(p.timer);
    this.pending.delete(key);
    const items = [...p.items].sort((a, b) => a.message.message_id - b.message.message_id);
    const run = this.onAlbum(chat, items).finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /** Hands over every album still waiting (on stop) and waits for all of them. */
  async drain(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.flush(key.slice(0, key.lastIndexOf(':')), key);
    await Promise.allSettled([...this.running]);
  }
}
