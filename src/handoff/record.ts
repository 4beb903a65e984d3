import type { Comunicado, MessageRef, Platform } from '../domain/comunicado.ts';
import { destinationKind } from '../domain/comunicado.ts';
import type { Store } from '../store/port.ts';

/**
 * One direct message's life, persisted around the chat call like a delivery:
 * `queued` -> `sending` (written BEFORE the call) -> `sent` | `failed` | `unknown`.
 * A `sending` record found at start-up becomes `unknown` and is never resent, so a
 * restart never sends anyone the same message twice; `queued` ones are sent then.
 * `cancelled`: the comunicado was withdrawn before the message went out.
 */
export type SendState = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';

export interface SendRecord {
  state: SendState;
  attempts: number;
  at?: string;
  message?: MessageRef;
  /** Spanish, for the summary and the digest. */
  error?: string;
}

export type SendKind = 'dm' | 'reminder' | 'withdrawn';

export interface MemberRecord {
  name: string;
  /** Where the messages go; absent when the member has no id on a running chat. */
  platform?: Platform;
  userId?: string;
  dm: SendRecord;
  reminder?: SendRecord;
  withdrawn?: SendRecord;
  confirmedAt?: string;
  confirmedVia?: 'button' | 'reaction';
}

/** The hand-off of one comunicado: store doc `handoff/<id>`. */
export interface HandoffRecord {
  id: string;
  title: string;
  createdAt: string;
  /** The portal link the texts point to (before the per-member UTM). */
  portalUrl: string;
  /** When the reminder is due (quiet hours already applied). */
  remindAt: string;
  reminderStartedAt?: string;
  summaryPostedAt?: string;
  withdrawnAt?: string;
  members: Record<string, MemberRecord>;
}

export function handoffDoc(id: string): string {
  return `handoff/${id}`;
}

/** Ids whose hand-off still has work (messages to send, a reminder to come): doc `handoff-open`. */
export const OPEN_DOC = 'handoff-open';
export interface OpenDoc {
  ids: string[];
}

export function readHandoff(store: Store, id: string): Promise<HandoffRecord | null> {
  return store.readDoc<HandoffRecord | null>(handoffDoc(id), null);
}

export const FINAL: readonly SendState[] = ['sent', 'failed', 'unknown', 'cancelled'];

/** The portal link of a published comunicado: the noticia first, else any portal placement. */
export function portalLinkOf(c: Comunicado): string | undefined {
  const done = Object.values(c.deliveries).filter((d) => destinationKind(d.destination) === 'portal' && d.state === 'done' && d.url);
  return (done.find((d) => d.destination === 'portal:noticia') ?? done[0])?.url;
}

/** When a comunicado came out: `publishedAt`, or for a partial publication its last delivery. */
export function publishedTime(c: Comunicado): string | undefined {
  if (c.publishedAt) return c.publishedAt;
  const times = Object.values(c.deliveries)
    .filter((d) => d.state === 'done' && d.finishedAt)
    .map((d) => d.finishedAt!)
    .sort();
  return times.at(-1);
}

/** Coverage of a hand-off: who confirmed, who got it and did not, who never got it. */
export function coverageOf(rec: HandoffRecord): { shared: string[]; missing: string[]; notSent: string[]; sent: number } {
  const members = Object.values(rec.members);
  const reached = members.filter((m) => m.dm.state === 'sent' || m.dm.state === 'unknown' || m.confirmedAt);
  return {
    shared: members.filter((m) => m.confirmedAt).map((m) => m.name),
    missing: reached.filter((m) => !m.confirmedAt).map((m) => m.name),
    notSent: members.filter((m) => !reached.includes(m)).map((m) => m.name),
    sent: reached.length,
  };
}
