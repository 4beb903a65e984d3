/**
 * Telegram's HTML parse mode, as strict as its documentation: only the listed tags, every
 * `<`, `>` and `&` that is not markup must be an entity (&lt; &gt; &amp; &quot; or a
 * numeric one), tags must nest properly. Returns the text a person sees and its entities
 * (offsets in UTF-16 code units, like the Bot API), or the error the Bot API gives.
 */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export type ParseResult = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; error: string };

const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeEntity(src: string, at: number): { char: string; end: number } | undefined {
  const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/.exec(src.slice(at, at + 12));
  if (!m) return undefined;
  const body = m[1]!;
  let char: string | undefined;
  if (body.startsWith('#x')) char = String.fromCodePoint(parseInt(body.slice(2), 16));
  else if (body.startsWith('#')) char = String.fromCodePoint(parseInt(body.slice(1), 10));
  else char = NAMED[body];
  return char === undefined ? undefined : { char, end: at + m[0].length };
}

function decodeAll(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === '&') {
      const e = decodeEntity(s, i);
      if (!e) return undefined;
      out += e.char;
      i = e.end;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

const byteOffset = (src: string, i: number) => Buffer.byteLength(src.slice(0, i));

export function parseHtml(src: string): ParseResult {
  let text = '';
  const entities: ParsedEntity[] = [];
  const open: Array<{ name: string; start: number; url?: string }> = [];
  const fail = (what: string, i: number): ParseResult => ({ ok: false, error: `Bad Request: can't parse entities: ${what} at byte offset ${byteOffset(src, i)}` });
  for (let i = 0; i < src.length; ) {
    const ch = src[i]!;
    if (ch === '<') {
      const close = src.indexOf('>', i);
      if (close < 0) return fail('Unclosed start tag', i);
      const raw = src.slice(i + 1, close);
      if (raw.startsWith('/')) {
        const name = raw.slice(1).trim().toLowerCase();
        const top = open.pop();
        if (!top || top.name !== name) return fail(`Unmatched end tag "${name}"`, i);
        if (text.length > top.start) {
          entities.push({ type: TAGS[name]!, offset: top.start, length: text.length - top.start, ...(top.url ? { url: top.url } : {}) });
        }
      } else {
        const m = /^([a-zA-Z-]+)((?:\s+[a-zA-Z-]+\s*=\s*"[^"]*")*)\s*$/.exec(raw);
        if (!m) return fail(`Unsupported start tag "${raw.slice(0, 20)}"`, i);
        const name = m[1]!.toLowerCase();
        if (!(name in TAGS)) return fail(`Unsupported start tag "${name}"`, i);
        let url: string | undefined;
        if (name === 'a') {
          const href = /href\s*=\s*"([^"]*)"/.exec(m[2] ?? '');
          const decoded = href ? decodeAll(href[1]!) : undefined;
          if (decoded === undefined) return fail('Bad href', i);
          url = decoded;
        }
        open.push({ name, start: text.length, ...(url !== undefined ? { url } : {}) });
      }
      i = close + 1;
      continue;
    }
    if (ch === '>') return fail('Unexpected ">"', i);
    if (ch === '&') {
      const e = decodeEntity(src, i);
      if (!e) return fail('Unsupported HTML entity', i);
      text += e.char;
      i = e.end;
      continue;
    }
    text += ch;
    i++;
  }
  if (open.length) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]!.name}"`, src.length);
  // Telegram trims the text it keeps; entities past the end would be dropped with it.
  const trimmed = text.replace(/\s+$/, '');
  const lead = trimmed.length - trimmed.replace(/^\s+/, '').length;
  return { ok: true, text: trimmed.slice(lead), entities: entities.map((e) => ({ ...e, offset: e.offset - lead })) };
}
