import type { Comunicado } from '../domain/comunicado.ts';

/** WhatsApp's own markup characters; a title containing them must not turn into formatting. */
function neutralize(s: string): string {
  // Zero-width joiner after markup characters stops WhatsApp from pairing them.
  return s.replace(/([*_~`])/g, '$1\u200D');
}

/**
 * Replaces lone UTF-16 surrogates (pasted broken text) with U+FFFD: encodeURIComponent
 * throws on them, and a share link must never fail to build.
 */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Length as a person counts it (code points), so an emoji is one character, not two. */
function len(s: string): number {
  return Array.from(s).length;
}

export const WHATSAPP_MAX = 1500;

/**
 * The WhatsApp-ready text: *title* in bold, the lead, the link, hashtags. Kept within
 * ~1,500 characters so a wa.me share link is not cut: the lead is shortened on a word
 * boundary with an ellipsis first; if title, link and hashtags alone are too long, the
 * last hashtags go, and at the very end the title is shortened. The link is never cut.
 */
export function renderWhatsapp(c: Pick<Comunicado, 'content'>, link: string | undefined, max = WHATSAPP_MAX): string {
  // A title is one line: bold markup does not span line breaks in WhatsApp.
  let titleText = wellFormed(c.content.title.replace(/\s+/g, ' ').trim());
  const tags = c.content.hashtags.map((h) => `#${h}`);
  const tail = () => [link, tags.join(' ')].filter(Boolean).join('\n');
  const title = () => `*${neutralize(titleText)}*`;
  const fixedLen = () => len([title(), tail()].filter(Boolean).join('\n\n'));
  while (tags.length && fixedLen() > max) tags.pop();
  if (fixedLen() > max) {
    const room = max - len(link ?? '') - 6;
    titleText = shorten(titleText, Math.max(1, room));
  }
  let lead = neutralize(wellFormed(c.content.lead.trim()));
  const room = max - fixedLen() - 2;
  if (len(lead) > room) lead = room > 1 ? shorten(lead, room) : '';
  return [title(), lead, tail()].filter(Boolean).join('\n\n');
}

/**
 * The one-tap share link: opens WhatsApp (app or web) with `text` filled in and lets the
 * person pick the broadcast list. Every character is percent-encoded (UTF-8), so accents,
 * emoji, `&`, `#` and line breaks survive and decoding gives back exactly `text`.
 */
export function waMeLink(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(wellFormed(text))}`;
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
