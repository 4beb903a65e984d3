import * as mediaCaptions from 'media-captions';

/** The part of media-captions used here (its shipped .d.ts files do not resolve under NodeNext). */
interface VTTCue {
  startTime: number;
  endTime: number;
  text: string;
}
interface MediaCaptions {
  parseText(
    text: string,
    options: { type: 'srt' | 'vtt'; errors: boolean; onError(e: { code: number; line: number; message: string }): void; onCue(cue: VTTCue): void },
  ): Promise<unknown>;
}
const { parseText } = mediaCaptions as unknown as MediaCaptions;

/**
 * Captions files (.srt, .vtt): checked with media-captions (vidstack's parser, which
 * reports a bad timestamp with its line), plus the structure it forgives silently (a cue
 * without its timing line, a cue that ends before it starts), so a malformed file is
 * refused naming the line that is wrong. The cues are also written out as WebVTT, the
 * format a web page's `<track>` needs.
 */

export type CaptionsFormat = 'srt' | 'vtt';

export interface CaptionsProblem {
  /** 1-based line of the file. */
  line: number;
  /** What is wrong there: `timestamp`, `no_timing`, `range`, `header`, `empty`, `encoding`. */
  reason: 'timestamp' | 'no_timing' | 'range' | 'header' | 'empty' | 'encoding';
  /** The line as written (cut), for the message. */
  text: string;
}

export interface ParsedCaptions {
  cues: Array<{ start: number; end: number; text: string }>;
  problems: CaptionsProblem[];
}

export function captionsFormatOf(filename: string): CaptionsFormat | undefined {
  const m = /\.(srt|vtt)$/i.exec(filename);
  return m ? (m[1]!.toLowerCase() as CaptionsFormat) : undefined;
}

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)/;
/** `hh:mm:ss,mmm` (SRT) or `[hh:]mm:ss.mmm` (WebVTT) in seconds; NaN when malformed. */
function seconds(stamp: string, format: CaptionsFormat): number {
  const m = format === 'srt' ? /^(\d{1,3}):(\d{2}):(\d{2})[,.](\d{3})$/.exec(stamp) : /^(?:(\d{1,3}):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(stamp);
  if (!m) return Number.NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const cut = (s: string) => (Array.from(s).length > 60 ? `${Array.from(s).slice(0, 60).join('')}…` : s);

/** Parses and checks a captions file; `problems` is empty for a good one. */
export async function parseCaptions(bytes: Buffer, format: CaptionsFormat): Promise<ParsedCaptions> {
  const problems: CaptionsProblem[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    // A file saved as Latin-1 shows its accents as garbage on every screen: it is refused.
    const raw = bytes.toString('latin1').split('\n');
    const line = raw.findIndex((l) => !isUtf8(Buffer.from(l, 'latin1'))) + 1;
    return { cues: [], problems: [{ line: Math.max(1, line), reason: 'encoding', text: '' }] };
  }
  const lines = text.split(/\r\n|\r|\n/);
  const errors: Array<{ line: number; reason: 'timestamp' | 'header' }> = [];
  const cues: VTTCue[] = [];
  await parseText(text, {
    type: format,
    errors: true,
    // ParseErrorCode: 1 bad signature (the WEBVTT header), 2 bad timestamp. A cue setting
    // the parser does not know (3, 5) is ignored by players too: not a reason to refuse.
    onError: (e) => {
      if (e.code === 1 || e.code === 2) errors.push({ line: e.line, reason: e.code === 1 ? 'header' : 'timestamp' });
    },
    onCue: (cue) => cues.push(cue),
  });
  for (const e of errors) {
    // media-captions counts lines from 1 for SRT and VTT alike.
    problems.push({ line: Math.max(1, e.line), reason: e.reason, text: cut(lines[e.line - 1] ?? '') });
  }
  problems.push(...structureProblems(lines, format, new Set(errors.map((e) => e.line))));
  problems.sort((a, b) => a.line - b.line);
  const seen = new Set<number>();
  const unique = problems.filter((p) => (seen.has(p.line) ? false : (seen.add(p.line), true)));
  if (!unique.length && cues.length === 0) unique.push({ line: 1, reason: 'empty', text: '' });
  return { cues: cues.map((c) => ({ start: c.startTime, end: c.endTime, text: c.text })), problems: unique };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the parser forgives: blocks without a timing line, cues that end before they start, a VTT without header. */
function structureProblems(lines: string[], format: CaptionsFormat, reported: Set<number>): CaptionsProblem[] {
  const problems: CaptionsProblem[] = [];
  let i = 0;
  if (format === 'vtt') {
    if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) return [{ line: 1, reason: 'header', text: cut(lines[0] ?? '') }];
    while (i < lines.length && lines[i]!.trim() !== '') i++; // the header block
  }
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const start = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    if (format === 'vtt' && /^(NOTE|STYLE|REGION)\b/.test(block[0]!)) continue;
    // The timing line is the first (or the second, after a number or an id).
    const at = TIMING.test(block[0]!) ? 0 : block.length > 1 && TIMING.test(block[1]!) ? 1 : -1;
    if (at < 0) {
      const line = block.length > 1 && (format === 'vtt' || /^\d+$/.test(block[0]!.trim())) ? start + 2 : start + 1;
      problems.push({ line, reason: 'no_timing', text: cut(lines[line - 1] ?? '') });
      continue;
    }
    const lineNo = start + at + 1;
    if (reported.has(lineNo)) continue;
    const m = TIMING.exec(block[at]!)!;
    const from = seconds(m[1]!, format);
    const to = seconds(m[2]!, format);
    if (Number.isNaN(from) || Number.isNaN(to)) problems.push({ line: lineNo, reason: 'timestamp', text: cut(block[at]!) });
    else if (to <= from) problems.push({ line: lineNo, reason: 'range', text: cut(block[at]!) });
  }
  return problems;
}

const stamp = (s: number) => {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(sec)}.${pad(ms % 1000, 3)}`;
};

/** The cues as a WebVTT file (for the portal's `<track>`). */
export function toWebVtt(cues: ParsedCaptions['cues']): string {
  const blocks = cues.map((c, i) => `${i + 1}\n${stamp(c.start)} --> ${stamp(c.end)}\n${c.text.replace(/\n{2,}/g, '\n')}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}
