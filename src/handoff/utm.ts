/**
 * The portal link tagged for one member, so the portal's analytics can tell whose
 * broadcast lists brought readers: utm_source=whatsapp, utm_medium=difusion,
 * utm_campaign=<comunicado id>, utm_content=<member slug>. Existing query parameters and
 * the fragment are kept; earlier utm_* values are replaced.
 */
export function withUtm(url: string, campaign: string, content: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url; // not a URL we can tag: better the plain link than none
  }
  u.searchParams.set('utm_source', 'whatsapp');
  u.searchParams.set('utm_medium', 'difusion');
  u.searchParams.set('utm_campaign', campaign);
  u.searchParams.set('utm_content', content);
  return u.toString();
}
