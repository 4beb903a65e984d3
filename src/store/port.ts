import type { Comunicado, DeliveryState, MessageRef, State } from '../domain/comunicado.ts';

/** The small per-comunicado record the index keeps, enough for lists and the digest. */
export interface ComunicadoSummary {
  id: string;
  state: State;
  title: string;
  author: { platform: string; userId: string; name?: string };
  createdAt: string;
  updatedAt: string;
  publishAt?: string;
  scheduledFor?: string;
  publishedAt?: string;
  vigenciaHasta?: string;
  /** `aviso` or `convocatoria` (absent: a comunicado) and a convocatoria's deadline. */
  kind?: 'comunicado' | 'aviso' | 'convocatoria';
  closesAt?: string;
  deliveries: Record<string, DeliveryState>;
}

/**
 * The persistence port. Two implementations: lowdb on disk (`LowdbStore`) and in memory
 * (`MemoryStore`, for tests). Every write is serialized and atomic: a failed write leaves
 * the previous state untouched, on disk and in memory.
 */
export interface Store {
  /** Allocates the next id of the year, `C-2026-0142`. Never reused, even if unused. */
  nextId(now: Date): Promise<string>;
  create(c: Comunicado): Promise<void>;
  get(id: string): Promise<Comunicado | undefined>;
  /** Reads, applies `fn` to a copy, writes. `fn` may throw to abort (nothing is written). */
  update(id: string, fn: (c: Comunicado) => Comunicado | Promise<Comunicado>): Promise<Comunicado>;
  /**
   * Summaries of the working set: every comunicado not yet closed, plus closed ones
   * updated within the last `recentDays` (45). Older history stays on disk, reachable by id.
   */
  list(): Promise<ComunicadoSummary[]>;
  /** Remembers which comunicado a chat message (preview, status) belongs to. */
  linkMessage(ref: MessageRef, id: string): Promise<void>;
  findByMessage(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): Promise<string | undefined>;
  /**
   * Records a delivered event (Slack event_id, Telegram update_id, a button click) and
   * says whether it is new. Survives restarts, so a redelivery is processed once.
   */
  claimEvent(key: string): Promise<boolean>;
  /** Small named documents (`medios`, `digest`, `email/C-2026-0001`...), one file each. */
  readDoc<T>(name: string, fallback: T): Promise<T>;
  updateDoc<T>(name: string, fallback: T, fn: (doc: T) => T | Promise<T>): Promise<T>;
  /** Store state for /healthz. */
  health(): { ok: boolean; kind: string; active: number; problem?: string; detail?: string };
  close(): Promise<void>;
}

export const RECENT_DAYS = 45;

export function messageKey(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): string {
  return `${ref.platform}:${ref.channel}:${ref.messageId}`;
}

export function summarize(c: Comunicado): ComunicadoSummary {
  const s: ComunicadoSummary = {
    id: c.id,
    state: c.state,
    title: c.content.title,
    author: { platform: c.author.platform, userId: c.author.userId, ...(c.author.name ? { name: c.author.name } : {}) },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deliveries: Object.fromEntries(Object.entries(c.deliveries).map(([k, d]) => [k, d.state])),
  };
  if (c.content.publishAt) s.publishAt = c.content.publishAt;
  if (c.scheduledFor) s.scheduledFor = c.scheduledFor;
  if (c.publishedAt) s.publishedAt = c.publishedAt;
  if (c.content.vigenciaHasta) s.vigenciaHasta = c.content.vigenciaHasta;
  if (c.content.kind && c.content.kind !== 'comunicado') s.kind = c.content.kind;
  if (c.content.closesAt) s.closesAt = c.content.closesAt;
  return s;
}

const CLOSED: readonly State[] = ['published', 'rejected', 'withdrawn'];

/** Whether a summary still belongs to the working set at `now`. */
export function inWorkingSet(s: ComunicadoSummary, now: number, recentDays = RECENT_DAYS): boolean {
  if (!CLOSED.includes(s.state)) return true;
  if (s.vigenciaHasta && Date.parse(`${s.vigenciaHasta}T23:59:59-05:00`) > now) return true;
  if (s.closesAt && Date.parse(s.closesAt) > now) return true;
  return now - Date.parse(s.updatedAt) < recentDays * 86_400_000;
}

/** Names of documents: lowercase words, digits, dashes, one level of folder. */
export const DOC_NAME = /^[a-z0-9][a-z0-9_-]{0,60}(\/[A-Za-z0-9][A-Za-z0-9_-]{0,60})?$/;
