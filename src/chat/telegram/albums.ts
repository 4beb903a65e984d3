import type { Message } from 'telegraf/types';

export interface AlbumItem {
  updateId: number;
  message: Message;
}

/** Timers the collector uses; tests pass their own so no test waits on wall time. */
export interface AlbumTimers {
  /** Milliseconds on the timers' own timeline. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: AlbumTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AlbumOptions {
  /** Quiet time that closes an album: each new part opens it this long again. */
  quietMs: number;
  /** Ceiling: an album is handed over at the latest this long after its first part. */
  maxMs: number;
  timers?: AlbumTimers;
}

interface Pending {
  items: AlbumItem[];
  timer: unknown;
  /** When the first part arrived (on the timers' timeline). */
  openedAt: number;
}

/** Albums remembered after they were handled, for `/comunicado` sent as a reply to one. */
const RECENT = 200;

/**
 * Telegram delivers an album as one update per photo, sharing `media_group_id`, with no
 * marker for the last one, and may spread them over several seconds. The collector keeps
 * the album open while parts keep coming (each part opens it `quietMs` again, up to `maxMs`
 * after the first) and hands the whole album over at once, in message order. A part that
 * still comes after its album was handed over goes to `onLate`, with the album's parts, so
 * it is added to what was made of them or the sender is told: a photo is never dropped.
 */
export class AlbumCollector {
  private readonly pending = new Map<string, Pending>();
  private readonly recent = new Map<string, AlbumItem[]>();
  /** Albums already handed over: key -> the parts that were. */
  private readonly closed = new Map<string, AlbumItem[]>();
  private readonly running = new Set<Promise<void>>();
  private readonly timers: AlbumTimers;

  constructor(
    private readonly options: AlbumOptions,
    private readonly onAlbum: (chat: string, items: AlbumItem[]) => Promise<void>,
    private readonly onLate: (chat: string, item: AlbumItem, album: AlbumItem[]) => Promise<void> = async () => {},
  ) {
    this.timers = options.timers ?? REAL_TIMERS;
  }

  add(chat: string, item: AlbumItem & { message: { media_group_id?: string } }): void {
    const group = item.message.media_group_id;
    if (!group) return;
    const key = `${chat}:${group}`;
    const done = this.closed.get(key);
    if (done) {
      if (done.some((i) => i.message.message_id === item.message.message_id)) return;
      const album = [...done];
      done.push(item);
      this.remember(key, done);
      this.track(this.onLate(chat, item, album));
      return;
    }
    const p = this.pending.get(key) ?? { items: [], timer: undefined, openedAt: this.timers.now() };
    if (p.timer !== undefined) this.timers.clearTimeout(p.timer);
    if (!p.items.some((i) => i.message.message_id === item.message.message_id)) p.items.push(item);
    const left = this.options.maxMs - (this.timers.now() - p.openedAt);
    p.timer = this.timers.setTimeout(() => void this.flush(chat, key), Math.max(0, Math.min(this.options.quietMs, left)));
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
    if (p.timer !== undefined) this.timers.clearTimeout(p.timer);
    this.pending.delete(key);
    const items = [...p.items].sort((a, b) => a.message.message_id - b.message.message_id);
    this.closed.delete(key);
    this.closed.set(key, [...items]);
    while (this.closed.size > RECENT) this.closed.delete(this.closed.keys().next().value!);
    return this.track(this.onAlbum(chat, items));
  }

  private track(work: Promise<void>): Promise<void> {
    const run = work.finally(() => this.running.delete(run));
    this.running.add(run);
    return run;
  }

  /** Hands over every album still waiting (on stop) and waits for all of them. */
  async drain(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.flush(key.slice(0, key.lastIndexOf(':')), key);
    await Promise.allSettled([...this.running]);
  }
}
