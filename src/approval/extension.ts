import { DateTime } from 'luxon';
import { join } from 'node:path';
import { approvalProgress, pendingMembers, type ApprovalMember, type ApprovalProgress } from '../domain/approval-rules.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import { policyOf } from '../domain/workflow.ts';
import { EmlOutboxTransport, SmtpTransport, type MailTransport } from '../media-email/transport.ts';
import { t } from '../messages/index.ts';
import { SYSTEM } from '../publish/engine.ts';
import { destinationLabel } from '../render/chat.ts';
import { escapeHtml } from '../render/escape.ts';
import { formatWhen } from '../render/time.ts';
import { formatDuration } from '../schedule/duration.ts';
import type { Extension, Services } from '../service/extension.ts';
import { OnePass } from '../util/one-pass.ts';
import { APPROVAL_PATH, createApprovalHandler } from './http.ts';
import { ApprovalLinks } from './links.ts';
import { missingSummary } from './render.ts';

/** Per comunicado: the version the reminder and the warning were for (a new version starts over). */
interface ReminderDoc {
  sent: Record<string, { version: number; remindedAt?: string; warnedAt?: string }>;
}
const REMINDER_DOC = 'approval-reminders';

export interface ApprovalExtension extends Extension {
  links: ApprovalLinks;
  /** One pass of reminders and warnings (the timer calls it; tests too). */
  tick(): Promise<void>;
}

export interface ApprovalExtensionOptions {
  /** Replaces the mail transport (tests that observe it). */
  transport?: MailTransport;
  tickMs?: number;
}

/** When the version now waiting went to approval: its last submission or edit. */
export function waitingSince(c: Comunicado): string {
  const entry = [...c.audit].reverse().find((a) => a.action === 'submit' || a.action === 'edit');
  return entry?.at ?? c.updatedAt;
}

/** Whether `at` falls in the quiet hours of the office (from `quietFrom` until `quietUntil`). */
export function inQuietHours(at: Date, zone: string, quietFrom: number, quietUntil: number): boolean {
  const hour = DateTime.fromJSDate(at, { zone }).hour;
  if (quietFrom === quietUntil) return false;
  return quietFrom > quietUntil ? hour >= quietFrom || hour < quietUntil : hour >= quietFrom && hour < quietUntil;
}

/**
 * Approval beyond the chat: signed links to members of approval groups outside the chat
 * (by email through the media email's SMTP, or by DM), the page that records their
 * decision, and the reminders for approvals still missing.
 */
