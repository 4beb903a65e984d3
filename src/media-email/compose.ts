import { createHash } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import type { Comunicado } from '../domain/comunicado.ts';
import type { OfficeInfo } from '../render/portal-html.ts';
import type { PreparedAttachments } from './attachments.ts';
import { oneLine } from './contacts.ts';
import { emailHtml, emailSubject, emailText, type EmailView } from './render.ts';

/** Who the messages come from; built once from MAIL_FROM and the office config. */
export interface SenderIdentity {
  /** MAIL_FROM as given (`"Prensa Alcaldía" <prensa@ibague.gov.co>` or a bare address). */
  from: string;
  /** The press contact: replies from journalists go to a person, not to the bot. */
  replyTo?: { name: string; address: string };
  /** Domain for Message-ID and List-Id. */
  domain: string;
}

export interface Recipient {
  email: string;
  name: string;
  outlet: string;
  /** The contact's unsubscribe secret. */
  token: string;
}

export interface UnsubscribeLinks {
  /** Base URL of the one-click handler; the token goes in `?t=`. */
  url?: string;
  /** Address a person reads unsubscribe requests at. */
  mailto?: string;
}

export interface ComposeInput {
  c: Comunicado;
  office: OfficeInfo;
  timezone: string;
  now: Date;
  recipient: Recipient;
  prepared: PreparedAttachments;
  portal?: { url: string; media?: Array<{ filename: string; url: string }> };
  unsubscribe: UnsubscribeLinks;
  sender: SenderIdentity;
}

export interface ComposedMail {
  mail: SendMailOptions;
  messageId: string;
  embargoed: boolean;
}

/** The domain of an address in MAIL_FROM (`Name <a@b.c>` or `a@b.c`). */
export function domainOf(from: string): string | undefined {
  const m = /@([A-Za-z0-9.-]+\.[A-Za-z]{2,})>?\s*$/.exec(from.trim());
  return m?.[1]?.toLowerCase();
}

/**
 * The same Message-ID for the same comunicado and person, every time: if a restart ever
 * resends a message whose acceptance was not recorded, mail clients see one message.
 * The address is hashed so the id does not carry it.
 */
export function messageIdFor(id: string, email: string, domain: string): string {
  const h = createHash('sha256').update(`${id}\n${email}`).digest('hex').slice(0, 20);
  return `<${id.toLowerCase()}.${h}@${domain}>`;
}

export function unsubscribeUrl(base: string, token: string): string {
  const u = new URL(base);
  u.searchParams.set('t', token);
  return u.href;
}

/** A press-office mailbox reads it: the subject names who wants to leave. */
export function unsubscribeMailto(address: string, email: string): string {
  return `mailto:${address}?subject=${encodeURIComponent(`baja ${email}`)}`;
}

/** An image's portal copy, matched by its original filename. */
function portalUrlOf(portal: ComposeInput['portal'], filename: string): string | undefined {
  return portal?.media?.find((m) => m.filename === filename)?.url;
}

/**
 * One message for one person: they are its only recipient (no list in To, no Bcc), so
 * nobody sees another address. Embargoed when it leaves before the comunicado's public
 * time. The message reads no file or URL on its own (everything is passed as content).
 */
export function composeMail(input: ComposeInput): ComposedMail {
  const { c, recipient, prepared, portal, sender } = input;
  const publishAt = c.content.publishAt;
  const embargoed = !!publishAt && Date.parse(publishAt) > input.now.getTime();
  const unsubscribe = {
    ...(input.unsubscribe.url ? { url: unsubscribeUrl(input.unsubscribe.url, recipient.token) } : {}),
    ...(input.unsubscribe.mailto ? { mailto: input.unsubscribe.mailto } : {}),
  };
  const view: EmailView = {
    id: c.id,
    title: c.content.title,
    lead: c.content.lead,
    body: c.content.body,
    hashtags: c.content.hashtags,
    office: input.office,
    timezone: input.timezone,
    ...(embargoed ? { embargoUntil: publishAt! } : {}),
    ...(portal?.url ? { portalUrl: portal.url } : {}),
    photos: prepared.photos.map((p) => {
      const original = portalUrlOf(portal, p.source.filename);
      return {
        filename: p.filename,
        alt: p.source.alt ?? '',
        ...(p.source.caption ? { caption: p.source.caption } : {}),
        ...(original ? { originalUrl: original } : {}),
      };
    }),
    documents: prepared.documents.map((d) => {
      const url = portalUrlOf(portal, d.source.filename);
      return { filename: d.filename, attached: d.attached, ...(url ? { url } : {}) };
    }),
    videos: prepared.videos.map((v) => {
      const url = portalUrlOf(portal, v.filename);
      return { filename: v.filename, ...(url ? { url } : {}) };
    }),
    unsubscribe,
    recipient: { outlet: recipient.outlet },
  };
  const messageId = messageIdFor(c.id, recipient.email, sender.domain);
  const listUnsubscribe: string[] = [];
  if (unsubscribe.url) listUnsubscribe.push(unsubscribe.url);
  if (unsubscribe.mailto) listUnsubscribe.push(unsubscribeMailto(unsubscribe.mailto, recipient.email));
  const headers: Record<string, string> = { 'X-Comunicado-Id': c.id };
  // RFC 8058 one-click: only an https/http handler can honour it, a mailbox cannot.
  if (unsubscribe.url) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  const mail: SendMailOptions = {
    from: sender.from,
    to: { name: oneLine(recipient.name), address: recipient.email },
    ...(sender.replyTo ? { replyTo: { name: oneLine(sender.replyTo.name), address: sender.replyTo.address } } : {}),
    subject: emailSubject(view),
    messageId,
    date: input.now,
    text: emailText(view),
    html: emailHtml(view),
    attachments: prepared.files.map((f) => ({ filename: f.filename, content: f.content, contentType: f.contentType })),
    headers,
    list: {
      id: { url: `comunicados.${sender.domain}`, comment: oneLine(input.office.name) },
      // One List-Unsubscribe header with every method, as RFC 2369 and mail providers expect.
      ...(listUnsubscribe.length ? { unsubscribe: [listUnsubscribe] } : {}),
    },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  return { mail, messageId, embargoed };
}
