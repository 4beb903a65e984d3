import { t } from '../messages/index.ts';
import { escapeHtml, paragraphs } from '../render/escape.ts';
import type { OfficeInfo } from '../render/portal-html.ts';
import { formatWhen } from '../render/time.ts';
import { oneLine } from './contacts.ts';

/** Everything one email shows; built per recipient by compose.ts. */
export interface EmailView {
  id: string;
  title: string;
  lead: string;
  body: string;
  hashtags: string[];
  office: OfficeInfo;
  timezone: string;
  /** Set when the message leaves before the public time: the embargo instant (ISO). */
  embargoUntil?: string;
  portalUrl?: string;
  photos: Array<{ filename: string; alt: string; caption?: string; originalUrl?: string }>;
  documents: Array<{ filename: string; attached: boolean; url?: string }>;
  /** Videos are never attached; linked when the portal has them. */
  videos: Array<{ filename: string; url?: string }>;
  unsubscribe: { url?: string; mailto?: string };
  recipient: { outlet: string };
}

function embargoLine(v: EmailView): string | undefined {
  return v.embargoUntil ? t('media_email.email.embargo', { when: formatWhen(v.embargoUntil, v.timezone) }) : undefined;
}

/**
 * The subject, always one line: a title carrying CR/LF (pasted from elsewhere, or
 * hostile) must never start a header of its own.
 */
export function emailSubject(v: EmailView): string {
  const title = oneLine(v.title);
  return v.embargoUntil ? t('media_email.email.subject_embargo', { when: formatWhen(v.embargoUntil, v.timezone), title }) : title;
}

function unsubscribeMailto(address: string): string {
  return `mailto:${address}?subject=${encodeURIComponent('baja')}`;
}

/**
 * The accessible HTML part: language declared, one h1, real headings and lists, link
 * texts that say where they go, no layout tables, no images inside the body (photos are
 * attachments described by their alt text), colours with enough contrast. Everything a
 * person typed is escaped.
 */
