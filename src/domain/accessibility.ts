import type { Attachment, Content } from './comunicado.ts';

/**
 * What Resolución 1519 de 2020 (Anexo 1, WCAG 2.1 AA) asks of what a comunicado carries,
 * as pure checks: alt text that describes an image, captions (or a declared absence of
 * speech) for every video. The approval gate and the preview both read these.
 */

/** Shortest alt text that can describe anything. */
export const ALT_MIN_CHARS = 10;
/** Above this, a screen reader's user waits too long: a warning, not a block. */
export const ALT_WARN_CHARS = 250;

/** Why an alt text does not describe its image. */
export type AltProblem = 'filename' | 'generic' | 'short';

/** Lowercase, without accents, with separators as spaces: what a comparison should see. */
function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_\-.,;:()[\]"'«»]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words that name the kind of file and say nothing of what it shows. */
const GENERIC = /^(?:(?:una?|la|el|esta|la siguiente)\s+)?(?:foto(?:grafia)?s?|imagen(?:es)?|image|images|photo|picture|img|pic|grafica|grafico)(?:\s*(?:n(?:o|ro|um)?\s*)?\d+)?$/;

/**
 * Why an image's alt text does not describe it, or `undefined` when it may: the file name
 * said again (with or without extension), a generic word ("foto", "imagen", "image"), or
 * fewer than ten characters. A missing alt text is `imagesWithoutAlt`'s case.
 */
export function altProblem(alt: string, filename: string): AltProblem | undefined {
  const text = alt.trim();
  if (!text) return undefined;
  const said = plain(text);
  const dot = filename.lastIndexOf('.');
  const stem = plain(dot > 0 ? filename.slice(0, dot) : filename);
  if (said === plain(filename) || said === stem || (stem && said.replace(/\s/g, '') === stem.replace(/\s/g, ''))) return 'filename';
  if (GENERIC.test(said)) return 'generic';
  if (Array.from(text).length < ALT_MIN_CHARS) return 'short';
  return undefined;
}

/** Images whose alt text is there but does not describe them: they block approval. */
export function imagesWithWeakAlt(content: Content): Array<{ file: string; alt: string; problem: AltProblem }> {
  const out: Array<{ file: string; alt: string; problem: AltProblem }> = [];
  for (const a of content.attachments) {
    if (a.kind !== 'image' || !a.alt?.trim()) continue;
    const problem = altProblem(a.alt, a.filename);
    if (problem) out.push({ file: a.filename, alt: a.alt.trim(), problem });
  }
  return out;
}

/** Images whose alt text is longer than a listener should wait for (a warning). */
export function imagesWithLongAlt(content: Content): Array<{ file: string; length: number }> {
  return content.attachments
    .filter((a) => a.kind === 'image' && a.alt && Array.from(a.alt.trim()).length > ALT_WARN_CHARS)
    .map((a) => ({ file: a.filename, length: Array.from(a.alt!.trim()).length }));
}

/** Whether a video may be approved: it has captions, or it was declared to have no speech. */
export function videoIsAccessible(a: Attachment): boolean {
  return a.kind !== 'video' || !!a.captions || a.noSpeech === true;
}

/** Videos with neither captions nor a `sin voz` declaration, by filename: they block approval. */
export function videosWithoutCaptions(content: Content): string[] {
  return content.attachments.filter((a) => !videoIsAccessible(a)).map((a) => a.filename);
}

/** Whether the comunicado carries a video declared to have no speech (`sin voz`). */
export function usesNoSpeechException(content: Content): boolean {
  return content.attachments.some((a) => a.kind === 'video' && a.noSpeech === true && !a.captions);
}
