import { t } from '../../messages/index.ts';
import { escapeHtml } from '../../render/escape.ts';
import type { OutMessage } from '../port.ts';

/** Bot API limits, counted on the text after entity parsing (what a person sees). */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/**
 * A run of plain text with at most one formatting. Messages are built from runs and only
 * turned into HTML at the very end, so a split can never land inside a tag or an entity:
 * the splitter cuts plain text and every piece is escaped and wrapped on its own.
 */
export interface Run {
  text: string;
  bold?: boolean;
  href?: string;
}

function runHtml(r: Run): string {
  let html = escapeHtml(r.text);
  if (r.href) html = `<a href="${escapeHtml(r.href)}">${html}</a>`;
  if (r.bold) html = `<b>${html}</b>`;
  return html;
}

/** Telegram measures in UTF-16 code units; so does String#length. */
function visible(runs: Run[]): number {
  return runs.reduce((n, r) => n + r.text.length, 0);
}

function textLines(text: string, extra: Omit<Run, 'text'> = {}): Run[][] {
  return text.split('\n').map((l) => (l ? [{ ...extra, text: l }] : []));
}

const SAFE_LINK = /^(https?:\/\/|tg:\/\/|mailto:)/i;

/**
 * The neutral message as lines of runs: headings in bold, fields as `label: value`,
 * links as anchors, then a line tagging the mentioned people (tg://user?id=).
 */
export function messageLines(message: OutMessage, nameOf: (userId: string) => string | undefined): Run[][] {
  const lines: Run[][] = [];
  const paragraph = (ls: Run[][]) => {
    if (!ls.length) return;
    if (lines.length) lines.push([]);
    lines.push(...ls);
  };
  if (message.sections?.length) {
    for (const s of message.sections) {
      const block: Run[][] = [];
      if (s.heading) block.push(...textLines(s.heading, { bold: true }));
      if (s.body) block.push(...textLines(s.body));
      for (const [label, value] of s.fields ?? []) {
        block.push(value ? [{ text: label, bold: true }, { text: `: ${value}` }] : [{ text: label }]);
      }
      if (s.image?.url) block.push(SAFE_LINK.test(s.image.url) ? [{ text: s.image.alt || s.image.url, href: s.image.url }] : [{ text: s.image.url }]);
      paragraph(block);
    }
  } else {
    paragraph(textLines(message.text));
  }
  if (message.links?.length) {
    paragraph(
      message.links.map((l) =>
        SAFE_LINK.test(l.url) ? [{ text: '• ' }, { text: l.label, href: l.url }] : [{ text: `• ${l.label}: ${l.url}` }],
      ),
    );
  }
  if (message.mentions?.length) {
    const runs: Run[] = [{ text: '🔔 ' }];
    message.mentions.forEach((id, i) => {
      if (i) runs.push({ text: ', ' });
      const label = nameOf(id) ?? t('telegram.mention_fallback', { id });
      runs.push(/^\d+$/.test(id) ? { text: label, href: `tg://user?id=${id}` } : { text: id });
    });
    paragraph([runs]);
  }
  // Telegram refuses an empty message; a lone space would be trimmed too.
  return lines.length ? lines : [[{ text: '…' }]];
}

const graphemes = new Intl.Segmenter('es', { granularity: 'grapheme' });

/**
 * Where to cut `text` so the first piece has at most `room` code units: after the last
 * whitespace that fits (a clean word break), else at the last grapheme boundary (never
 * inside a surrogate pair, an emoji sequence or a combining mark).
 */
function cutPoints(text: string, room: number): { space: number; any: number } {
  let space = 0;
  let any = 0;
  // Only a window past `room` is segmented: boundaries depend on nearby characters, and
  // segmenting a 50,000-character line once per chunk would be slow.
  for (const { index, segment } of graphemes.segment(text.slice(0, room + 64))) {
    const end = index + segment.length;
    if (end > room) break;
    any = end;
    if (/^\s+$/.test(segment)) space = end;
  }
  return { space, any };
}

