import type { Comunicado, Placement } from '../../../domain/comunicado.ts';
import { renderPortalHtml, type OfficeInfo } from '../../../render/portal-html.ts';
import { portalSlug, safeFilename } from '../slug.ts';
import { kindOf, type Kind } from '../../../domain/kinds.ts';
import type { PlacementMapping } from '../config.ts';
import { bodyMode, convocatoriaHtml, linkTargetOf, renderPlacementHtml, summaryLine } from '../placement-body.ts';

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
  /** `comunicado`, `aviso` or `convocatoria`. */
  kind: Kind;
  /** A convocatoria's deadline (ISO 8601, UTC), or null. */
  cierre: string | null;
  /** Where people sign up for a convocatoria, or null. */
  inscripciones: string | null;
  /** Where this item leads when clicked: the author's `enlace:`, else the noticia; null for the noticia itself. */
  enlace: string | null;
  /** `short` (title, one line, link) or `full` (the article); `html` follows it. */
  bodyMode: 'short' | 'full';
  /** The one line of a short item. */
  summary: string;
  /** The first image fitted to the placement's size (its multipart part is in `attachments`), or null. */
  image: { part: string; width: number; height: number; background: string; alt: string | null; sha256: string } | null;
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
  mapping: Pick<PlacementMapping, 'body'> = {},
  fitted?: { path: string; filename: string; size: number; sha256: string; width: number; height: number; background: string; alt?: string },
): { doc: HttpComunicado; files: HttpAttachment[] } {
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
  if (fitted) {
    files.push({ part: `file${files.length}`, kind: 'image', filename: safeFilename(fitted.filename), mime: 'image/jpeg', size: fitted.size, sha256: fitted.sha256, alt: fitted.alt?.trim() || null, caption: null, path: fitted.path });
  }
  const zone = office.timezone ?? 'America/Bogota';
  const mode = bodyMode(placement, mapping);
  const enlace = placement === 'noticia' ? undefined : linkTargetOf(c, noticiaUrl);
  const html =
    mode === 'short'
      ? renderPlacementHtml(c, { zone, ...(enlace ? { target: enlace } : {}) })
      : [convocatoriaHtml(c, zone), renderPortalHtml(c, office, [], titleInBody ? { titleInBody } : {})].filter(Boolean).join('\n');
  const doc: HttpComunicado = {
    version: 1,
    id: c.id,
    placement,
    slug: portalSlug(c.id, placement, c.content.title),
    title: c.content.title,
    lead: c.content.lead,
    body: c.content.body,
    html,
    hashtags: c.content.hashtags,
    publishAt: c.content.publishAt ?? null,
    vigenciaHasta: c.content.vigenciaHasta ?? null,
    noticiaUrl: noticiaUrl ?? null,
    attachments: files.map(({ path: _path, ...rest }) => rest),
    kind: kindOf(c.content),
    cierre: c.content.closesAt ?? null,
    inscripciones: c.content.registrationUrl ?? null,
    enlace: enlace ?? null,
    bodyMode: mode,
    summary: summaryLine(c),
    image: fitted
      ? { part: files[files.length - 1]!.part, width: fitted.width, height: fitted.height, background: fitted.background, alt: fitted.alt?.trim() || null, sha256: fitted.sha256 }
      : null,
  };
  return { doc, files };
}