export function emailHtml(v: EmailView): string {
  const e = escapeHtml;
  const out: string[] = [];
  const embargo = embargoLine(v);
  if (embargo) {
    out.push(`<p style="margin:0 0 16px;padding:8px 12px;border:2px solid #a30000;color:#a30000;font-weight:bold">${e(embargo)}</p>`);
  }
  out.push(`<p style="margin:0 0 8px;font-size:14px;color:#444444">${e(t('media_email.email.kicker', { entity: v.office.entity, id: v.id }))}</p>`);
  out.push(`<h1 style="margin:0 0 16px;font-size:24px;line-height:1.3">${e(oneLine(v.title))}</h1>`);
  if (v.lead.trim()) out.push(`<p><strong>${e(v.lead.trim())}</strong></p>`);
  for (const p of paragraphs(v.body)) out.push(`<p>${e(p).replace(/\n/g, '<br>\n')}</p>`);
  if (v.portalUrl) {
    out.push(`<p><a href="${e(v.portalUrl)}" style="color:#0b4f9c">${e(t('media_email.email.portal_link', { entity: v.office.entity }))}</a></p>`);
  } else if (v.embargoUntil) {
    out.push(`<p>${e(t('media_email.email.portal_later', { when: formatWhen(v.embargoUntil, v.timezone) }))}</p>`);
  }
  if (v.photos.length) {
    out.push(`<h2 style="font-size:18px">${e(t('media_email.email.photos_heading'))}</h2>`);
    out.push(
      '<ul>' +
        v.photos
          .map((p) => {
            const caption = p.caption?.trim() ? ` ${e(p.caption.trim())}` : '';
            const original = p.originalUrl ? ` — <a href="${e(p.originalUrl)}" style="color:#0b4f9c">${e(t('media_email.email.photo_original', { file: p.filename }))}</a>` : '';
            return `<li><strong>${e(p.filename)}</strong>: ${e(p.alt)}${caption}${original}</li>`;
          })
          .join('') +
        '</ul>',
    );
  }
  if (v.documents.length || v.videos.length) {
    out.push(`<h2 style="font-size:18px">${e(t('media_email.email.documents_heading'))}</h2>`);
    const items = [
      ...v.documents.map((d) =>
        d.attached
          ? `<li>${e(d.filename)} ${e(t('media_email.email.attached'))}</li>`
          : d.url
            ? `<li><a href="${e(d.url)}" style="color:#0b4f9c">${e(d.filename)}</a></li>`
            : `<li>${e(d.filename)} ${e(t('media_email.email.on_portal'))}</li>`,
      ),
      ...v.videos.map((d) =>
        d.url ? `<li><a href="${e(d.url)}" style="color:#0b4f9c">${e(t('media_email.email.video', { file: d.filename }))}</a></li>` : `<li>${e(t('media_email.email.video', { file: d.filename }))} ${e(t('media_email.email.on_portal'))}</li>`,
      ),
    ];
    out.push(`<ul>${items.join('')}</ul>`);
  }
  if (v.hashtags.length) out.push(`<p>${v.hashtags.map((h) => e(`#${h}`)).join(' ')}</p>`);
  if (v.office.boilerplate.trim()) out.push(`<p><em>${e(v.office.boilerplate.trim())}</em></p>`);
  out.push('<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0">');
  const pc = v.office.pressContact;
  if (pc) {
    const parts = [e(pc.name)];
    if (pc.email) parts.push(`<a href="mailto:${e(pc.email)}" style="color:#0b4f9c">${e(pc.email)}</a>`);
    if (pc.phone) parts.push(e(pc.phone));
    out.push(`<p>${e(t('media_email.email.contact'))} ${parts.join(' · ')}</p>`);
  }
  const why = e(t('media_email.email.why', { office: v.office.name, entity: v.office.entity, outlet: v.recipient.outlet }));
  const leave: string[] = [];
  if (v.unsubscribe.url) leave.push(`<a href="${e(v.unsubscribe.url)}" style="color:#0b4f9c">${e(t('media_email.email.unsubscribe_link'))}</a>`);
  if (v.unsubscribe.mailto) {
    leave.push(e(t('media_email.email.unsubscribe_mail', { address: v.unsubscribe.mailto })).replace(e(v.unsubscribe.mailto), `<a href="${e(unsubscribeMailto(v.unsubscribe.mailto))}" style="color:#0b4f9c">${e(v.unsubscribe.mailto)}</a>`));
  }
  out.push(`<p style="font-size:13px;color:#444444">${why}${leave.length ? ` ${leave.join(' ')}` : ''}</p>`);

  const title = e(oneLine(v.title));
  return [
    '<!DOCTYPE html>',
    '<html lang="es-CO">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    `<div role="article" aria-label="${title}" lang="es-CO" style="max-width:640px;margin:0 auto;padding:24px">`,
    ...out,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

/** The plain-text alternative: the same content, in the same order, readable as is. */
export function emailText(v: EmailView): string {
  const out: string[] = [];
  const embargo = embargoLine(v);
  if (embargo) out.push(embargo);
  out.push(t('media_email.email.kicker', { entity: v.office.entity, id: v.id }));
  out.push(oneLine(v.title));
  if (v.lead.trim()) out.push(v.lead.trim());
  out.push(...paragraphs(v.body));
  if (v.portalUrl) out.push(`${t('media_email.email.portal_link', { entity: v.office.entity })}: ${v.portalUrl}`);
  else if (v.embargoUntil) out.push(t('media_email.email.portal_later', { when: formatWhen(v.embargoUntil, v.timezone) }));
  if (v.photos.length) {
    out.push(
      [
        `${t('media_email.email.photos_heading')}:`,
        ...v.photos.map((p) => {
          const caption = p.caption?.trim() ? ` ${p.caption.trim()}` : '';
          const original = p.originalUrl ? ` (${t('media_email.email.photo_original', { file: p.filename })}: ${p.originalUrl})` : '';
          return `- ${p.filename}: ${p.alt}${caption}${original}`;
        }),
      ].join('\n'),
    );
  }
  if (v.documents.length || v.videos.length) {
    out.push(
      [
        `${t('media_email.email.documents_heading')}:`,
        ...v.documents.map((d) => `- ${d.filename} ${d.attached ? t('media_email.email.attached') : d.url ? `: ${d.url}` : t('media_email.email.on_portal')}`),
        ...v.videos.map((d) => `- ${t('media_email.email.video', { file: d.filename })}${d.url ? `: ${d.url}` : ` ${t('media_email.email.on_portal')}`}`),
      ].join('\n'),
    );
  }
  if (v.hashtags.length) out.push(v.hashtags.map((h) => `#${h}`).join(' '));
  if (v.office.boilerplate.trim()) out.push(v.office.boilerplate.trim());
  const footer: string[] = ['--'];
  const pc = v.office.pressContact;
  if (pc) footer.push(`${t('media_email.email.contact')} ${[pc.name, pc.email, pc.phone].filter(Boolean).join(' · ')}`);
  footer.push(t('media_email.email.why', { office: v.office.name, entity: v.office.entity, outlet: v.recipient.outlet }));
  if (v.unsubscribe.url) footer.push(`${t('media_email.email.unsubscribe_link')}: ${v.unsubscribe.url}`);
  if (v.unsubscribe.mailto) footer.push(t('media_email.email.unsubscribe_mail', { address: v.unsubscribe.mailto }));
  out.push(footer.join('\n'));
  return `${out.join('\n\n')}\n`;
}
