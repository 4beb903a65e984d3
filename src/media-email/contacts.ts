import { z } from 'zod';
import { t } from '../messages/index.ts';
import { cleanText } from '../render/escape.ts';

/**
 * A journalist or editor on the press list. The normalized address is the key: the
 * same address never appears twice, and a send record keyed by it guarantees one
 * message per person and comunicado.
 */
export interface MediaContact {
  email: string;
  name: string;
  outlet: string;
  segment: string;
  /** `failing`: their server refused a message (5xx); `unsubscribed`: they asked to leave. */
  status: 'active' | 'failing' | 'unsubscribed';
  /** Secret of their unsubscribe link; never shown in the chat. */
  token: string;
  addedAt: string;
  addedBy?: string;
  failing?: { at: string; comunicado: string; reply: string };
  unsubscribed?: { at: string; via: UnsubscribeVia; by?: string };
}

export type UnsubscribeVia = 'url' | 'chat' | 'cli';

/** The append-only record of changes to the list (who added, removed, unsubscribed whom). */
export interface MediaLogEntry {
  at: string;
  action: 'add' | 'remove' | 'unsubscribe' | 'reactivate' | 'failing' | 'import';
  email: string;
  by?: string;
  detail?: string;
}

/** The store document `medios`. */
export interface MediaDoc {
  version: 1;
  contacts: MediaContact[];
  log: MediaLogEntry[];
}

export const EMPTY_MEDIA_DOC: MediaDoc = { version: 1, contacts: [], log: [] };

export interface ContactInput {
  name: string;
  outlet: string;
  email: string;
  segment: string;
}

const emailSchema = z.email();

/** One line of text: control characters, CR/LF and repeated spaces removed. */
export function oneLine(s: string): string {
  return cleanText(s).replace(/[\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

export function normalizeEmail(raw: string): string {
  return oneLine(raw).replace(/^mailto:/i, '').replace(/^<|>$/g, '').trim().toLowerCase();
}

/**
 * Whether an address is one the bot will send to: a plain `local@domain.tld`, no display
 * name, no list, nothing that could smuggle a header or a second recipient.
 */
export function isValidEmail(email: string): boolean {
  if (email.length > 254 || /[\s,;<>"'()\\\r\n]/.test(email)) return false;
  return emailSchema.safeParse(email).success;
}

/**
 * Checks and normalizes one contact. Every problem is returned (Spanish), so a CSV row
 * or a chat command can report them all at once.
 */
export function validateContact(input: ContactInput, segments: string[]): { value?: ContactInput; problems: string[] } {
  const problems: string[] = [];
  const name = oneLine(input.name);
  const outlet = oneLine(input.outlet);
  const email = normalizeEmail(input.email);
  const segment = oneLine(input.segment).toLowerCase();
  if (!name) problems.push(t('media_email.invalid.name_missing'));
  else if (name.length > 120) problems.push(t('media_email.invalid.name_long', { max: 120 }));
  if (!outlet) problems.push(t('media_email.invalid.outlet_missing'));
  else if (outlet.length > 120) problems.push(t('media_email.invalid.outlet_long', { max: 120 }));
  if (!email) problems.push(t('media_email.invalid.email_missing'));
  else if (!isValidEmail(email)) problems.push(t('media_email.invalid.email', { email: email.slice(0, 80) }));
  if (!segment) problems.push(t('media_email.invalid.segment_missing', { segments: segments.join(', ') }));
  else if (!segments.includes(segment)) problems.push(t('media_email.invalid.segment', { segment: segment.slice(0, 40), segments: segments.join(', ') }));
  if (problems.length) return { problems };
  return { value: { name, outlet, email, segment }, problems };
}

/** Why an address cannot be added again, or undefined when it is new. */
export function duplicateReason(existing: MediaContact | undefined): string | undefined {
  if (!existing) return undefined;
  if (existing.status === 'unsubscribed') {
    return t('media_email.duplicate_unsubscribed', { email: existing.email, date: existing.unsubscribed?.at.slice(0, 10) ?? '?' });
  }
  return t('media_email.duplicate', { email: existing.email, name: existing.name, outlet: existing.outlet, segment: existing.segment });
}

/** Contacts a destination reaches: `todos` is every active contact, otherwise one segment. */
export function recipientsOf(contacts: MediaContact[], segment: string): MediaContact[] {
  return contacts.filter((c) => c.status === 'active' && (segment === 'todos' || c.segment === segment));
}
