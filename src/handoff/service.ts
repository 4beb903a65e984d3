import type { OutMessage } from '../chat/port.ts';
import type { Comunicado, MessageRef, Platform } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { formatWhen } from '../render/time.ts';
import type { Services } from '../service/extension.ts';
import { handoffMessage, memberHandoff, reminderMessage, sharedMessage, withdrawnMessage } from './message.ts';
import {
  FINAL,
  OPEN_DOC,
  handoffDoc,
  portalLinkOf,
  publishedTime,
  readHandoff,
  type HandoffRecord,
  type MemberRecord,
  type OpenDoc,
  type SendKind,
  type SendRecord,
} from './record.ts';
import { remindAt } from './remind-at.ts';
import { handoffRoster, memberByActor, pickAddress, type Member } from './roster.ts';
import { SendQueue } from './queue.ts';
import { classifySendError } from './send-error.ts';

/** A hand-off stays open (reminders, late confirmations found fast) at most this long. */
const OPEN_DAYS = 7;
/** Attempts for failures that prove nothing was sent (connection refused). */
const MAX_NOT_SENT = 5;

export type ConfirmOutcome = 'confirmed' | 'already' | 'not_member' | 'not_yours' | 'no_handoff' | 'closed';

/**
 * The WhatsApp hand-off (step 5 of the office procedure): after a publication with a
 * portal link, every team member gets a direct message with the WhatsApp-ready text, a
 * one-tap wa.me link and their own tagged portal link; confirmations, a reminder and
 * sending through a per-platform queue. Everything is recorded in `handoff/<id>` before
 * and after each chat call, so a restart resumes without resending.
 */
export class Handoff {
  readonly roster: Member[];
  private readonly queues = new Map<Platform, SendQueue>();
  /** Records being sent by this process, `id:slug:kind`: one sender per record. */
  private readonly inFlight = new Set<string>();
  private stopped = false;
  private readonly log;

  constructor(private readonly services: Services) {
    this.roster = handoffRoster(services.config.team);
    this.log = services.logger.child({ module: 'handoff' });
  }

  private get zone(): string {
    return this.services.config.office.timezone;
  }

  private nowIso(): string {
    return this.services.now().toISOString();
  }

  private queue(platform: Platform): SendQueue {
    let q = this.queues.get(platform);
    if (!q) {
      q = new SendQueue(this.services.config.team.sendIntervalMs[platform], this.services.now, this.services.sleep);
      this.queues.set(platform, q);
    }
    return q;
  }

  stop(): void {
    this.stopped = true;
  }

  queued(): number {
    return [...this.queues.values()].reduce((n, q) => n + q.size, 0);
  }

  // ------------------------------------------------------------------ start a hand-off

  /**
   * After a publication settles. Only published or partially published comunicados with
   * a portal link get one (the text points readers to the portal), and only once: a
   * later retry that settles again finds the record and sends nothing new.
   */
  async begin(c: Comunicado): Promise<void> {
    if (c.state !== 'published' && c.state !== 'partially_published') return;
    const portalUrl = portalLinkOf(c);
    if (!portalUrl) {
      this.log.info({ comunicado: c.id }, 'no portal link yet: no hand-off');
      return;
    }
    if (this.roster.length === 0) return;
    let created = false;
    await this.services.store.updateDoc<HandoffRecord | null>(handoffDoc(c.id), null, (doc) => {
      if (doc) return doc;
      created = true;
      return this.newRecord(c, portalUrl);
    });
    if (!created) return;
    await this.services.store.updateDoc<OpenDoc>(OPEN_DOC, { ids: [] }, (doc) => (doc.ids.includes(c.id) ? doc : { ids: [...doc.ids, c.id] }));
    this.log.info({ comunicado: c.id, members: this.roster.length }, 'hand-off started');
    this.services.tasks.run(`handoff ${c.id}`, () => this.pump(c.id));
  }

  private newRecord(c: Comunicado, portalUrl: string): HandoffRecord {
    const now = this.services.now();
    const running = this.services.chats.list().map((a) => a.platform);
    const members: Record<string, MemberRecord> = {};
    for (const m of this.roster) {
      const address = pickAddress(m, running, c.origin.platform);
      members[m.slug] = address
        ? { name: m.name, platform: address.platform, userId: address.userId, dm: { state: 'queued', attempts: 0 } }
        : { name: m.name, dm: { state: 'failed', attempts: 0, error: t('handoff.error.no_chat') } };
    }
    const team = this.services.config.team;
    return {
      id: c.id,
      title: c.content.title,
      createdAt: now.toISOString(),
      portalUrl,
      remindAt: remindAt(now, team.reminderAfterMinutes, team.quietHours || null, this.zone).toISOString(),
      members,
    };
  }

