import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { UserFacingError } from '../domain/errors.ts';
import { t } from '../messages/index.ts';

/**
 * Checks of a whole file's content, past its first bytes: a file that is a valid image or
 * document at its start can carry HTML or a script at its end (a polyglot).
 */

export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

function megapixels(pixels: number): string {
  return (Math.round(pixels / 1e5) / 10).toLocaleString('es-CO');
}

/**
 * Refuses an image larger than the limit (read from its header, nothing decoded), then
 * writes it again from its pixels only, in place, in the same format. Orientation is
 * applied, the colour profile kept; other metadata (GPS, camera) goes.
 */
export async function reencodeImage(path: string, mime: string, name: string, maxMegapixels: number): Promise<void> {
  const animated = mime === 'image/gif' || mime === 'image/webp';
  let meta: Metadata;
  try {
    meta = await sharp(path, { animated, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new UserFacingError('image_damaged', t('files.image_damaged', { file: name }), { cause: err });
  }
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const pixels = (meta.width ?? 0) * frameHeight * (animated ? (meta.pages ?? 1) : 1);
  const limit = Math.floor(maxMegapixels * 1e6);
  if (pixels > limit) {
    throw new UserFacingError('image_too_large', t('files.too_many_pixels', { file: name, megapixels: megapixels(pixels), limit: megapixels(limit) }));
  }
  const out = `${path}.clean`;
  try {
    let image = sharp(path, { animated, limitInputPixels: Math.max(limit, 1), failOn: 'error' }).keepIccProfile();
    if (!animated) image = image.rotate();
    switch (mime) {
      case 'image/jpeg':
        image = image.jpeg({ quality: 90 });
        break;
      case 'image/png':
        image = image.png();
        break;
      case 'image/webp':
        image = image.webp({ quality: 90 });
        break;
      default:
        image = image.gif();
    }
    await image.toFile(out);
    await rename(out, path);
  } catch (err) {
    await rm(out, { force: true });
    throw new UserFacingError('image_damaged', t('files.image_damaged', { file: name }), { cause: err });
  }
}

async function readTail(path: string, size: number, length: number): Promise<{ tail: Buffer; start: number }> {
  const n = Math.min(size, length);
  const start = size - n;
  const handle = await open(path, 'r');
  try {
    const tail = Buffer.alloc(n);
    await handle.read(tail, 0, n, start);
    return { tail, start };
  } finally {
    await handle.close();
  }
}

const ZIP_BASED = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

/**
 * Whether a document carries bytes after its end marker: a PDF must end at its last
 * `%%EOF` (whitespace aside), an Office or OpenDocument file (a ZIP) at the end of its
 * central directory record and comment.
 */
export async function hasTrailingData(path: string, mime: string, size: number): Promise<boolean> {
  if (mime === 'application/pdf') {
    const { tail } = await readTail(path, size, 4096);
    const end = tail.lastIndexOf('%%EOF');
    if (end < 0) return true;
    return /[^\s\0]/.test(tail.subarray(end + 5).toString('latin1'));
  }
  if (ZIP_BASED.has(mime)) {
    const { tail, start } = await readTail(path, size, 22 + 0xffff);
    const record = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (record < 0 || record + 22 > tail.length) return true;
    const commentLength = tail.readUInt16LE(record + 20);
    return start + record + 22 + commentLength !== size;
  }
  return false;
}
