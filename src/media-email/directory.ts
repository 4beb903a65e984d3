import { randomBytes } from 'node:crypto';
import { refusal } from '../messages/errors.ts';
import { UserFacingError } from '../domain/errors.ts';
import { t } from '../messages/index.ts';
import type { Store } from '../store/port.ts';
import {
  duplicateReason,
  EMPTY_MEDIA_DOC,
  normalizeEmail,
  recipientsOf,
  validateContact,
  type ContactInput,
  type MediaContact,
  type MediaDoc,
  type MediaLogEntry,
  type UnsubscribeVia,
} from './contacts.ts';

export const MEDIA_DOC = 'medios';
/** The log keeps the newest entries; a year of a press office's changes fits many times over. */
const MAX_LOG = 20_000;

export interface ImportRow extends ContactInput {
  /** Line of the CSV file, for the report. */
  line: number;
}

export interface ImportReport {
  added: MediaContact[];
  problems: Array<{ line: number; message: string }>;
  dryRun: boolean;
}

function newToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The media directory, kept in the store document `medios`. Every change is one atomic
 * document update and is written to the document's log with who did it.
 */
export class MediaDirectory {
  constructor(
    private readonly store: Store,
    private readonly segments: string[],
    private readonly now: () => Date,
  ) {}

  get knownSegments(): string[] {
    return [...this.segments];
  }

  /** The last list read or written, for synchronous readers (the approval preview). */
  private cached: MediaContact[] = [];

  async doc(): Promise<MediaDoc> {
    const doc = await this.store.readDoc<MediaDoc>(MEDIA_DOC, structuredClone(EMPTY_MEDIA_DOC));
    this.cached = doc.contacts;
    return doc;
  }

  /** The list as last seen (call `all()` once at start-up to load it). */
  snapshot(): MediaContact[] {
    return this.cached;
  }

  async all(): Promise<MediaContact[]> {
    return (await this.doc()).contacts;
  }

  async find(email: string): Promise<MediaContact | undefined> {
    const key = normalizeEmail(email);
    return (await this.all()).find((c) => c.email === key);
  }