  // ------------------------------------------------------------------ sending

  /**
   * Sends every `queued` message of a hand-off (first messages, reminders, withdrawal
   * notices) through the platform queues, then posts the summary in the thread once
   * every first message has an outcome.
   */
  async pump(id: string): Promise<void> {
    const rec = await readHandoff(this.services.store, id);
    if (!rec) return;
    const jobs: Array<Promise<void>> = [];
    for (const [slug, m] of Object.entries(rec.members)) {
      for (const kind of ['dm', 'reminder', 'withdrawn'] as const) {
        const r = m[kind];
        if (r?.state !== 'queued' || !m.platform) continue;
        const key = `${id}:${slug}:${kind}`;
        if (this.inFlight.has(key)) continue;
        this.inFlight.add(key);
        const platform = m.platform;
        jobs.push(
          this.queue(platform)
            .run(() => this.sendOne(id, slug, kind))
            .catch((err) => this.log.error({ err, comunicado: id, member: slug, kind }, 'hand-off message failed'))
            .finally(() => this.inFlight.delete(key)),
        );
      }
    }
    await Promise.all(jobs);
    await this.postSummary(id);
  }

  private async updateRecord(id: string, fn: (rec: HandoffRecord) => void): Promise<HandoffRecord> {
    const rec = await this.services.store.updateDoc<HandoffRecord | null>(handoffDoc(id), null, (doc) => {
      if (doc) fn(doc);
      return doc;
    });
    return rec!;
  }

  private async setSend(id: string, slug: string, kind: SendKind, change: (r: SendRecord) => void): Promise<void> {
    await this.updateRecord(id, (rec) => {
      const r = rec.members[slug]?.[kind];
      if (r) change(r);
    });
  }

  /** One message to one member, inside the platform queue. Never sends a record twice. */
  private async sendOne(id: string, slug: string, kind: SendKind): Promise<void> {
    if (this.stopped) return; // stays `queued`: the next start sends it
    const rec = await readHandoff(this.services.store, id);
    const m = rec?.members[slug];
    if (!rec || !m || m[kind]?.state !== 'queued' || !m.platform || !m.userId) return;
    if (rec.withdrawnAt && kind !== 'withdrawn') {
      await this.setSend(id, slug, kind, (r) => void (r.state = 'cancelled'));
      return;
    }
    const message = await this.build(rec, slug, kind);
    if (!message) return;
    const platform = m.platform;
    const q = this.queue(platform);
    const maxWaitMs = this.services.config.team.maxWaitMinutes * 60_000;
    let waited = 0;
    let notSent = 0;
    for (;;) {
      await q.gate();
      if (this.stopped) return;
      // Persisted BEFORE the chat call: a crash from here on is never resent blindly.
      await this.setSend(id, slug, kind, (r) => {
        r.state = 'sending';
        r.attempts += 1;
      });
      let ref: MessageRef;
      try {
        ref = await this.services.chats.get(platform).dm(m.userId, message);
      } catch (err) {
        const f = classifySendError(err, this.services.now());
        const retryIn = f.kind === 'rate_limited' ? f.waitMs : f.kind === 'not_sent' && ++notSent < MAX_NOT_SENT ? 1000 * 2 ** notSent : undefined;
        if (retryIn !== undefined && waited + retryIn <= maxWaitMs) {
          await this.setSend(id, slug, kind, (r) => void (r.state = 'queued'));
          this.log.info({ comunicado: id, member: slug, kind, waitMs: retryIn, reason: f.kind }, 'chat asked to wait');
          waited += retryIn;
          await q.hold(retryIn);
          continue;
        }
        const error =
          f.kind === 'rate_limited'
            ? t('handoff.error.rate_limited', { minutes: this.services.config.team.maxWaitMinutes })
            : t('handoff.error.refused', { detail: f.detail });
        await this.setSend(id, slug, kind, (r) => {
          r.state = f.kind === 'unknown' ? 'unknown' : 'failed';
          r.error = error;
          r.at = this.nowIso();
        });
        this.log.warn({ comunicado: id, member: slug, kind, outcome: f.kind }, 'hand-off message not delivered');
        return;
      }
      await this.setSend(id, slug, kind, (r) => {
        r.state = 'sent';
        r.at = this.nowIso();
        r.message = ref;
        delete r.error;
      });
      return;
    }
  }

  private async build(rec: HandoffRecord, slug: string, kind: SendKind): Promise<OutMessage | undefined> {
    const c = await this.services.store.get(rec.id);
    if (!c) return undefined;
    const member = { slug, name: rec.members[slug]!.name };
    if (kind === 'withdrawn') return withdrawnMessage(c);
    const h = memberHandoff(c, rec.portalUrl, slug);
    if (kind === 'dm') return handoffMessage(c, h, member);
    return reminderMessage(c, h, member, rec.members[slug]!.dm.state === 'unknown');
  }

