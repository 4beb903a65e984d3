import type { Comunicado, Placement } from '../../domain/comunicado.ts';
import { kindOf } from '../../domain/kinds.ts';
import { t } from '../../messages/index.ts';
import { escapeHtml, paragraphs } from '../../render/escape.ts';
import type { PortalImage } from '../../render/portal-html.ts';
import { formatWhen } from '../../render/time.ts';
import { targetWords } from '../../render/kinds.ts';
import type { PlacementMapping } from './config.ts';

/** Longest one-line summary a slider, banner or pop-up carries. */
export const SUMMARY_MAX = 200;

/**
 * What a placement's item carries: the noticia is the article; a slider, banner or pop-up
 * is a short piece (title, one line, its link) unless its mapping says `body: full`. A
 * short piece is no copy of the article on the front page, in search or in the feed.
 */
export function bodyMode(placement: Placement, mapping: Pick<PlacementMapping, 'body'>): 'short' | 'full' {
  return mapping.body ?? (placement === 'noticia' ? 'full' : 'short');
}

/** The one line: the lead's first sentence (or the body's), cut at a word under SUMMARY_MAX. */
export function summaryLine(c: Pick<Comunicado, 'content'>): string {
  const source = (c.content.lead.trim() || paragraphs(c.content.body)[0] || '').replace(/\s+/g, ' ');
  const sentence = /^(.+?[.!?])(\s|$)/u.exec(source)?.[1] ?? source;
  if (Array.from(sentence).length <= SUMMARY_MAX) return sentence;
  const cut = Array.from(sentence).slice(0, SUMMARY_MAX - 1).join('');
  return `${cut.replace(/\s+\S*$/u, '')}…`;
}

/** Where a slider, banner or pop-up leads: the author's `enlace:`, else the noticia (if there is one). */
export function linkTargetOf(c: Pick<Comunicado, 'content'>, noticiaUrl: string | undefined): string | undefined {
  return c.content.linkTarget ?? noticiaUrl;
}

/** The words of the link: a convocatoria invites to sign up, the rest to read more. */
function linkWords(c: Pick<Comunicado, 'content'>): string {
  return t(kindOf(c.content) === 'convocatoria' ? 'kind.link.convocatoria' : 'kind.link.more');
}

/**
 * The short body of a placement as HTML: the one line, a convocatoria's deadline, the
 * fitted image where the mapping shows it in the body, and the link. The title is the
 * item's own (the theme prints it). Everything typed is escaped.
 */
export function renderPlacementHtml(c: Pick<Comunicado, 'id' | 'content'>, input: { target?: string; image?: PortalImage; zone: string }): string {
  const out: string[] = [];
  const line = summaryLine(c);
  if (line) out.push(`<p class="comunicado-resumen">${escapeHtml(line)}</p>`);
  if (c.content.closesAt) out.push(`<p class="comunicado-cierre">${escapeHtml(t('kind.body.cierre', { when: formatWhen(c.content.closesAt, input.zone) }))}</p>`);
  if (input.image) out.push(`<figure class="comunicado-imagen"><img src="${escapeHtml(input.image.url)}" alt="${escapeHtml(input.image.alt)}"></figure>`);
  if (input.target) out.push(`<p class="comunicado-enlace"><a href="${escapeHtml(input.target)}">${escapeHtml(linkWords(c))}</a></p>`);
  return out.join('\n');
}

/** The same short piece as a person reads it in the approval preview. */
export function renderPlacementReading(c: Pick<Comunicado, 'content'>, zone: string): string {
  const out = [c.content.title.trim()];
  const line = summaryLine(c);
  if (line) out.push(line);
  if (c.content.closesAt) out.push(t('kind.body.cierre', { when: formatWhen(c.content.closesAt, zone) }));
  out.push(t('kind.preview.target', { target: targetWords(c) }));
  return out.join('\n\n');
}

/**
 * What the preview says of a placement's fitted image: its size, the padding colour, the
 * file it comes from and the alt text it carries. Undefined without a size or an image.
 */
export function fittedPreview(c: Pick<Comunicado, 'content'>, mapping: Pick<PlacementMapping, 'image'>, defaultBackground: string): string | undefined {
  const source = c.content.attachments.find((a) => a.kind === 'image');
  if (!mapping.image || !source) return undefined;
  return t('kind.image.preview', {
    width: mapping.image.width,
    height: mapping.image.height,
    background: mapping.image.background ?? defaultBackground,
    file: source.filename,
    alt: source.alt?.trim() || t('kind.image.no_alt'),
  });
}

/**
 * The lines a convocatoria's noticia adds to the article: the deadline and where to sign
 * up. Typed text escaped; the sign-up link was checked at submission (https, allowed domain).
 */
export function convocatoriaHtml(c: Pick<Comunicado, 'content'>, zone: string): string {
  const out: string[] = [];
  if (c.content.closesAt) out.push(`<p class="comunicado-cierre"><strong>${escapeHtml(t('kind.body.cierre', { when: formatWhen(c.content.closesAt, zone) }))}</strong></p>`);
  if (c.content.registrationUrl) {
    out.push(`<p class="comunicado-inscripciones"><a href="${escapeHtml(c.content.registrationUrl)}">${escapeHtml(t('kind.link.convocatoria'))}</a></p>`);
  }
  return out.join('\n');
}
