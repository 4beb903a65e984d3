import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { Attachment } from '../domain/comunicado.ts';
import { UserFacingError } from '../domain/errors.ts';
import { chatErrorText } from '../messages/errors.ts';
import { stripBidi } from '../util/safe-text.ts';
import { hasTrailingData, hashFile, reencodeImage } from './content.ts';
import { t } from '../messages/index.ts';
import type { IncomingFile } from '../chat/port.ts';

/** Content types the office publishes, by what the bytes say (not the name). */
const ACCEPTED: Record<string, Attachment['kind']> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'image',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/webm': 'video',
  'video/x-m4v': 'video',
  'application/pdf': 'document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'document',
  'application/vnd.oasis.opendocument.text': 'document',
  'application/vnd.oasis.opendocument.spreadsheet': 'document',
  'application/vnd.oasis.opendocument.presentation': 'document',
};

/** What a name claims, for the mismatch check (`foto.jpg` that is really a program). */
const EXTENSION_KIND: Record<string, Attachment['kind']> = {
  '.jpg': 'image', '.jpeg': 'image', '.png': 'image', '.webp': 'image', '.gif': 'image',
  '.mp4': 'video', '.mov': 'video', '.webm': 'video', '.m4v': 'video',
  '.pdf': 'document', '.docx': 'document', '.xlsx': 'document', '.pptx': 'document',
  '.odt': 'document', '.ods': 'document', '.odp': 'document',
};

export function humanSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1).replace('.', ',')} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** Longest name kept, in UTF-8 bytes: with the hash prefix and an added extension it stays under 255. */
export const MAX_NAME_BYTES = 180;

const graphemes = new Intl.Segmenter('es', { granularity: 'grapheme' });

/** Cuts text to at most `max` UTF-8 bytes, never inside a character. */
function cutToBytes(text: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = Buffer.byteLength(segment);
    if (bytes + size > max) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/** Keeps a filename safe to put on disk and in URLs, readable for people. */
export function safeFilename(name: string): string {
  const base = stripBidi(name.normalize('NFC')).replace(/[/\\\u0000-\u001f\u007f]/g, '_').replace(/^\.+/, '').trim() || 'archivo';
  if (Buffer.byteLength(base) <= MAX_NAME_BYTES) return base;
  const ext = extname(base);
  const keep = ext && Buffer.byteLength(ext) <= 16 ? ext : '';
  return cutToBytes(base.slice(0, base.length - keep.length), MAX_NAME_BYTES - Buffer.byteLength(keep)).trim() + keep;
}

/** Counts bytes and hashes while streaming; aborts past the limit without buffering. */
function meter(limit: number, filename: string, stats: { size: number; hash: ReturnType<typeof createHash> }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      stats.size += chunk.length;
      if (stats.size > limit) {
        cb(new UserFacingError('file_too_big', t('files.too_big', { file: filename, limit: humanSize(limit) })));
        return;
      }
      stats.hash.update(chunk);
      cb(null, chunk);
    },
  });
}

export interface IngestOptions {
  dataDir: string;
  /** Folder under DATA_DIR/files (the comunicado id). */
  folder: string;
  maxBytes: number;
  /** Largest image, in megapixels (all frames of an animation together). */
  maxMegapixels?: number;
}

/**
 * Downloads a chat file to DATA_DIR/files/<folder>/, streaming (never the whole file in
 * memory), with the size limit enforced while the bytes arrive, then checks the type by
 * content. A refused file leaves nothing behind; the Spanish error says why.
 */
export async function ingestFile(file: IncomingFile, options: IngestOptions): Promise<Attachment> {
  const name = safeFilename(file.filename);
  if (file.size !== undefined && file.size > options.maxBytes) {
    throw new UserFacingError('file_too_big', t('files.too_big', { file: name, limit: humanSize(options.maxBytes) }));
  }
  const dir = join(options.dataDir, 'files', options.folder);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${randomUUID()}.part`);
  const stats = { size: 0, hash: createHash('sha256') };
  try {
    let source: Readable;
    try {
      source = await file.open();
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      throw new UserFacingError('download_failed', t('files.download_failed', { file: name, detail: chatErrorText(err).slice(0, 100) }));
    }
    await pipeline(source, meter(options.maxBytes, name, stats), createWriteStream(tmp, { mode: 0o640 }));
    const detected = await fileTypeFromFile(tmp);
    const kind = detected ? ACCEPTED[detected.mime] : undefined;
    if (!detected) throw new UserFacingError('file_type_unknown', t('files.type_unknown', { file: name }));
    if (!kind) throw new UserFacingError('file_type_refused', t('files.type_refused', { file: name, detected: detected.mime }));
    const claimed = EXTENSION_KIND[extname(name).toLowerCase()];
    if (claimed && claimed !== kind) {
      throw new UserFacingError('file_type_mismatch', t('files.type_mismatch', { file: name, claimed, detected: detected.mime }));
    }
    let sha256 = stats.hash.digest('hex');
    let size = stats.size;
    if (kind === 'image') {
      // Re-encoding keeps only the pixels: anything appended or smuggled after them
      // (HTML, a script, a ZIP) is gone before the file can reach the portal.
      await reencodeImage(tmp, detected.mime, name, options.maxMegapixels ?? 100);
      ({ sha256, size } = await hashFile(tmp));
    } else if (kind === 'document' && (await hasTrailingData(tmp, detected.mime, size))) {
      throw new UserFacingError('file_trailing_data', t('files.trailing_data', { file: name }));
    }
    let finalName = name;
    if (!claimed) finalName = `${name}.${detected.ext}`;
    const target = join(dir, `${sha256.slice(0, 8)}-${finalName}`);
    await rename(tmp, target);
    const attachment: Attachment = {
      kind,
      filename: finalName,
      mime: detected.mime,
      size,
      sha256,
      path: relative(options.dataDir, target),
    };
    if (file.alt?.trim() && kind === 'image') attachment.alt = file.alt.trim().slice(0, 1000);
    if (file.ref) attachment.sourceRef = { platform: file.ref.platform, id: file.ref.id.slice(0, 200) };
    return attachment;
  } catch (err) {
    await unlink(tmp).catch(() => {});
    if (err instanceof UserFacingError) throw err;
    throw new UserFacingError('download_failed', t('files.download_failed', { file: name, detail: chatErrorText(err).slice(0, 100) }), { cause: err });
  }
}