  async findByToken(token: string): Promise<MediaContact | undefined> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
    return (await this.all()).find((c) => c.token === token);
  }

  /** Active contacts of a segment (or `todos`). */
  async recipients(segment: string): Promise<MediaContact[]> {
    return recipientsOf(await this.all(), segment);
  }

  private async update(fn: (doc: MediaDoc, at: string) => void): Promise<MediaDoc> {
    const doc = await this.store.updateDoc<MediaDoc>(MEDIA_DOC, structuredClone(EMPTY_MEDIA_DOC), (d) => {
      fn(d, this.now().toISOString());
      if (d.log.length > MAX_LOG) d.log.splice(0, d.log.length - MAX_LOG);
      return d;
    });
    this.cached = doc.contacts;
    return doc;
  }

  private static log(doc: MediaDoc, entry: MediaLogEntry): void {
    doc.log.push(entry);
  }

  /** Adds one contact; invalid input and duplicates are refused in Spanish. */
  async add(input: ContactInput, by: string): Promise<MediaContact> {
    const { value, problems } = validateContact(input, this.segments);
    if (!value) throw new UserFacingError('invalid_input', problems.join('\n'));
    let added: MediaContact | undefined;
    await this.update((doc, at) => {
      const dup = duplicateReason(doc.contacts.find((c) => c.email === value.email));
      if (dup) throw new UserFacingError('media_duplicate', dup);
      added = { ...value, status: 'active', token: newToken(), addedAt: at, addedBy: by };
      doc.contacts.push(added);
      MediaDirectory.log(doc, { at, action: 'add', email: value.email, by });
    });
    return added!;
  }

  /** Removes a contact from the list (the office's decision; the log keeps who and when). */
  async remove(email: string, by: string): Promise<MediaContact> {
    const key = normalizeEmail(email);
    let removed: MediaContact | undefined;
    await this.update((doc, at) => {
      const i = doc.contacts.findIndex((c) => c.email === key);
      if (i < 0) throw refusal('media_not_found', 'media_email.not_found', { email: key.slice(0, 80) });
      removed = doc.contacts.splice(i, 1)[0];
      MediaDirectory.log(doc, { at, action: 'remove', email: key, by });
    });
    return removed!;
  }

  /**
   * The person asked to stop receiving comunicados. The contact stays in the document as
   * `unsubscribed` so an import cannot silently add them back; sends skip them from now
   * on, including messages of a send still in progress. Idempotent.
   */
  async unsubscribe(email: string, via: UnsubscribeVia, by?: string): Promise<MediaContact> {
    const key = normalizeEmail(email);
    let result: MediaContact | undefined;
    await this.update((doc, at) => {
      const contact = doc.contacts.find((c) => c.email === key);
      if (!contact) throw refusal('media_not_found', 'media_email.not_found', { email: key.slice(0, 80) });
      if (contact.status !== 'unsubscribed') {
        contact.status = 'unsubscribed';
        contact.unsubscribed = { at, via, ...(by ? { by } : {}) };
        MediaDirectory.log(doc, { at, action: 'unsubscribe', email: key, detail: via, ...(by ? { by } : {}) });
      }
      result = contact;
    });
    return result!;
  }

  async unsubscribeByToken(token: string, via: UnsubscribeVia = 'url'): Promise<MediaContact | undefined> {
    const contact = await this.findByToken(token);
    if (!contact) return undefined;
    return this.unsubscribe(contact.email, via);
  }

  /** Back to active: an address fixed after failing, or a person who asked to come back. */
  async reactivate(email: string, by: string): Promise<MediaContact> {
    const key = normalizeEmail(email);
    let result: MediaContact | undefined;
    await this.update((doc, at) => {
      const contact = doc.contacts.find((c) => c.email === key);
      if (!contact) throw refusal('media_not_found', 'media_email.not_found', { email: key.slice(0, 80) });
      const before = contact.status;
      contact.status = 'active';
      delete contact.failing;
      delete contact.unsubscribed;
      MediaDirectory.log(doc, { at, action: 'reactivate', email: key, by, detail: before });
      result = contact;
    });
    return result!;
  }

  /** Their server refused a message for good (5xx): no more sends until someone reactivates them. */
  async markFailing(email: string, info: { comunicado: string; reply: string }): Promise<void> {
    const key = normalizeEmail(email);
    await this.update((doc, at) => {
      const contact = doc.contacts.find((c) => c.email === key);
      if (!contact || contact.status !== 'active') return;
      contact.status = 'failing';
      contact.failing = { at, comunicado: info.comunicado, reply: info.reply.slice(0, 300) };
      MediaDirectory.log(doc, { at, action: 'failing', email: key, detail: `${info.comunicado}: ${info.reply.slice(0, 200)}` });
    });
  }

  /**
   * Adds the valid rows of an import; every other row is reported with its line and the
   * reason (invalid, repeated in the file, already on the list, unsubscribed). With
   * `dryRun` nothing is written. One document write for the whole file.
   */
  async importRows(rows: ImportRow[], by: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
    const report: ImportReport = { added: [], problems: [], dryRun: !!options.dryRun };
    const plan = (doc: MediaDoc, at: string) => {
      const seen = new Map<string, number>();
      for (const row of rows) {
        const { value, problems } = validateContact(row, this.segments);
        if (!value) {
          report.problems.push({ line: row.line, message: problems.join(' ') });
          continue;
        }
        const firstLine = seen.get(value.email);
        if (firstLine !== undefined) {
          report.problems.push({ line: row.line, message: t('media_email.import.repeated', { email: value.email, line: firstLine }) });
          continue;
        }
        seen.set(value.email, row.line);
        const dup = duplicateReason(doc.contacts.find((c) => c.email === value.email));
        if (dup) {
          report.problems.push({ line: row.line, message: dup });
          continue;
        }
        const contact: MediaContact = { ...value, status: 'active', token: newToken(), addedAt: at, addedBy: by };
        report.added.push(contact);
        doc.contacts.push(contact);
      }
      if (report.added.length) MediaDirectory.log(doc, { at, action: 'import', email: '*', by, detail: `${report.added.length} contactos` });
    };
    if (options.dryRun) {
      plan(await this.doc(), this.now().toISOString());
      return report;
    }
    if (rows.length === 0) return report;
    await this.update(plan);
    return report;
  }
}
