export interface SlugOptions {
  /** Longest slug; a cut never leaves a trailing dash. Default 190 (WordPress keeps 200). */
  max?: number;
  /** What an empty slug becomes (a name of only symbols). Default ''. */
  fallback?: string;
}

/**
 * Lowercase ASCII words joined by dashes, the way WordPress's sanitize_title would leave
 * them (accents removed, ñ -> n, everything else dropped): `Ana María Peña` -> `ana-maria-pena`.
 */
export function slugify(text: string, options: SlugOptions = {}): string {
  const { max = 190, fallback = '' } = options;
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, Math.max(0, max))
    .replace(/-+$/, '');
  return slug || fallback;
}
