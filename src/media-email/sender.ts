import { KeyedQueue } from '../util/serial-queue.ts';
import type { Config } from '../config/schema.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import { destinationKind } from '../domain/comunicado.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import { prepareAttachments, type PreparedAttachments } from './attachments.ts';
import { composeMail, type SenderIdentity, type UnsubscribeLinks } from './compose.ts';
import { recipientsOf } from './contacts.ts';
import type { MediaDirectory } from './directory.ts';
import { countsOf, emptyRecord, isDue, recordDoc, type RecipientEntry, type SendCounts, type SendRecord } from './record.ts';
import { classifySmtpError, type MailTransport, type SmtpFailure } from './transport.ts';

/** The send cannot go on (connection down, credentials refused): nothing more goes out now. */
export class SendStopped extends Error {
  constructor(readonly failure: Exclude<SmtpFailure, { kind: 'deferred' | 'refused' }> | { kind: 'no_sender'; reply: string }) {
    super(failure.reply);
    this.name = 'SendStopped';
  }
}

export interface SenderDeps {
  store: Store;
  directory: MediaDirectory;
  transport: MailTransport;
  config: Config;
  /** Undefined when MAIL_FROM (or a press contact address) is missing. */
  identity: SenderIdentity | undefined;
  unsubscribe: UnsubscribeLinks;
  dataDir: string;
  logger: Logger;
  now(): Date;
}

/** The portal link (and its media copies) once a portal delivery is done, as the engine gives it. */
export function portalOf(c: Comunicado): { url: string; media?: Array<{ filename: string; url: string }> } | undefined {
  const noticia = c.deliveries['portal:noticia'];
  const done = noticia?.state === 'done' ? noticia : Object.values(c.deliveries).find((d) => destinationKind(d.destination) === 'portal' && d.state === 'done');
  if (!done?.url) return undefined;
  const media = done.meta?.media;
  return { url: done.url, ...(Array.isArray(media) ? { media: media as Array<{ filename: string; url: string }> } : {}) };
}

const STOP_STATES = new Set(['withdrawn', 'rejected']);

/**
 * Sends a comunicado to the press list, one message per person, recording each person's
 * state in the store document `email/<id>` around every SMTP call. Sends of the same
 * comunicado never overlap (one chain per id), so a `sending` entry found at the start
 * of a pass can only be an attempt a restart interrupted.
 */
export class MediaSender {
  private readonly chains = new KeyedQueue();

  constructor(private readonly deps: SenderDeps) {}

  get dryRun(): boolean {
    return this.deps.transport.dryRun;
  }

