import type { Actor, AuditEntry, Comunicado, Content } from '../domain/comunicado.ts';
import { sha256, type RecordEvent } from './chain.ts';

/** The fingerprint of one version of a comunicado's content. */
export function contentHash(content: Content): string {
  return sha256(JSON.stringify(content));
}

/** A person on the media list appears in the record only as this. */
export function personHash(email: string): string {
  return sha256(`medios:${email.trim().toLowerCase()}`);
}

function actorOf(a: Actor | undefined): RecordEvent['actor'] | undefined {
  if (!a) return undefined;
  return { platform: a.platform, userId: a.userId, ...(a.name ? { name: a.name } : {}), ...(a.isBot ? { bot: true } : {}) };
}

const DESTINATION_DETAIL = /^((?:portal|facebook|instagram|x|youtube|email):[a-z0-9_-]+)(?::\s([\s\S]*))?$/;

/** Acts taken by a person (as opposed to the bot on its own), whose gesture the record keeps. */
const PERSONAL = new Set(['create', 'submit', 'review', 'approve', 'ask_reason', 'reject', 'request_changes', 'edit', 'retry', 'withdraw', 'delivery_confirmed', 'delivery_confirmed_absent', 'withdraw_removed', 'withdraw_manual', 'withdraw_not_found']);

/**
 * The record's events for what a store write added to a comunicado's history (it had
 * `entriesBefore` entries): one per new
 * audit entry, with what the archive needs beside it (the version's hash for a submission,
 * an edit or an approval; the platform's id and URL for a delivery).
 */
export function comunicadoEvents(entriesBefore: number, after: Comunicado, via: string | undefined): RecordEvent[] {
  const added = after.audit.slice(entriesBefore);
  return added.map((entry) => auditEvent(after, entry, via));
}

function auditEvent(c: Comunicado, entry: AuditEntry, via: string | undefined): RecordEvent {
  const e: RecordEvent = { kind: 'comunicado', action: entry.action, at: entry.at, id: c.id };
  const actor = actorOf(entry.actor);
  if (actor) e.actor = actor;
  if (via && entry.actor && !entry.actor.isBot && PERSONAL.has(entry.action)) e.via = via;
  // An approval made outside the chat (a signed link) says so on the approval itself.
  if (entry.action === 'approve' || entry.action === 'review') {
    const approval = c.approvals.find((a) => a.at === entry.at && a.actor.userId === entry.actor?.userId) as { channel?: unknown; member?: unknown } | undefined;
    if (typeof approval?.channel === 'string') e.via = approval.channel;
    if (typeof approval?.member === 'string') e.member = approval.member;
  }
  // Likewise a rejection or a request for changes, where the decision keeps its channel.
  const decision = entry.action === 'reject' ? c.rejection : entry.action === 'request_changes' ? c.changesRequested : undefined;
  const channel = decision && decision.at === entry.at ? (decision as { channel?: unknown }).channel : undefined;
  if (typeof channel === 'string') e.via = channel;
  if (['create', 'submit', 'edit', 'approve', 'review'].includes(entry.action)) {
    const version = entry.version ?? c.version;
    const v = c.versions.find((x) => x.version === version);
    e.version = version;
    e.versionHash = contentHash(v?.content ?? c.content);
    // The title of the version (public once published): open data reads it from here.
    e.title = (v?.content ?? c.content).title;
    // The kind of submission (comunicado, aviso, convocatoria) where the content has one.
    const kind = ((v?.content ?? c.content) as { kind?: unknown }).kind;
    if (typeof kind === 'string') e.submissionKind = kind;
  } else if (entry.version !== undefined) e.version = entry.version;
  const m = entry.detail !== undefined ? DESTINATION_DETAIL.exec(entry.detail) : null;
  if (m && (entry.action.startsWith('delivery_') || entry.action.startsWith('withdraw_') || entry.action.startsWith('vigencia_'))) {
    const destination = m[1]!;
    e.destination = destination;
    if (m[2] !== undefined) e.detail = m[2];
    const d = c.deliveries[destination];
    if (d) {
      e.state = d.state;
      if (d.remoteId) e.remoteId = d.remoteId;
      if (d.url) e.url = d.url;
      if (d.dryRun) e.dryRun = true;
    }
  } else if (entry.detail !== undefined) e.detail = entry.detail;
  return e;
}

/** The parts of the media list document (`medios`) the record reads. */
interface MediaDocLike {
  contacts?: Array<{ email: string; source?: string; legalBasis?: string }>;
  log?: Array<{ at: string; action: string; email: string; by?: string; detail?: string }>;
}

/** The name of the store document that holds the media list. */
export const MEDIA_DOC_NAME = 'medios';

/** What `mediaEvents` needs from the list before a change: taken instead of a copy of the whole document. */
export interface MediaSnapshot {
  logLength: number;
  /** Keys of the oldest log entries (enough to see how many a trimmed log lost). */
  firstKeys: string[];
  emails: Set<string>;
}

const logKey = (x: { at: string; action: string; by?: string; detail?: string }) => `${x.at}|${x.action}|${x.by ?? ''}|${x.detail ?? ''}`;

export function mediaSnapshot(doc: unknown): MediaSnapshot {
  const d = (doc ?? {}) as MediaDocLike;
  const log = d.log ?? [];
  return { logLength: log.length, firstKeys: log.slice(0, 256).map(logKey), emails: new Set((d.contacts ?? []).map((c) => c.email)) };
}

/**
 * The record's events for a change of the media list: one per new entry of the list's own
 * log. A person is named only by `personHash`, never by address or name, so the record can
 * stay append-only and still honour an erasure (Ley 1581).
 */
export function mediaEvents(before: MediaSnapshot, after: unknown): RecordEvent[] {
  const a = (after ?? {}) as MediaDocLike;
  const newLog = a.log ?? [];
  // The log only grows at its end and, past its limit, loses its oldest entries: the new
  // entries are those beyond the old length, less what was trimmed from the front.
  // (Matched without the address: an erasure rewrites the addresses of older entries.)
  let trimmed = 0;
  if (newLog.length && before.logLength) {
    const first = logKey(newLog[0]!);
    while (trimmed < before.firstKeys.length && before.firstKeys[trimmed] !== first) trimmed++;
    if (trimmed === before.firstKeys.length) trimmed = before.logLength; // nothing in common: all new
  }
  const from = Math.max(0, before.logLength - trimmed);
  const known = before.emails;
  const byEmail = new Map((a.contacts ?? []).map((c) => [c.email, c]));
  return newLog.slice(from).map((entry) => {
    const e: RecordEvent = { kind: 'medios', action: entry.action, at: entry.at };
    if (entry.by) e.by = entry.by;
    if (entry.email && entry.email !== '*' && entry.email.includes('@')) e.person = personHash(entry.email);
    else if (/^[a-f0-9]{64}$/.test(entry.email)) e.person = entry.email;
    const contact = byEmail.get(entry.email);
    if (contact?.source) e.source = contact.source;
    if (contact?.legalBasis) e.legalBasis = contact.legalBasis;
    if (entry.action === 'import') {
      e.people = (a.contacts ?? []).filter((c) => !known.has(c.email)).map((c) => personHash(c.email));
    }
    if (entry.action === 'unsubscribe' || entry.action === 'reactivate') {
      if (entry.detail) e.detail = entry.detail;
    } else if (entry.action === 'failing' && entry.detail) {
      e.comunicado = entry.detail.split(':')[0];
    } else if (entry.action === 'import' && entry.detail) e.detail = entry.detail;
    return e;
  });
}