  /** One line in the comunicado's thread once every first message has an outcome. */
  private async postSummary(id: string): Promise<void> {
    const rec = await readHandoff(this.services.store, id);
    if (!rec || rec.summaryPostedAt) return;
    const members = Object.values(rec.members);
    if (members.some((m) => !FINAL.includes(m.dm.state))) return;
    const c = await this.services.store.get(id);
    if (!c) return;
    await this.updateRecord(id, (r) => void (r.summaryPostedAt = this.nowIso()));
    const sent = members.filter((m) => m.dm.state === 'sent');
    const lines = [t('handoff.summary', { id, sent: sent.length, total: members.length })];
    const failed = members.filter((m) => m.dm.state === 'failed');
    const unknown = members.filter((m) => m.dm.state === 'unknown');
    if (failed.length) lines.push(t('handoff.summary_failed', { list: failed.map((m) => `${m.name} (${m.dm.error ?? ''})`).join('; ') }));
    if (unknown.length) lines.push(t('handoff.summary_unknown', { list: unknown.map((m) => m.name).join(', ') }));
    await this.services.chats.tryPost(c.origin.platform, this.services.comunicados.previewThread(c), { text: lines.join('\n') });
  }

  // ------------------------------------------------------------------ reminders, restarts

  /** Ids whose hand-off still has work. */
  private async openIds(): Promise<string[]> {
    return (await this.services.store.readDoc<OpenDoc>(OPEN_DOC, { ids: [] })).ids;
  }

  /**
   * At start-up: messages that were being sent when the bot stopped become `unknown`
   * (never resent blindly); hand-offs missed because the bot stopped right after a
   * publication start now; then everything queued is sent.
   */
  async recover(): Promise<void> {
    for (const id of await this.openIds()) {
      await this.updateRecord(id, (rec) => {
        for (const m of Object.values(rec.members)) {
          for (const kind of ['dm', 'reminder', 'withdrawn'] as const) {
            const r = m[kind];
            if (r?.state === 'sending') {
              r.state = 'unknown';
              r.error = t('handoff.error.interrupted');
            }
          }
        }
      }).catch((err) => this.log.warn({ err, comunicado: id }, 'hand-off record not recovered'));
    }
    await this.catchUp();
    await this.sweep();
  }

  private async catchUp(): Promise<void> {
    const hours = this.services.config.team.catchUpHours;
    if (!hours || this.roster.length === 0) return;
    const since = this.services.now().getTime() - hours * 3_600_000;
    for (const sum of await this.services.store.list()) {
      if (sum.state !== 'published' && sum.state !== 'partially_published') continue;
      if (Date.parse(sum.updatedAt) < since) continue;
      if (await readHandoff(this.services.store, sum.id)) continue;
      const c = await this.services.store.get(sum.id);
      const at = c && publishedTime(c);
      if (!c || !at || Date.parse(at) < since) continue;
      await this.begin(c);
    }
  }

  /**
   * The periodic pass: starts due reminders (to members who got the message and did not
   * confirm), sends whatever is queued, and closes hand-offs with nothing left to do.
   */
  async sweep(): Promise<void> {
    const now = this.services.now().getTime();
    const done: string[] = [];
    for (const id of await this.openIds()) {
      let rec = await readHandoff(this.services.store, id);
      if (!rec) {
        done.push(id);
        continue;
      }
      if (!rec.reminderStartedAt && !rec.withdrawnAt && Date.parse(rec.remindAt) <= now) {
        rec = await this.updateRecord(id, (r) => {
          if (r.reminderStartedAt) return;
          r.reminderStartedAt = new Date(now).toISOString();
          for (const m of Object.values(r.members)) {
            if (!m.confirmedAt && (m.dm.state === 'sent' || m.dm.state === 'unknown')) m.reminder = { state: 'queued', attempts: 0 };
          }
        });
      }
      const members = Object.values(rec.members);
      const pending = members.some((m) => [m.dm, m.reminder, m.withdrawn].some((r) => r && !FINAL.includes(r.state)));
      // Nobody left to remind: everyone confirmed or could not be reached at all.
      const nobodyLeft = members.every((m) => m.confirmedAt || m.dm.state === 'failed' || m.dm.state === 'cancelled');
      const expired = now - Date.parse(rec.createdAt) > OPEN_DAYS * 86_400_000;
      if (expired || (!pending && (rec.reminderStartedAt || rec.withdrawnAt || nobodyLeft))) done.push(id);
      else if (pending) this.services.tasks.run(`handoff ${id}`, () => this.pump(id));
    }
    if (done.length) {
      await this.services.store.updateDoc<OpenDoc>(OPEN_DOC, { ids: [] }, (doc) => ({ ids: doc.ids.filter((x) => !done.includes(x)) }));
    }
  }