  /** Runs `fn` after any other send of the same comunicado finished. */
  withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.chains.run(id, fn);
  }

  async record(id: string): Promise<SendRecord> {
    return this.deps.store.readDoc<SendRecord>(recordDoc(id), emptyRecord(id));
  }

  private update(id: string, fn: (rec: SendRecord) => void): Promise<SendRecord> {
    return this.deps.store.updateDoc<SendRecord>(recordDoc(id), emptyRecord(id), (rec) => {
      fn(rec);
      return rec;
    });
  }

  /**
   * Fixes who a delivery sends to, once: the active contacts of its segment at this
   * moment, minus anyone another email delivery of the same comunicado already has
   * (`email:todos` and `email:radio` together reach each person once). Idempotent.
   * Returns how many contacts the segment had, planned or already covered.
   */
  async plan(c: Comunicado, destination: string): Promise<{ segmentSize: number; record: SendRecord }> {
    const segment = destination.slice('email:'.length);
    const contacts = recipientsOf(await this.deps.directory.all(), segment);
    const existing = await this.record(c.id);
    if (existing.planned[destination]) return { segmentSize: existing.planned[destination].count, record: existing };
    if (contacts.length === 0) return { segmentSize: 0, record: existing };
    const at = this.deps.now().toISOString();
    const record = await this.update(c.id, (rec) => {
      if (rec.planned[destination]) return;
      let count = 0;
      for (const contact of contacts) {
        if (rec.recipients[contact.email]) continue;
        rec.recipients[contact.email] = {
          email: contact.email,
          name: contact.name,
          outlet: contact.outlet,
          segment: contact.segment,
          destination,
          state: 'queued',
          attempts: 0,
          queuedAt: at,
        };
        count += 1;
      }
      rec.planned[destination] = { at, count };
    });
    return { segmentSize: contacts.length, record };
  }

  /**
   * Sends to every recipient of `destination` that has work now: queued, interrupted, or
   * deferred and due. A 4xx defers that person with backoff; a 5xx refuses them and marks
   * the contact failing; a connection or credentials problem stops the pass (the person
   * being tried goes back to where they were) and throws SendStopped.
   */
  async sendDue(
    id: string,
    destination: string,
    options: { portal?: { url: string; media?: Array<{ filename: string; url: string }> }; onProgress?: (counts: SendCounts) => void } = {},
  ): Promise<SendRecord> {
    const { deps } = this;
    const initial = await this.record(id);
    const order = Object.keys(initial.recipients);
    const due = Object.values(initial.recipients).filter((r) => r.destination === destination && isDue(r, deps.now()));
    if (due.length === 0) return initial;
    if (!deps.identity) throw new SendStopped({ kind: 'no_sender', reply: 'MAIL_FROM' });
    let c = await deps.store.get(id);
    if (!c) return initial;
    let prepared: PreparedAttachments | undefined;
    const retry = deps.config.media.retry.delaysSeconds;
    const office = { ...deps.config.office };
    let sinceCheck = 0;

    // Outcomes wait in memory and go to the store together with the NEXT claim: one write
    // per person instead of two, and still every outcome is on disk before the next SMTP
    // call starts. The `finally` writes what is left, whatever happens.
    let pending: Array<{ email: string; apply: (r: RecipientEntry) => void }> = [];
    let local = initial;
    const commit = async (extra: Array<{ email: string; apply: (r: RecipientEntry) => void }> = []) => {
      const changes = [...pending, ...extra];
      pending = [];
      if (changes.length === 0) return;
      local = await this.update(id, (rec) => {
        for (const ch of changes) {
          const r = rec.recipients[ch.email];
          if (r) ch.apply(r);
        }
      });
    };
    const outcome = (email: string, apply: (r: RecipientEntry) => void) => {
      pending.push({ email, apply });
      const r = local.recipients[email];
      if (r) apply(r);
      options.onProgress?.(countsOf(local, destination));
    };

    try {
      for (const entry of due) {
        // Re-read the comunicado now and then: a withdrawal stops what has not gone out yet.
        if (++sinceCheck >= 20) {
          sinceCheck = 0;
          c = (await deps.store.get(id)) ?? c;
        }
        if (STOP_STATES.has(c.state)) {
          await commit();
          await this.cancel(id, 'withdrawn');
          break;
        }
        const contact = await deps.directory.find(entry.email);
        if (!contact || contact.status !== 'active') {
          outcome(entry.email, (r) => {
            r.state = 'cancelled';
            r.reason = 'left';
            r.reply = contact ? contact.status : 'removed';
          });
          continue;
        }
        prepared ??= await prepareAttachments(c, deps.dataDir, deps.config.media);
        const now = deps.now();
        const composed = composeMail({
          c,
          office,
          timezone: deps.config.office.timezone,
          now,
          recipient: { email: contact.email, name: contact.name, outlet: contact.outlet, token: contact.token },
          prepared,
          ...(options.portal ? { portal: options.portal } : {}),
          unsubscribe: deps.unsubscribe,
          sender: deps.identity,
        });
        const before = { state: entry.state, nextAttemptAt: entry.nextAttemptAt };
        // Persisted BEFORE the SMTP call: after a crash this person is known to be in flight.
        await commit([
          {
            email: entry.email,
            apply: (r) => {
              if (r.state === 'sending') r.resumed = true;
              r.state = 'sending';
              r.attempts += 1;
              r.lastAttemptAt = now.toISOString();
              r.messageId = composed.messageId;
              delete r.nextAttemptAt;
            },
          },
        ]);
        const seq = order.indexOf(entry.email) + 1;
        try {
          const accepted = await deps.transport.send(composed.mail, { comunicado: id, seq, email: entry.email });
          outcome(entry.email, (r) => {
            r.state = 'accepted';
            r.reply = accepted.response.slice(0, 300);
            r.embargoed = composed.embargoed;
            if (deps.transport.dryRun) r.dryRun = true;
            if (accepted.file) r.file = accepted.file;
            delete r.code;
          });
        } catch (err) {
          const failure = classifySmtpError(err);
          deps.logger.info({ comunicado: id, destination, kind: failure.kind, code: 'code' in failure ? failure.code : undefined }, 'recipient not accepted');
          if (failure.kind === 'deferred') {
            outcome(entry.email, (r) => {
              r.code = failure.code;
              r.reply = failure.reply;
              const wait = retry[r.attempts - 1];
              if (wait === undefined) {
                r.state = 'refused';
                r.reason = 'gave_up';
              } else {
                r.state = 'deferred';
                r.nextAttemptAt = new Date(now.getTime() + wait * 1000).toISOString();
              }
            });
          } else if (failure.kind === 'refused') {
            outcome(entry.email, (r) => {
              r.state = 'refused';
              r.code = failure.code;
              r.reply = failure.reply;
            });
            await commit();
            await deps.directory.markFailing(entry.email, { comunicado: id, reply: failure.reply });
          } else {
            // Nothing was accepted for this person: put them back as they were.
            await commit([
              {
                email: entry.email,
                apply: (r) => {
                  r.state = before.state === 'sending' ? 'queued' : before.state;
                  r.attempts -= 1;
                  r.reply = failure.reply;
                  if (before.nextAttemptAt) r.nextAttemptAt = before.nextAttemptAt;
                },
              },
            ]);
            throw new SendStopped(failure);
          }
        }
      }
    } finally {
      await commit();
    }
    return this.record(id);
  }

  /** Cancels everyone not yet accepted (withdrawal): nothing more goes out. */
  async cancel(id: string, reason: 'withdrawn' | 'left'): Promise<void> {
    await this.update(id, (rec) => {
      for (const r of Object.values(rec.recipients)) {
        if (r.state === 'queued' || r.state === 'deferred' || r.state === 'sending') {
          r.state = 'cancelled';
          r.reason = reason;
          delete r.nextAttemptAt;
        }
      }
    });
  }

  verify(): Promise<void> {
    return this.deps.transport.verify();
  }

  close(): void {
    this.deps.transport.close();
  }
}
