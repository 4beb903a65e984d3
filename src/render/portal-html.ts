import type { Comunicado } from '../domain/comunicado.ts';
import { escapeHtml, paragraphs } from './escape.ts';

export interface OfficeInfo {
  name: string;
  entity: string;
  boilerplate: string;
  pressContact?: { name: string; email?: string; phone?: string };
}

export interface PortalImage {
  filename: string;
  url: string;
  alt: string;
  caption?: string;
}

/**
 * The body of the comunicado for the portal: lead, paragraphs (single newlines become
 * <br>), images with their alt text, hashtags as text, the office boilerplate and press
 * contact. Everything a person typed is escaped: nothing typed becomes markup.
 */
export function renderPortalHtml(
  c: Pick<Comunicado, 'id' | 'content'>,
  office: OfficeInfo,
  images: PortalImage[] = [],
  extra: { videoUrl?: string; documents?: Array<{ filename: string; url: string }> } = {},
): string {
  const out: string[] = [];
  const { lead, body, hashtags } = c.content;
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
