import type { Comunicado, Placement } from '../../../domain/comunicado.ts';
import { renderPortalHtml, type OfficeInfo } from '../../../render/portal-html.ts';
import { portalSlug, safeFilename } from '../slug.ts';
import { base } from '../../../accessibility/captions-files.ts';

/** One file of the comunicado, sent as the multipart part named `part`. */
export interface HttpAttachment {
  part: string;
  kind: 'image' | 'video' | 'document';
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  alt: string | null;
  caption: string | null;
  /** Relative to DATA_DIR; not sent. */
  path: string;
  /** A video's captions (WebVTT, Spanish), sent as a part of their own; `null` without. */
  captions?: HttpCaptions | null;
  /** A video declared to have no speech (`sin voz`): it has no captions on purpose. */
  noSpeech?: boolean;
}

/** A video's captions as the portal receives them (docs/portal-http.md). */
export interface HttpCaptions {
  part: string;
  filename: string;
  mime: 'text/vtt';
  size: number;
  sha256: string;
  language: 'es';
}

/** The JSON document of docs/portal-http.md, version 1. */
export interface HttpComunicado {
  version: 1;
  id: string;
  placement: Placement;
  slug: string;
  title: string;
  lead: string;
  body: string;
  html: string;
  hashtags: string[];
  publishAt: string | null;
  vigenciaHasta: string | null;
  noticiaUrl: string | null;
  attachments: Array<Omit<HttpAttachment, 'path'>>;
}

/**
 * What the generic portal receives for one placement: the texts as typed (the portal
 * escapes them when it prints them), the body already rendered as safe HTML, and the
 * list of files sent alongside as multipart parts (with their SHA-256, which the
 * signature covers).
 */
export function buildHttpPayload(
  c: Comunicado,
  placement: Placement,
  office: OfficeInfo,
  noticiaUrl: string | undefined,
  titleInBody = false,
): { doc: HttpComunicado; files: HttpAttachment[]; captionParts: Array<{ part: string; filename: string; mime: string; path: string }> } {
  const files: HttpAttachment[] = c.content.attachments.map((a, i) => ({
    part: `file${i}`,
    kind: a.kind,
    filename: safeFilename(a.filename),
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    alt: a.alt?.trim() || null,
    caption: a.caption?.trim() || null,
    path: a.path,
  }));
  // Each video says whether it has captions (Resolución 1519 de 2020); they travel as parts
  // `captions0`, `captions1`… after the files, in WebVTT, the format of a <track>.
  const captionParts: Array<{ part: string; filename: string; mime: string; path: string }> = [];
  c.content.attachments.forEach((a, i) => {
    if (a.kind !== 'video') return;
    const file = files[i]!;
    file.noSpeech = a.noSpeech === true && !a.captions;
    file.captions = null;
    if (!a.captions) return;
    const part = `captions${captionParts.length}`;
    const filename = safeFilename(`${base(a.captions.filename)}.vtt`);
    file.captions = { part, filename, mime: 'text/vtt', size: a.captions.vttSize, sha256: a.captions.vttSha256, language: 'es' };
    captionParts.push({ part, filename, mime: 'text/vtt', path: a.captions.vttPath });
  });
  const doc: HttpComunicado = {
    version: 1,
    id: c.id,
    placement,
    slug: portalSlug(c.id, placement, c.content.title),
    title: c.content.title,
    lead: c.content.lead,
    body: c.content.body,
    html: renderPortalHtml(c, office, [], titleInBody ? { titleInBody } : {}),
    hashtags: c.content.hashtags,
    publishAt: c.content.publishAt ?? null,
    vigenciaHasta: c.content.vigenciaHasta ?? null,
    noticiaUrl: noticiaUrl ?? null,
    attachments: files.map(({ path: _path, ...rest }) => rest),
  };
  return { doc, files, captionParts };
}
