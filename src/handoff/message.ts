import type { OutMessage } from '../chat/port.ts';
import type { Comunicado } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { renderWhatsapp, waMeLink } from '../render/whatsapp.ts';
import { withUtm } from './utm.ts';

/** What one member gets to forward: the text, its share link and their tagged portal link. */
export interface MemberHandoff {
  text: string;
  waLink: string;
  portalLink: string;
}

export function memberHandoff(c: Pick<Comunicado, 'id' | 'content'>, portalUrl: string, slug: string): MemberHandoff {
  const portalLink = withUtm(portalUrl, c.id, slug);
  const text = renderWhatsapp(c, portalLink);
  return { text, waLink: waMeLink(text), portalLink };
}

function sharedButton(id: string, slug: string): NonNullable<OutMessage['buttons']> {
  return [{ id: 'handoff_shared', label: t('handoff.button_shared'), value: `${id}|${slug}`, style: 'primary' }];
}

/** The direct message after publication: the text, the one-tap link, and how to confirm. */
export function handoffMessage(c: Pick<Comunicado, 'id' | 'content'>, h: MemberHandoff, member: { slug: string; name: string }): OutMessage {
  const heading = t('handoff.heading', { id: c.id });
  const intro = t('handoff.intro', { name: member.name, title: c.content.title });
  const how = t('handoff.how_confirm');
  const open = t('handoff.open_whatsapp');
  return {
    text: [heading, intro, '', h.text, '', `${open}: ${h.waLink}`, how].join('\n'),
    sections: [{ heading, body: intro }, { heading: t('handoff.text_heading'), body: h.text }, { body: how }],
    links: [
      { label: open, url: h.waLink },
      { label: t('handoff.portal_link'), url: h.portalLink },
    ],
    buttons: sharedButton(c.id, member.slug),
  };
}

/** The same message once confirmed: no button any more, a thank-you instead. */
export function sharedMessage(c: Pick<Comunicado, 'id' | 'content'>, h: MemberHandoff, member: { slug: string; name: string }, when: string): OutMessage {
  const base = handoffMessage(c, h, member);
  const mark = t('handoff.shared_mark', { when });
  const { buttons: _drop, ...rest } = base;
  return { ...rest, text: `${base.text}\n${mark}`, sections: [...(base.sections ?? []).slice(0, 2), { body: mark }] };
}

/**
 * The gentle reminder. A member whose first message may not have arrived (the bot
 * stopped while sending it) gets the text again.
 */
export function reminderMessage(c: Pick<Comunicado, 'id' | 'content'>, h: MemberHandoff, member: { slug: string; name: string }, resend: boolean): OutMessage {
  const heading = t('handoff.reminder_heading', { id: c.id });
  const body = t('handoff.reminder', { name: member.name, title: c.content.title });
  const open = t('handoff.open_whatsapp');
  const sections: NonNullable<OutMessage['sections']> = [{ heading, body }];
  const lines = [heading, body];
  if (resend) {
    sections.push({ heading: t('handoff.reminder_resend'), body: h.text });
    lines.push('', t('handoff.reminder_resend'), h.text, '');
  }
  lines.push(`${open}: ${h.waLink}`);
  return { text: lines.join('\n'), sections, links: [{ label: open, url: h.waLink }], buttons: sharedButton(c.id, member.slug) };
}

export function withdrawnMessage(c: Pick<Comunicado, 'id' | 'content'>): OutMessage {
  return { text: t('handoff.withdrawn_notice', { id: c.id, title: c.content.title }) };
}