export function approvalExtension(services: Services, options: ApprovalExtensionOptions = {}): ApprovalExtension {
  const { config, store } = services;
  const log = services.logger.child({ module: 'approval' });
  const links = new ApprovalLinks(store, services.now);
  const smtpUrl = services.env.mail.smtpUrl;
  const transport: MailTransport =
    options.transport ?? (smtpUrl && !services.registry.dryRunAll ? new SmtpTransport(smtpUrl) : new EmlOutboxTransport(join(services.dataDir, 'approval')));
  const publicUrl = config.publicUrl?.replace(/\/+$/, '');
  const handler = createApprovalHandler({ services, links, origin: publicUrl ? new URL(publicUrl).origin : undefined });
  const ticks = new OnePass(() => runTick());
  const zone = config.office.timezone;
  const settings = config.approval;
  let seq = 0;

  function sender(): string {
    const contact = config.office.pressContact?.email;
    const name = config.office.name.replace(/["\r\n]/g, '');
    return services.env.mail.from || (contact ? `"${name}" <${contact}>` : 'comunicados@example.invalid');
  }

  /** Issues a link for the member and sends it; the thread hears that it went (never the link). */
  async function sendLink(c: Comunicado, member: ApprovalMember, destinations: string[], reminder: boolean): Promise<void> {
    const thread = services.comunicados.previewThread(c);
    const fail = async (detail: string) => {
      log.warn({ comunicado: c.id, member: member.key, detail }, 'approval link not sent');
      await services.chats.tryPost(c.origin.platform, thread, { text: t('approval.link.send_failed', { id: c.id, name: member.name, detail }) });
    };
    if (!publicUrl) {
      await fail(t('approval.link.no_public_url'));
      return;
    }
    const { token, expiresAt } = await links.issue({ comunicado: c.id, version: c.version, member: member.key, memberName: member.name, expiresHours: settings.links.expiresHours });
    const url = `${publicUrl}${APPROVAL_PATH}/${token}`;
    const vars = { id: c.id, title: c.content.title, destinations: destinations.map(destinationLabel).join(', '), until: formatWhen(expiresAt, zone), url, name: member.name, office: config.office.name, entity: config.office.entity };
    try {
      if (member.link === 'email' && member.email) {
        const text = t('approval.link.email_text', vars);
        const html =
          text
            .split('\n\n')
            .map((p) => (p === url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(t('approval.link.email_button'))}</a><br>${escapeHtml(url)}</p>` : `<p>${escapeHtml(p).replace(/\n/g, '<br>').replace(escapeHtml(url), `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`)}</p>`))
            .join('\n');
        await transport.send(
          {
            from: sender(),
            to: member.email,
            subject: t(reminder ? 'approval.link.reminder_subject' : 'approval.link.email_subject', vars),
            text,
            html,
            headers: { 'Auto-Submitted': 'auto-generated' },
          },
          { comunicado: c.id, seq: 900 + (++seq % 99), email: member.email },
        );
      } else if (member.link === 'dm') {
        const platform = (['slack', 'telegram', 'console'] as const).find((p) => member.chat[p] && services.chats.has(p));
        if (!platform) {
          await fail(t('approval.link.no_dm_chat'));
          return;
        }
        await services.chats.get(platform).dm(member.chat[platform]!, { text: t('approval.link.dm', vars) });
      } else return;
    } catch (err) {
      await fail(err instanceof Error ? err.message.slice(0, 200) : String(err));
      return;
    }
    log.info({ comunicado: c.id, member: member.key, via: member.link, reminder }, 'approval link sent');
    if (!reminder) {
      const how = t(member.link === 'email' ? 'approval.link.how_email' : 'approval.link.how_dm');
      await services.chats.tryPost(c.origin.platform, thread, { text: t('approval.link.sent', { id: c.id, name: member.name, how }) });
    }
  }

  async function sendLinks(c: Comunicado, progress: ApprovalProgress, reminder: boolean, only?: (m: ApprovalMember) => boolean): Promise<void> {
    for (const p of pendingMembers(progress)) {
      if (p.member.link === 'none' || (only && !only(p.member))) continue;
      await sendLink(c, p.member, p.destinations, reminder);
    }
  }

  /** Reminds, once per version, the approvers who still have to act (never in the quiet hours). */
  async function remind(c: Comunicado, progress: ApprovalProgress): Promise<void> {
    const pending = pendingMembers(progress);
    if (!pending.length) return;
    const platform = c.origin.platform;
    const mentions = pending.flatMap((p) => (p.member.link === 'none' && p.member.chat[platform] ? [p.member.chat[platform]!] : []));
    const age = formatDuration(services.now().getTime() - Date.parse(waitingSince(c)));
    await services.chats.tryPost(platform, services.comunicados.previewThread(c), {
      text: t('approval.reminder', { id: c.id, title: c.content.title, age, missing: missingSummary(progress) }),
      mentions,
    });
    await sendLinks(c, progress, true);
    await store.update(c.id, (cur) => {
      cur.audit.push({ at: services.now().toISOString(), actor: SYSTEM, action: 'approval_reminder', detail: pending.map((p) => p.member.name).join(', ') });
      return cur;
    });
  }

  async function warnAuthor(c: Comunicado, progress: ApprovalProgress): Promise<void> {
    await services.chats.tryPost(c.origin.platform, services.comunicados.authorPlace(c), {
      text: t('approval.schedule_warning', { id: c.id, when: formatWhen(c.content.publishAt!, zone), missing: missingSummary(progress) }),
      mentions: [c.author.userId],
    });
  }

  async function runTick(): Promise<void> {
    const now = services.now();
    const policy = policyOf(services.rules);
    const { afterMinutes, quietFrom, quietUntil, scheduledWarnMinutes } = settings.reminders;
    const doc = await store.readDoc<ReminderDoc>(REMINDER_DOC, { sent: {} });
    for (const s of await store.list()) {
      if (s.state !== 'pending_approval') continue;
      const c = await store.get(s.id);
      if (!c || c.state !== 'pending_approval') continue;
      const rec = doc.sent[c.id]?.version === c.version ? doc.sent[c.id]! : { version: c.version };
      const progress = approvalProgress(policy, c, now);
      let changed = false;
      const due = Date.parse(waitingSince(c)) + afterMinutes * 60_000;
      if (afterMinutes > 0 && !rec.remindedAt && now.getTime() >= due && !inQuietHours(now, zone, quietFrom, quietUntil)) {
        await remind(c, progress);
        rec.remindedAt = now.toISOString();
        changed = true;
      }
      const at = c.content.publishAt ? Date.parse(c.content.publishAt) : undefined;
      if (at !== undefined && scheduledWarnMinutes > 0 && !rec.warnedAt && now.getTime() >= at - scheduledWarnMinutes * 60_000 && now.getTime() < at) {
        await warnAuthor(c, progress);
        rec.warnedAt = now.toISOString();
        changed = true;
      }
      if (changed) {
        await store.updateDoc<ReminderDoc>(REMINDER_DOC, { sent: {} }, (d) => {
          d.sent[c.id] = rec;
          return d;
        });
      }
    }
  }

  const ext: ApprovalExtension = {
    name: 'approval',
    links,
    routes: { [APPROVAL_PATH]: handler },
    async onPreviewPosted(c: Comunicado) {
      if (c.state !== 'pending_approval') return;
      await sendLinks(c, approvalProgress(policyOf(services.rules), c, services.now()), false);
    },
    tick(): Promise<void> {
      return ticks.run();
    },
    async start() {
      ticks.every(options.tickMs ?? 60_000, () => services.tasks.run('approval reminders', () => ext.tick()));
    },
    async stop() {
      await ticks.stop();
      transport.close();
    },
  };
  return ext;
}
