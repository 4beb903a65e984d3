import type { Comunicado, Placement } from '../../../domain/comunicado.ts';
import { escapeHtml } from '../../../render/escape.ts';
import { renderPortalHtml, type OfficeInfo, type PortalImage } from '../../../render/portal-html.ts';
import type { PlacementMapping } from '../config.ts';
import { portalSlug } from '../slug.ts';
import { kindOf } from '../../../domain/kinds.ts';
import { bodyMode, convocatoriaHtml, linkTargetOf, renderPlacementHtml, summaryLine } from '../placement-body.ts';

/** A file of the comunicado as it lives on the portal. */
export interface PortalMedia {
  id: number;
  kind: 'image' | 'document';
  filename: string;
  url: string;
  sha256: string;
  alt?: string;
  caption?: string;
}

/** A post as the REST API returns it (the fields the publisher reads). */
export interface WpPost {
  id: number;
  link: string;
  slug: string;
  status: string;
  type?: string;
  permalink_template?: string;
  featured_media?: number;
  categories?: number[];
  date_gmt?: string;
}

export interface PostInputs {
  placement: Placement;
  mapping: PlacementMapping;
  office: OfficeInfo;
  media: PortalMedia[];
  categoryIds: number[];
  tagIds: number[];
  now: Date;
  /** Permalink of the noticia, for the other placements (meta `{noticiaUrl}`). */
  noticiaUrl?: string;
  /** Link of the video once it is on YouTube. */
  videoUrl?: string;
  /** Start the body with the title as `<h1>` (the portal's `titleInBody`). */
  titleInBody?: boolean;
  /** The first image fitted to the placement's size (`image` in the mapping), uploaded. */
  fitted?: PortalMedia;
}

/** Whether the comunicado is embargoed past `now`, i.e. WordPress should schedule it. */
export function scheduledFor(c: Comunicado, now: Date): Date | undefined {
  if (!c.content.publishAt) return undefined;
  const at = new Date(c.content.publishAt);
  return at.getTime() > now.getTime() ? at : undefined;
}

function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/**
 * The JSON body of the post. Title and lead are sent escaped: WordPress stores and prints
 * titles as HTML, so escaping is what keeps a typed `<script>` as text on the page.
 */
export function buildPostPayload(c: Comunicado, input: PostInputs): Record<string, unknown> {
  const { mapping } = input;
  const images = input.media.filter((m) => m.kind === 'image');
  const featured = input.fitted ?? images[0];
  const zone = input.office.timezone ?? 'America/Bogota';
  const target = input.placement === 'noticia' ? undefined : linkTargetOf(c, input.noticiaUrl);
  const inBody: PortalImage[] = (mapping.featuredImageInBody ? images : images.slice(1)).map((m) => ({
    filename: m.filename,
    url: m.url,
    alt: m.alt ?? '',
    ...(m.caption ? { caption: m.caption } : {}),
  }));
  const documents = input.media.filter((m) => m.kind === 'document').map((m) => ({ filename: m.filename, url: m.url }));
  const short = bodyMode(input.placement, mapping) === 'short';
  const shownImage = featured && mapping.featuredImageInBody ? { filename: featured.filename, url: featured.url, alt: featured.alt ?? '' } : undefined;
  const content = short
    ? renderPlacementHtml(c, { zone, ...(target ? { target } : {}), ...(shownImage ? { image: shownImage } : {}) })
    : [
        convocatoriaHtml(c, zone),
        renderPortalHtml(c, input.office, inBody, {
          ...(input.videoUrl ? { videoUrl: input.videoUrl } : {}),
          ...(documents.length ? { documents } : {}),
          ...(input.titleInBody ? { titleInBody: true } : {}),
        }),
      ]
        .filter(Boolean)
        .join('\n');

  const payload: Record<string, unknown> = {
    title: escapeHtml(c.content.title),
    excerpt: escapeHtml(c.content.lead),
    content,
    slug: portalSlug(c.id, input.placement, c.content.title),
    status: 'publish',
  };
  const at = scheduledFor(c, input.now);
  if (at) {
    payload.status = 'future';
    // date_gmt is read as UTC, without offset.
    payload.date_gmt = at.toISOString().slice(0, 19);
  }
  if (input.categoryIds.length) payload.categories = input.categoryIds;
  if (input.tagIds.length) payload.tags = input.tagIds;
  if (featured) payload.featured_media = featured.id;
  if (mapping.sticky) payload.sticky = true;
  const vars: Record<string, string> = {
    id: c.id,
    title: c.content.title,
    noticiaUrl: input.noticiaUrl ?? '',
    vigenciaHasta: c.content.vigenciaHasta ?? '',
    publishAt: c.content.publishAt ?? '',
    enlace: target ?? input.noticiaUrl ?? '',
    tipo: kindOf(c.content),
    cierre: c.content.closesAt ?? '',
    inscripciones: c.content.registrationUrl ?? '',
    resumen: summaryLine(c),
    imagen: featured?.url ?? '',
  };
  const meta = Object.fromEntries(Object.entries(mapping.meta).map(([k, v]) => [k, fillTemplate(v, vars)]));
  if (Object.keys(meta).length) payload.meta = meta;
  return payload;
}

/**
 * The public address of a post. A published post's `link` is its permalink; a scheduled
 * one's is `?p=ID` until it goes out, so the permalink is built from its template (which
 * is where it will live, and what the social posts should link to).
 */
export function permalinkOf(p: WpPost): string {
  if (p.status === 'publish' || !p.permalink_template) return p.link;
  const placeholder = new RegExp(`%(postname|pagename${p.type ? `|${p.type.replace(/[^a-z0-9_-]/gi, '')}` : ''})%`);
  return placeholder.test(p.permalink_template) ? p.permalink_template.replace(placeholder, p.slug) : p.link;
}
