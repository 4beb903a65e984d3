import type { Placement } from '../../domain/comunicado.ts';
import { slugify } from '../../util/slug.ts';

/** WordPress keeps post slugs up to 200 characters; stay below so it never trims ours. */
const MAX_SLUG = 190;

/**
 * The slug of a comunicado's item on the portal: its id first (`c-2026-0142-`), then the
 * placement for anything that is not the noticia, then the title. The id makes it unique
 * and lets a crashed run find the item it may have created (reconcile by slug).
 */
export function portalSlug(id: string, placement: Placement, title: string): string {
  const prefix = placement === 'noticia' ? slugify(id) : `${slugify(id)}-${slugify(placement)}`;
  const rest = slugify(title, { max: MAX_SLUG - prefix.length - 1 });
  return rest ? `${prefix}-${rest}` : prefix;
}

/** A filename WordPress and PHP accept in Content-Disposition: ASCII, no quotes or slashes. */
export function safeFilename(filename: string): string {
  const name = filename.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  const cleanBase = slugify(base, { max: 100, fallback: 'archivo' });
  return ext ? `${cleanBase}.${ext}` : cleanBase;
}
