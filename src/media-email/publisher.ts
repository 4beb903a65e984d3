import { pathToFileURL } from 'node:url';
import type { Comunicado, Delivery, Destination } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { PublishError, type AccessReport, type DestinationPreview, type PublishContext, type Publisher, type PublishResult, type WithdrawResult } from '../publish/port.ts';
import { ALL_SEGMENTS } from './config.ts';
import { recipientsOf, type MediaContact } from './contacts.ts';
import { countsOf, deliveryMeta, summaryOf, type SendRecord } from './record.ts';
import { emailSubject } from './render.ts';
import { SendStopped, type MediaSender } from './sender.ts';
import { classifySmtpError, EmlOutboxTransport } from './transport.ts';

export interface EmailPublisherDeps {
  sender: MediaSender;
  /** Every segment a destination may name. */
  segments: string[];
  timezone: string;
  /** The dry-run transport, to say where its .eml files are. */
  outbox?: EmlOutboxTransport;
  /** Contacts snapshot for previews (the preview is synchronous). */
  contactsCache(): MediaContact[];
  now(): Date;
}

/**
 * The `email:<segment>` destinations. A publish plans the recipients once, sends to all
 * of them (one message each) and returns the counts; 4xx recipients are retried later by
 * the media extension, not by holding the engine. After a restart `reconcile` does not
 * send anything: it confirms the recipients are planned and reports the counts, and the
 * extension resumes exactly the people without a recorded outcome.
 */
export class EmailPublisher implements Publisher {
  readonly dryRun: boolean;

  constructor(
    readonly destination: Destination,
    private readonly deps: EmailPublisherDeps,
  ) {
    this.dryRun = deps.sender.dryRun;
  }

  private get segment(): string {
    return this.destination.slice('email:'.length);
  }

  private checkSegment(): void {
    if (this.segment !== ALL_SEGMENTS && !this.deps.segments.includes(this.segment)) {
      throw new PublishError('failed', 'unknown_segment', t('media_email.publish.unknown_segment', { segment: this.segment, segments: this.deps.segments.join(', ') }));
    }
  }

  private result(c: Comunicado, record: SendRecord, note?: string): PublishResult {
    const meta: Record<string, unknown> = deliveryMeta(record, this.destination);
    if (note) meta.summary = `${meta.summary as string} · ${note}`;
    // There is no public URL for an email; the dry run points at its .eml folder.
    const url = this.deps.outbox ? pathToFileURL(`${this.deps.outbox.folder(c.id)}/`).href : '';
    return { remoteId: `${this.destination}:${c.id}`, url, meta };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    this.checkSegment();
    return this.deps.sender.withLock(c.id, async () => {
      const { segmentSize, record } = await this.deps.sender.plan(c, this.destination);
      if (segmentSize === 0) {
        throw new PublishError('failed', 'no_recipients', t('media_email.publish.no_recipients', { segment: this.segment, id: c.id }));
      }
      const mine = countsOf(record, this.destination);
      ctx.progress(t('media_email.progress', { done: 0, total: mine.total }));
      let final: SendRecord;
      try {
        final = await this.deps.sender.sendDue(c.id, this.destination, {
          ...(ctx.portal ? { portal: ctx.portal } : {}),
          onProgress: (n) => {
            const done = n.accepted + n.deferred + n.refused + n.cancelled;
            if (done % 10 === 0 || done === n.total) ctx.progress(t('media_email.progress', { done, total: n.total }));
          },
        });
      } catch (err) {
        const record = await this.deps.sender.record(c.id);
        // Under embargo a failed delivery would offer /reintentar, and a retry publishes
        // everything now: the people not reached stay queued and the extension keeps
        // trying on its own (one attempt per check) until the server answers.
        if (err instanceof SendStopped && c.state === 'scheduled') return this.result(c, record, t('media_email.summary.waiting_server'));
        throw toPublishError(err, c.id, countsOf(record, this.destination));
      }
      const counts = countsOf(final, this.destination);
      return this.result(c, final, counts.total === 0 ? t('media_email.summary.covered') : undefined);
    });
  }

