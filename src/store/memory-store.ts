import { comunicadoSchema, formatId, type Comunicado, type MessageRef } from '../domain/comunicado.ts';
import { refusal } from '../messages/errors.ts';
import { SerialQueue } from '../util/serial-queue.ts';
import { DOC_NAME, inWorkingSet, messageKey, summarize, type ComunicadoSummary, type Store } from './port.ts';

/** The store in memory, with the same contract as the lowdb one. For tests. */
export class MemoryStore implements Store {
  private readonly comunicados = new Map<string, Comunicado>();
  private readonly sequences = new Map<number, number>();
  private readonly messages = new Map<string, string>();
  private readonly events = new Set<string>();
  private readonly docs = new Map<string, unknown>();
  private readonly mutex = new SerialQueue();

  constructor(private readonly now: () => Date = () => new Date()) {}

  nextId(now: Date): Promise<string> {
    return this.mutex.run(async () => {
      const year = now.getUTCFullYear();
      const seq = (this.sequences.get(year) ?? 0) + 1;
      this.sequences.set(year, seq);
      return formatId(year, seq);
    });
  }

  create(c: Comunicado): Promise<void> {
    const valid = comunicadoSchema.parse(c);
    return this.mutex.run(async () => {
      if (this.comunicados.has(c.id)) throw new Error(`comunicado ${c.id} exists`);
      this.comunicados.set(c.id, structuredClone(valid));
    });
  }

  async get(id: string): Promise<Comunicado | undefined> {
    const c = this.comunicados.get(id);
    return c ? structuredClone(c) : undefined;
  }

  update(id: string, fn: (c: Comunicado) => Comunicado | Promise<Comunicado>): Promise<Comunicado> {
    return this.mutex.run(async () => {
      const current = this.comunicados.get(id);
      if (!current) throw refusal('not_found', 'store.not_found', { id });
      const next = comunicadoSchema.parse(await fn(structuredClone(current)));
      this.comunicados.set(id, structuredClone(next));
      return structuredClone(next);
    });
  }

  async list(): Promise<ComunicadoSummary[]> {
    const nowMs = this.now().getTime();
    return [...this.comunicados.values()].map(summarize).filter((s) => inWorkingSet(s, nowMs));
  }

  async linkMessage(ref: MessageRef, id: string): Promise<void> {
    this.messages.set(messageKey(ref), id);
  }

  async findByMessage(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): Promise<string | undefined> {
    return this.messages.get(messageKey(ref));
  }

  async claimEvent(key: string): Promise<boolean> {
    if (this.events.has(key)) return false;
    this.events.add(key);
    return true;
  }

  async docNames(folder: string): Promise<string[]> {
    return [...this.docs.keys()].filter((n) => n.startsWith(`${folder}/`)).sort();
  }

  async readDoc<T>(name: string, fallback: T): Promise<T> {
    if (!DOC_NAME.test(name)) throw new Error(`invalid document name: ${name}`);
    return structuredClone((this.docs.has(name) ? this.docs.get(name) : fallback) as T);
  }

  updateDoc<T>(name: string, fallback: T, fn: (doc: T) => T | Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      const next = await fn(await this.readDoc(name, fallback));
      this.docs.set(name, structuredClone(next));
      return structuredClone(next);
    });
  }

  health() {
    return { ok: true, kind: 'memory', active: this.comunicados.size };
  }

  async close(): Promise<void> {}
}
