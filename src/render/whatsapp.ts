import type { Comunicado } from '../domain/comunicado.ts';

/** WhatsApp's own markup characters; a title containing them must not turn into formatting. */
function neutralize(s: string): string {
  // Zero-width joiner after markup characters stops WhatsApp from pairing them.
  return s.replace(/([*_~`])/g, '$1\u200D');
}

export const WHATSAPP_MAX = 1500;

/**
 * The WhatsApp-ready text: *title* in bold, the lead, the link, hashtags. Kept under
 * ~1,500 characters so a wa.me share link is not cut; the lead is shortened on a word
 * boundary with an ellipsis when needed.
 */
export function renderWhatsapp(c: Pick<Comunicado, 'content'>, link: string | undefined, max = WHATSAPP_MAX): string {
  const title = `*${neutralize(c.content.title.trim())}*`;
  const tags = c.content.hashtags.map((h) => `#${h}`).join(' ');
  const tail = [link, tags].filter(Boolean).join('\n');
  const fixed = [title, tail].filter(Boolean).join('\n\n');
  let lead = neutralize(c.content.lead.trim());
  const room = max - fixed.length - 2;
  if (lead.length > room) lead = shorten(lead, Math.max(0, room));
  return [title, lead, tail].filter(Boolean).join('\n\n');
}

/** Cuts `s` to at most `max` characters at a word boundary, ending in an ellipsis. */
export function shorten(s: string, max: number): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  if (max <= 1) return '';
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.search(/\s\S*$/);
  const base = space > max / 2 ? cut.slice(0, space) : cut;
  return `${base.trimEnd()}…`;
}
