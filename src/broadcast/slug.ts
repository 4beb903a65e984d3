/**
 * A person's name as a URL-safe slug, `Ana María Pérez` -> `ana-maria-perez`: it tags
 * the portal link (utm_content) and names the member in the hand-off record.
 */
export function memberSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || 'integrante';
}
