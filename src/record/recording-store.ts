import type { Comunicado, MessageRef } from '../domain/comunicado.ts';
import type { ComunicadoSummary, Store } from '../store/port.ts';
import type { RecordEvent, RecordLine } from './chain.ts';
import { currentVia } from './context.ts';
import { comunicadoEvents, MEDIA_DOC_NAME, mediaEvents, mediaSnapshot } from './events.ts';
import type { RecordLog } from './log.ts';

/**
 * The store, with every change of a comunicado's history and of the media list written to
 * the record as well. The record line is fsynced inside the store's own write, before the
 * document is saved: a change that reaches the store always reaches the record first. If
 * the save then fails, the record says so in a line of its own (`not_saved`), so the record
 * never claims silently what did not happen; if the record cannot be written (disk full),
 * the change is refused and the person hears why.
 */
export class RecordingStore implements Store {
  constructor(
    readonly inner: Store,
    readonly record: RecordLog,
  ) {}

  nextId(now: Date): Promise<string> {
    return this.inner.nextId(now);
  }

  async create(c: Comunicado): Promise<void> {
    const lines = await this.record.append(comunicadoEvents(0, c, currentVia()));
    try {
      await this.inner.create(c);
    } catch (err) {
      await this.notSaved(lines, err);
      throw err;
    }
  }

  get(id: string): Promise<Comunicado | undefined> {
    return this.inner.get(id);
  }

  async update(id: string, fn: (c: Comunicado) => Comunicado | Promise<Comunicado>): Promise<Comunicado> {
    const via = currentVia();
    let lines: RecordLine[] = [];
    try {
      return await this.inner.update(id, async (cur) => {
        // Entries are only ever appended to a comunicado's history: its length is all that is needed.
        const before = cur.audit.length;
        const next = await fn(cur);
        lines = await this.record.append(comunicadoEvents(before, next, via));
        return next;
      });
    } catch (err) {
      await this.notSaved(lines, err);
      throw err;
    }
  }

  list(): Promise<ComunicadoSummary[]> {
    return this.inner.list();
  }

  linkMessage(ref: MessageRef, id: string): Promise<void> {
    return this.inner.linkMessage(ref, id);
  }

  findByMessage(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): Promise<string | undefined> {
    return this.inner.findByMessage(ref);
  }

  claimEvent(key: string): Promise<boolean> {
    return this.inner.claimEvent(key);
  }

  readDoc<T>(name: string, fallback: T): Promise<T> {
    return this.inner.readDoc(name, fallback);
  }

  async updateDoc<T>(name: string, fallback: T, fn: (doc: T) => T | Promise<T>): Promise<T> {
    if (name !== MEDIA_DOC_NAME) return this.inner.updateDoc(name, fallback, fn);
    let lines: RecordLine[] = [];
    try {
      return await this.inner.updateDoc(name, fallback, async (doc) => {
        const before = mediaSnapshot(doc);
        const next = await fn(doc);
        lines = await this.record.append(mediaEvents(before, next));
        return next;
      });
    } catch (err) {
      await this.notSaved(lines, err);
      throw err;
    }
  }

  docNames(prefix: string): Promise<string[]> {
    return this.inner.docNames?.(prefix) ?? Promise.resolve([]);
  }

  health(): ReturnType<Store['health']> {
    return this.inner.health();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Lines already in the record whose change the store then refused. */
  private async notSaved(lines: RecordLine[], err: unknown): Promise<void> {
    if (!lines.length) return;
    const code = (err as { code?: string; errno?: string })?.errno ?? (err as { code?: string })?.code ?? 'error';
    const events: RecordEvent[] = lines.map((l) => ({ kind: 'registro', action: 'not_saved', ref: l.n, ...(l.id ? { id: l.id } : {}), code: String(code) }));
    await this.record.append(events).catch(() => {});
  }
}
