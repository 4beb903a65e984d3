import { t } from '../messages/index.ts';

/**
 * The life of one message to one person:
 *   queued -> sending -> accepted | deferred -> (sending ...) | refused
 * plus `cancelled` (the person left the list, or the comunicado was withdrawn, before
 * their turn). `sending` is written BEFORE the SMTP call: one found after a restart was
 * interrupted, and is sent again with the same Message-ID.
 */
export type RecipientState = 'queued' | 'sending' | 'accepted' | 'deferred' | 'refused' | 'cancelled';

export interface RecipientEntry {
  email: string;
  name: string;
  outlet: string;
  segment: string;
  /** The delivery (`email:todos`, `email:radio`) that sends to this person. */
  destination: string;
  state: RecipientState;
  attempts: number;
  messageId?: string;
  queuedAt: string;
  lastAttemptAt?: string;
  /** Deferred: when to try again. */
  nextAttemptAt?: string;
  /** Last SMTP reply (or why it was cancelled / given up). */
  reply?: string;
  code?: number;
  embargoed?: boolean;
  dryRun?: boolean;
  /** Dry run: the .eml written. */
  file?: string;
  /** Sent again after a restart interrupted an attempt. */
  resumed?: boolean;
  /** `gave_up`: deferred too many times; `left`: unsubscribed or removed; `withdrawn`. */
  reason?: 'gave_up' | 'left' | 'withdrawn';
}

/** Store document `email/<id>`: every person a comunicado goes to, keyed by address. */
export interface SendRecord {
  comunicado: string;
  /** When each delivery fixed its list of recipients. */
  planned: Record<string, { at: string; count: number }>;
  recipients: Record<string, RecipientEntry>;
}

export function recordDoc(id: string): string {
  return `email/${id}`;
}

export function emptyRecord(id: string): SendRecord {
  return { comunicado: id, planned: {}, recipients: {} };
}

export interface SendCounts {
  total: number;
  accepted: number;
  deferred: number;
  refused: number;
  /** Not tried yet, or interrupted. */
  pending: number;
  cancelled: number;
}

export function countsOf(record: SendRecord, destination?: string): SendCounts {
  const n: SendCounts = { total: 0, accepted: 0, deferred: 0, refused: 0, pending: 0, cancelled: 0 };
  for (const r of Object.values(record.recipients)) {
    if (destination && r.destination !== destination) continue;
    n.total += 1;
    if (r.state === 'queued' || r.state === 'sending') n.pending += 1;
    else n[r.state] += 1;
  }
  return n;
}

/** "12 aceptados · 1 diferido · 0 rechazados", for the thread, /estado and the digest. */
export function summaryOf(n: SendCounts): string {
  const parts = [
    t(n.accepted === 1 ? 'media_email.count.accepted_one' : 'media_email.count.accepted', { n: n.accepted }),
    t(n.deferred === 1 ? 'media_email.count.deferred_one' : 'media_email.count.deferred', { n: n.deferred }),
    t(n.refused === 1 ? 'media_email.count.refused_one' : 'media_email.count.refused', { n: n.refused }),
  ];
  if (n.pending) parts.push(t('media_email.count.pending', { n: n.pending }));
  if (n.cancelled) parts.push(t('media_email.count.cancelled', { n: n.cancelled }));
  return parts.join(' · ');
}

/** Whether a recipient has work left now: not tried, interrupted, or deferred and due. */
export function isDue(r: RecipientEntry, now: Date): boolean {
  if (r.state === 'queued' || r.state === 'sending') return true;
  return r.state === 'deferred' && (!r.nextAttemptAt || Date.parse(r.nextAttemptAt) <= now.getTime());
}

/** The meta a delivery carries: counts for the digest and a Spanish line for the thread. */
export function deliveryMeta(record: SendRecord, destination: string): { email: SendCounts; summary: string } {
  const counts = countsOf(record, destination);
  return { email: counts, summary: summaryOf(counts) };
}
