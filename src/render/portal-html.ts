import type { Comunicado } from '../domain/comunicado.ts';
import { hashtagsIn } from '../domain/form.ts';
import { t } from '../messages/index.ts';
import { escapeHtml, paragraphs } from './escape.ts';

export interface OfficeInfo {
  name: string;
  entity: string;
  boilerplate: string;
  pressContact?: { name: string; email?: string; phone?: string };
  /** The office's time zone, for the dates the portal prints (a convocatoria's deadline). */
  timezone?: string;
}

export interface PortalImage {
  filename: string;
  url: string;
  alt: string;
  caption?: string;
}

/**
 * The hashtags the text does not already show: a hashtag typed in the title, lead or body
 * is read there, so the hashtags paragraph only lists the others (those given apart).
 */
export function hashtagsNotInText(content: Pick<Comunicado['content'], 'title' | 'lead' | 'body' | 'hashtags'>): string[] {
  const shown = new Set(hashtagsIn([content.title, content.lead, content.body].join('\n')).map((h) => h.toLocaleLowerCase('es')));
  return content.hashtags.filter((h) => !shown.has(h.toLocaleLowerCase('es')));
}

/**
 * The body of the comunicado for the portal: the title as `<h1>` only where the portal does
 * not print it itself (`titleInBody`), lead, paragraphs (single newlines become <br>),
 * images with their alt text, the hashtags the text does not already show, the office
 * boilerplate and press contact. Every thing is said once. Everything a person typed is
 * escaped: nothing typed becomes markup.
 */
export function renderPortalHtml(
  c: Pick<Comunicado, 'id' | 'content'>,
  office: OfficeInfo,
  images: PortalImage[] = [],
  extra: { videoUrl?: string; documents?: Array<{ filename: string; url: string }>; titleInBody?: boolean } = {},
): string {
  const out: string[] = [];
  const { lead, body } = c.content;
  const hashtags = hashtagsNotInText(c.content);
  if (extra.titleInBody) out.push(`<h1>${escapeHtml(c.content.title)}</h1>`);
  if (lead.trim()) out.push(`<p class="comunicado-entradilla"><strong>${escapeHtml(lead.trim())}</strong></p>`);
  for (const p of paragraphs(body)) out.push(`<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`);
  for (const img of images) {
    const caption = img.caption?.trim();
    out.push(
      `<figure class="comunicado-imagen"><img src="${escapeHtml(img.url)}" alt="${escapeHtml(img.alt)}">` +
        (caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '') +
        `</figure>`,
    );
  }
  if (extra.videoUrl) {
    out.push(`<p class="comunicado-video"><a href="${escapeHtml(extra.videoUrl)}">Ver el video</a></p>`);
  }
  if (extra.documents?.length) {
    out.push(
      '<ul class="comunicado-documentos">' +
        extra.documents.map((d) => `<li><a href="${escapeHtml(d.url)}">${escapeHtml(d.filename)}</a></li>`).join('') +
        '</ul>',
    );
  }
  if (hashtags.length) out.push(`<p class="comunicado-hashtags">${hashtags.map((h) => escapeHtml(`#${h}`)).join(' ')}</p>`);
  if (office.boilerplate.trim()) out.push(`<p class="comunicado-boilerplate"><em>${escapeHtml(office.boilerplate.trim())}</em></p>`);
  const pc = office.pressContact;
  if (pc) {
    const parts = [escapeHtml(pc.name)];
    if (pc.email) parts.push(`<a href="mailto:${escapeHtml(pc.email)}">${escapeHtml(pc.email)}</a>`);
    if (pc.phone) parts.push(escapeHtml(pc.phone));
    out.push(`<p class="comunicado-contacto">Contacto de prensa: ${parts.join(' · ')}</p>`);
  }
  out.push(`<p class="comunicado-id">${escapeHtml(office.name)} — ${escapeHtml(office.entity)} — ${escapeHtml(c.id)}</p>`);
  return out.join('\n');
}

/**
 * What the portal page will read like, for the approval preview in the chat: the title, the
 * lead, the paragraphs, each file with its alt text, the hashtags, the boilerplate and the
 * press contact, as plain text. The Jefe reads the page, not its HTML source; the chat
 * adapter escapes it for its own markup.
 */
export function renderPortalReading(c: Pick<Comunicado, 'id' | 'content'>, office: OfficeInfo): string {
  const { title, lead, body, attachments } = c.content;
  const out: string[] = [title.trim()];
  if (lead.trim()) out.push(lead.trim());
  out.push(...paragraphs(body));
  for (const a of attachments) {
    if (a.kind === 'image') out.push(a.alt?.trim() ? t('portal.preview.image', { file: a.filename, alt: a.alt.trim() }) : t('portal.preview.image_no_alt', { file: a.filename }));
    else if (a.kind === 'video') out.push(t('portal.preview.video', { file: a.filename }));
    else out.push(t('portal.preview.document', { file: a.filename }));
  }
  const hashtags = hashtagsNotInText(c.content);
  if (hashtags.length) out.push(hashtags.map((h) => `#${h}`).join(' '));
  if (office.boilerplate.trim()) out.push(office.boilerplate.trim());
  const pc = office.pressContact;
  if (pc) out.push(t('portal.preview.contact', { contact: [pc.name, pc.email, pc.phone].filter(Boolean).join(' · ') }));
  return out.join('\n\n');
}