  // ------------------------------------------------------------------ confirmations

  /** "Ya lo compartí" (button) or ✅ on the message: records who shared. */
  async confirm(id: string, actor: { platform: Platform; userId: string }, via: 'button' | 'reaction', slugHint?: string): Promise<{ outcome: ConfirmOutcome; name?: string }> {
    // Only the member who presses is credited: the slug in a button value is a hint that
    // must match them, never a way to record someone else's sharing.
    const byActor = memberByActor(this.roster, actor.platform, actor.userId);
    if (!byActor) {
      if (slugHint) this.log.warn({ comunicado: id, platform: actor.platform, actor: actor.userId, member: slugHint }, 'hand-off confirmation refused: not that member');
      return { outcome: 'not_member' };
    }
    if (slugHint && slugHint !== byActor.slug) {
      this.log.warn({ comunicado: id, member: byActor.slug, pressed: slugHint }, "hand-off confirmation refused: another member's button");
      return { outcome: 'not_yours' };
    }
    const slug = byActor.slug;
    const rec = await readHandoff(this.services.store, id);
    const m = rec?.members[slug];
    if (!rec || !m) return { outcome: 'no_handoff' };
    if (rec.withdrawnAt) return { outcome: 'closed', name: m.name };
    if (m.confirmedAt) return { outcome: 'already', name: m.name };
    const at = this.nowIso();
    await this.updateRecord(id, (r) => {
      const x = r.members[slug];
      if (x && !x.confirmedAt) {
        x.confirmedAt = at;
        x.confirmedVia = via;
      }
    });
    this.log.info({ comunicado: id, member: slug, via }, 'hand-off confirmed');
    await this.markShared(rec, slug, at);
    return { outcome: 'confirmed', name: m.name };
  }

  /** Edits the member's message: the button goes, a thank-you stays. Best effort. */
  private async markShared(rec: HandoffRecord, slug: string, at: string): Promise<void> {
    const ref = rec.members[slug]?.dm.message;
    const c = await this.services.store.get(rec.id);
    if (!ref || !c || !this.services.chats.has(ref.platform)) return;
    const member = { slug, name: rec.members[slug]!.name };
    await this.services.chats
      .update(ref, sharedMessage(c, memberHandoff(c, rec.portalUrl, slug), member, formatWhen(at, this.zone)))
      .catch((err) => this.log.warn({ err, comunicado: rec.id }, 'hand-off message not updated'));
  }

  /** The hand-off a chat message belongs to (for a ✅ reaction), among recent ones. */
  async findByMessage(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): Promise<{ id: string; slug: string } | undefined> {
    const since = this.services.now().getTime() - 2 * OPEN_DAYS * 86_400_000;
    const ids = new Set(await this.openIds());
    for (const sum of await this.services.store.list()) {
      if ((sum.state === 'published' || sum.state === 'partially_published') && Date.parse(sum.updatedAt) >= since) ids.add(sum.id);
    }
    for (const id of ids) {
      const rec = await readHandoff(this.services.store, id);
      for (const [slug, m] of Object.entries(rec?.members ?? {})) {
        for (const r of [m.dm, m.reminder]) {
          const msg = r?.message;
          if (msg && msg.platform === ref.platform && msg.channel === ref.channel && msg.messageId === ref.messageId) return { id, slug };
        }
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------------ withdrawal

  /** A withdrawn comunicado: nothing more goes out, and those who got it are told to stop. */
  async withdraw(c: Comunicado): Promise<void> {
    const rec = await readHandoff(this.services.store, c.id);
    if (!rec || rec.withdrawnAt) return;
    await this.updateRecord(c.id, (r) => {
      r.withdrawnAt = this.nowIso();
      for (const m of Object.values(r.members)) {
        for (const kind of ['dm', 'reminder'] as const) {
          const x = m[kind];
          if (x?.state === 'queued') x.state = 'cancelled';
        }
        if (m.dm.state === 'sent' || m.dm.state === 'unknown') m.withdrawn = { state: 'queued', attempts: 0 };
      }
    });
    await this.services.store.updateDoc<OpenDoc>(OPEN_DOC, { ids: [] }, (doc) => (doc.ids.includes(c.id) ? doc : { ids: [...doc.ids, c.id] }));
    this.services.tasks.run(`handoff withdrawn ${c.id}`, () => this.pump(c.id));
  }
}
