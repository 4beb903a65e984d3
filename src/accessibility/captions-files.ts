import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { IncomingFile } from '../chat/port.ts';
import type { Attachment } from '../domain/comunicado.ts';
import { UserFacingError, type Said } from '../domain/errors.ts';
import { humanSize, safeFilename } from '../files/ingest.ts';
import { chatErrorText, inputError, say } from '../messages/errors.ts';
import { t } from '../messages/index.ts';
import { captionsFormatOf, parseCaptions, toWebVtt } from './captions.ts';

/** Largest captions file: an hour of dense subtitles is well under 1 MB. */
export const MAX_CAPTIONS_BYTES = 2 * 1024 * 1024;

export type Captions = NonNullable<Attachment['captions']>;

/** Whether a chat file is a captions file (by its name: a .srt or .vtt is plain text to a type sniffer). */
export function isCaptionsFile(file: IncomingFile): boolean {
  return captionsFormatOf(file.filename) !== undefined;
}

/** The name without its extension, lowercased: `Recorrido.MP4` and `recorrido.srt` share it. */
export function base(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
}

/** Whether a line names this kept file (the kept name may carry a number added for uniqueness). */
function names(filename: string, named: string): boolean {
  const a = filename.toLowerCase();
  const b = named.trim().toLowerCase();
  return a === b || a.endsWith(`-${b}`);
}

/**
 * Reads a captions file (at most 2 MB, held in memory: it is text), checks it, and keeps
 * it under DATA_DIR/files/<folder>/ with its WebVTT form beside it. A malformed file is
 * refused with the line that is wrong.
 */
export async function ingestCaptions(file: IncomingFile, options: { dataDir: string; folder: string }): Promise<Captions> {
  const name = safeFilename(file.filename);
  const format = captionsFormatOf(name)!;
  if (file.size !== undefined && file.size > MAX_CAPTIONS_BYTES) {
    throw new UserFacingError('file_too_big', t('files.too_big', { file: name, limit: humanSize(MAX_CAPTIONS_BYTES) }));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of await file.open()) {
      size += (chunk as Buffer).length;
      if (size > MAX_CAPTIONS_BYTES) throw new UserFacingError('file_too_big', t('files.too_big', { file: name, limit: humanSize(MAX_CAPTIONS_BYTES) }));
      chunks.push(Buffer.from(chunk as Buffer));
    }
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    throw new UserFacingError('download_failed', t('files.download_failed', { file: name, detail: chatErrorText(err).slice(0, 100) }), { cause: err });
  }
  const bytes = Buffer.concat(chunks);
  const parsed = await parseCaptions(bytes, format);
  if (parsed.problems.length) {
    const first = parsed.problems[0]!;
    const problems: Said[] = [say(`a11y.captions_bad.${first.reason}`, { file: name, line: first.line, text: first.text })];
    if (parsed.problems.length > 1) problems.push(say('a11y.captions_bad_more', { count: parsed.problems.length - 1, lines: parsed.problems.slice(1, 6).map((p) => p.line).join(', ') }));
    throw inputError(problems as Array<ReturnType<typeof say>>);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = join(options.dataDir, 'files', options.folder);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${sha256.slice(0, 8)}-${name}`);
  await writeFile(path, bytes, { mode: 0o640 });
  let vttPath = path;
  let vtt = bytes;
  if (format === 'srt') {
    vttPath = join(dir, `${sha256.slice(0, 8)}-${base(name)}.vtt`);
    vtt = Buffer.from(toWebVtt(parsed.cues));
    await writeFile(vttPath, vtt, { mode: 0o640 });
  }
  return {
    filename: name,
    format,
    size: bytes.length,
    sha256,
    path: relative(options.dataDir, path),
    vttPath: relative(options.dataDir, vttPath),
    vttSha256: createHash('sha256').update(vtt).digest('hex'),
    vttSize: vtt.length,
    cues: parsed.cues.length,
  };
}

/**
 * Gives each video its captions file and its `sin voz` declaration. A captions file goes
 * to the video named by a `subtítulos video.mp4: archivo.srt` line, else to the video with
 * the same base name. Every problem is collected: a captions file that belongs to no
 * video, a line that names a video or a file that is not there.
 */
export function assignCaptions(
  attachments: Attachment[],
  captions: Captions[],
  lines: { captionsFor?: Record<string, string>; noSpeech?: string[] },
): void {
  const problems: Array<ReturnType<typeof say>> = [];
  const videos = attachments.filter((a) => a.kind === 'video');
  const used = new Set<Captions>();
  for (const [video, file] of Object.entries(lines.captionsFor ?? {})) {
    const target = videos.find((v) => names(v.filename, video));
    const cap = captions.find((c) => names(c.filename, file));
    if (!target) problems.push(say('a11y.captions_unknown_video', { video, file }));
    else if (!cap) problems.push(say('a11y.captions_unknown_file', { video, file }));
    else {
      target.captions = cap;
      delete target.noSpeech;
      used.add(cap);
    }
  }
  for (const cap of captions) {
    if (used.has(cap)) continue;
    const target = videos.find((v) => base(v.filename) === base(cap.filename));
    if (!target) {
      problems.push(say('a11y.captions_no_video', { file: cap.filename }));
      continue;
    }
    target.captions = cap;
    delete target.noSpeech;
  }
  for (const video of lines.noSpeech ?? []) {
    const target = videos.find((v) => names(v.filename, video));
    if (!target) problems.push(say('a11y.no_speech_unknown_video', { video }));
    else if (!target.captions) target.noSpeech = true;
  }
  if (problems.length) throw inputError(problems);
}