/**
 * Packs lines into chunks of at most `limitFor(i)` visible characters, breaking between
 * lines when it can (preferably at a blank line), else at a word, else at a grapheme.
 * The rest of a cut line always opens the next chunk, so a cut never adds a line break.
 */
export function splitLines(input: Run[][], limitFor: (index: number) => number): Run[][][] {
  const chunks: Run[][][] = [];
  let cur: Run[][] = [];
  let used = 0;
  const limit = () => limitFor(chunks.length);
  const size = (lines: Run[][]) => lines.reduce((n, l, i) => n + (i ? 1 : 0) + visible(l), 0);
  const flush = () => {
    while (cur.length && cur[cur.length - 1]!.length === 0) cur.pop();
    if (cur.length) chunks.push(cur);
    cur = [];
    used = 0;
  };
  const push = (line: Run[]) => {
    if (!cur.length && line.length === 0) return; // no leading blank lines
    used += (cur.length ? 1 : 0) + visible(line);
    cur.push(line);
  };

  for (let line of input) {
    for (;;) {
      const glue = cur.length ? 1 : 0;
      if (used + glue + visible(line) <= limit()) {
        push(line);
        break;
      }
      const nextLimit = limitFor(chunks.length + 1);
      // The line fits in a fresh chunk: break before it, at a paragraph if one is near.
      if (cur.length && visible(line) <= nextLimit) {
        const blank = cur.map((l) => l.length === 0).lastIndexOf(true);
        const tail = blank > 0 ? cur.slice(blank + 1) : [];
        if (blank > 0 && size(tail) < limit() / 2 && size([...tail, line]) <= nextLimit) {
          cur = cur.slice(0, blank);
          flush();
          for (const l of tail) push(l);
        } else {
          flush();
        }
        continue;
      }
      // The line itself is too long: cut it at a word inside the room left.
      const [head, rest] = cutRuns(line, limit() - used - glue, cur.length > 0);
      if (head.length) push(head);
      flush();
      if (!rest.length) break;
      line = rest;
    }
  }
  flush();
  return chunks;
}

/**
 * Splits runs so the head has at most `room` visible characters. With `mayDefer`, it
 * prefers giving back nothing over a cut in the middle of a word (the caller starts a
 * fresh chunk and tries again).
 */
function cutRuns(runs: Run[], room: number, mayDefer: boolean): [Run[], Run[]] {
  const head: Run[] = [];
  let left = room;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (r.text.length <= left) {
      head.push(r);
      left -= r.text.length;
      continue;
    }
    const { space, any } = cutPoints(r.text, left);
    // A whole-run break (between a bold label and its text) is as clean as a space.
    const at = space > 0 ? space : head.length > 0 ? 0 : mayDefer ? 0 : Math.max(any, firstGrapheme(r.text));
    if (at === 0 && head.length === 0 && mayDefer) return [[], runs];
    const piece = r.text.slice(0, at).replace(/\s+$/, '');
    if (piece) head.push({ ...r, text: piece });
    const restText = r.text.slice(at).replace(/^\s+/, '');
    const rest = [...(restText ? [{ ...r, text: restText }] : []), ...runs.slice(i + 1)];
    return [head, rest];
  }
  return [head, []];
}

function firstGrapheme(text: string): number {
  for (const { segment } of graphemes.segment(text.slice(0, 64))) return segment.length;
  return text.length;
}

export function linesHtml(lines: Run[][]): string {
  return lines.map((runs) => runs.map(runHtml).join('')).join('\n');
}

/**
 * The HTML chunks of a message: the first within `firstLimit` (1,024 for a caption),
 * the rest within 4,096. Every chunk is well-formed HTML on its own.
 */
export function renderChunks(message: OutMessage, nameOf: (userId: string) => string | undefined, firstLimit = TEXT_LIMIT): string[] {
  const lines = messageLines(message, nameOf);
  return splitLines(lines, (i) => (i === 0 ? firstLimit : TEXT_LIMIT)).map(linesHtml);
}
