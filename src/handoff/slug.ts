import { slugify } from '../util/slug.ts';

/**
 * A person's name as a URL-safe slug, `Ana María Pérez` -> `ana-maria-perez`: it tags
 * the portal link (utm_content) and names the member in the hand-off record.
 */
export function memberSlug(name: string): string {
  return slugify(name, { max: 40, fallback: 'integrante' });
}