  /**
   * An interrupted publish: the recipients are planned (or planned now) and the people
   * without a recorded outcome are left to the extension, which sends to them right after
   * start-up. Nothing is sent from here, so start-up is not held by a long send.
   */
  async reconcile(c: Comunicado): Promise<PublishResult | null> {
    if (this.segment !== ALL_SEGMENTS && !this.deps.segments.includes(this.segment)) return null;
    return this.deps.sender.withLock(c.id, async () => {
      const { segmentSize, record } = await this.deps.sender.plan(c, this.destination);
      if (segmentSize === 0) return null;
      return this.result(c, record);
    });
  }

  /** Sent email cannot be recalled; the people not reached yet are cancelled. */
  async withdraw(c: Comunicado, _d: Delivery): Promise<WithdrawResult> {
    await this.deps.sender.cancel(c.id, 'withdrawn');
    const n = countsOf(await this.deps.sender.record(c.id), this.destination);
    return { outcome: 'manual', detail: t('media_email.withdraw', { accepted: n.accepted }) };
  }

  /** Connects and authenticates to the SMTP server without sending anything. */
  async checkAccess(): Promise<AccessReport> {
    if (this.dryRun) return { destination: this.destination, ok: true, detail: t('media_email.access.dry_run') };
    try {
      await this.deps.sender.verify();
      return { destination: this.destination, ok: true, detail: t('media_email.access.smtp') };
    } catch (err) {
      return { destination: this.destination, ok: false, detail: t('media_email.access.smtp_bad', { detail: classifySmtpError(err).reply.slice(0, 120) }) };
    }
  }

  preview(c: Comunicado): DestinationPreview {
    const warnings: string[] = [];
    let count = 0;
    if (this.segment !== ALL_SEGMENTS && !this.deps.segments.includes(this.segment)) {
      warnings.push(t('media_email.publish.unknown_segment', { segment: this.segment, segments: this.deps.segments.join(', ') }));
    } else {
      count = recipientsOf(this.deps.contactsCache(), this.segment).length;
      if (count === 0) warnings.push(t('media_email.preview.empty', { segment: this.segment }));
    }
    const publishAt = c.content.publishAt;
    const embargoUntil = publishAt && Date.parse(publishAt) > this.deps.now().getTime() ? publishAt : undefined;
    const subject = emailSubject({
      id: c.id,
      title: c.content.title,
      lead: '',
      body: '',
      hashtags: [],
      office: { name: '', entity: '', boilerplate: '' },
      timezone: this.deps.timezone,
      ...(embargoUntil ? { embargoUntil } : {}),
      photos: [],
      documents: [],
      videos: [],
      unsubscribe: {},
      recipient: { outlet: '' },
    });
    const lines = [t('media_email.preview.recipients', { count, segment: this.segment }), t('media_email.preview.subject', { subject })];
    if (embargoUntil) lines.push(t('media_email.preview.embargo'));
    return { destination: this.destination, text: lines.join('\n'), warnings, dryRun: this.dryRun };
  }
}

/** Maps a stopped send to what the engine may do: retry later, or wait for a person. */
function toPublishError(err: unknown, id: string, counts: ReturnType<typeof countsOf>): PublishError {
  if (!(err instanceof SendStopped)) {
    return new PublishError('failed', 'email_unexpected', t('media_email.publish.unexpected', { detail: (err as Error)?.message?.slice(0, 120) ?? 'error', id }), { cause: err });
  }
  const so_far = summaryOf(counts);
  const f = err.failure;
  switch (f.kind) {
    case 'connection':
      return new PublishError('retryable', 'smtp_unavailable', t('media_email.publish.smtp_down', { detail: f.reply.slice(0, 120), so_far }));
    case 'no_sender':
      return new PublishError('failed', 'mail_from_missing', t('media_email.publish.no_sender', { id }));
    case 'config':
      return f.auth
        ? new PublishError('failed', 'smtp_auth', t('media_email.publish.smtp_auth', { detail: f.reply.slice(0, 120), id, so_far }), { accountUnhealthy: true })
        : new PublishError('failed', 'smtp_sender_refused', t('media_email.publish.sender_refused', { detail: f.reply.slice(0, 120), id, so_far }));
  }
}
