import type { Placement } from '../../domain/comunicado.ts';

/** WordPress keeps post slugs up to 200 characters; stay below so it never trims ours. */
const MAX_SLUG = 190;

/**
 * Lowercase ASCII words joined by dashes, the way WordPress's sanitize_title would leave
 * them (accents removed, everything else dropped), so the slug we send is the slug stored.
 */
export function slugify(text: string, max = MAX_SLUG): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ñ/gi, 'n')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/**
 * The slug of a comunicado's item on the portal: its id first (`c-2026-0142-`), then the
 * placement for anything that is not the noticia, then the title. The id makes it unique
 * and lets a crashed run find the item it may have created (reconcile by slug).
 */
export function portalSlug(id: string, placement: Placement, title: string): string {
  const prefix = placement === 'noticia' ? slugify(id) : `${slugify(id)}-${slugify(placement)}`;
  const rest = slugify(title, MAX_SLUG - prefix.length - 1);
  return rest ? `${prefix}-${rest}` : prefix;
}

/** A filename WordPress and PHP accept in Content-Disposition: ASCII, no quotes or slashes. */
export function safeFilename(filename: string): string {
  const name = filename.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const cleanBase = slugify(base, 100) || 'archivo';
  return ext ? `${cleanBase}.${ext}` : cleanBase;
}
