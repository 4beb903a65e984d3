import type { Store } from '../../store/port.ts';

const DOC = 'telegram/messages';
/** Enough for weeks of previews, statuses and questions; the oldest are forgotten first. */
const KEEP = 1500;

interface Entry {
  /** The message this one was posted in reply to (its "thread" in the core's terms). */
  thread?: string;
  /** For the 2nd, 3rd... part of a long message: the first part, which stands for all. */
  primary?: string;
  /** For a first part: every part, in order (the first included). */
  parts?: string[];
  /** The first part is a photo whose caption holds the text (edits go to the caption). */
  caption?: boolean;
}

type Index = Record<string, Entry>;

const key = (chat: string, id: string) => `${chat}:${id}`;

/**
 * What Telegram does not tell the bot about its own messages, kept across restarts:
 * Telegram threads are reply chains and an update only shows one level of them, so the
 * bot remembers what each of its messages replied to (the answer to "¿cuál es el motivo?"
 * then belongs to the preview's thread), and which messages are parts of one long message
 * (a reaction on any part counts on the first, and an edit rewrites all of them).
 */
export class MessageIndex {
  private index: Index = {};

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    this.index = await this.store.readDoc<Index>(DOC, {});
  }

  /** The bot posted `ids` (the parts of one message, in order) in `chat`. */
  async record(chat: string, ids: string[], options: { thread?: string; caption?: boolean } = {}): Promise<void> {
    const [first, ...rest] = ids;
    if (!first) return;
    const entries: Array<[string, Entry]> = [];
    const head: Entry = {};
    if (options.thread) head.thread = options.thread;
    if (rest.length) head.parts = ids;
    if (options.caption) head.caption = true;
    entries.push([key(chat, first), head]);
    for (const id of rest) entries.push([key(chat, id), { primary: first, ...(options.thread ? { thread: options.thread } : {}) }]);
    const apply = (doc: Index): Index => {
      for (const [k, e] of entries) {
        delete doc[k];
        doc[k] = e;
      }
      const keys = Object.keys(doc);
      for (const k of keys.slice(0, Math.max(0, keys.length - KEEP))) delete doc[k];
      return doc;
    };
    this.index = apply(this.index);
    await this.store.updateDoc<Index>(DOC, {}, apply);
  }

  /** The first part of the message `id` belongs to (itself for a one-part message). */
  primaryOf(chat: string, id: string): string {
    return this.index[key(chat, id)]?.primary ?? id;
  }

  /** The message the bot's message `id` was posted in reply to, if it was. */
  threadOf(chat: string, id: string): string | undefined {
    return this.index[key(chat, id)]?.thread;
  }

  /** Every part of the message whose first part is `id`. */
  partsOf(chat: string, id: string): string[] {
    return this.index[key(chat, id)]?.parts ?? [id];
  }

  isCaption(chat: string, id: string): boolean {
    return this.index[key(chat, id)]?.caption === true;
  }
}
