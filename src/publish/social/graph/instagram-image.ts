import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../../../store/atomic-file.ts';

/** Instagram feed images: width/height between 4:5 (portrait) and 1.91:1 (landscape). */
export const IG_MIN_RATIO = 4 / 5;
export const IG_MAX_RATIO = 1.91;
/** Instagram stores feed images at most 1440 px wide and upscales below 320 px. */
export const IG_MAX_WIDTH = 1440;
export const IG_MIN_WIDTH = 320;
/** Instagram refuses images over 8 MiB. */
export const IG_MAX_BYTES = 8 * 1024 * 1024;
/** Padding colour: white reads as a clean frame around a flyer on the feed. */
const PAD = { r: 255, g: 255, b: 255, alpha: 1 };

export interface FittedSize {
  width: number;
  height: number;
  /** Which sides got padding: `sides` for too-tall images, `top_bottom` for too-wide ones. */
  padding: 'none' | 'sides' | 'top_bottom';
}

/**
 * Output size for an image of `width` x `height`. We PAD (letterbox), never crop: the
 * office's images are often flyers with text and logos to the edges, and a crop could cut
 * a date, a name or the city's seal. The canvas grows to the nearest allowed ratio and is
 * then scaled to a width between 320 and 1440 px. Rounding is done so the final ratio
 * stays inside [4:5, 1.91:1] even at the limits.
 */
export function fittedSize(width: number, height: number): FittedSize {
  if (!(width > 0 && height > 0)) throw new Error(`invalid image size ${width}x${height}`);
  const ratio = width / height;
  let cw = width;
  let ch = height;
  let padding: FittedSize['padding'] = 'none';
  if (ratio < IG_MIN_RATIO) {
    cw = height * IG_MIN_RATIO;
    padding = 'sides';
  } else if (ratio > IG_MAX_RATIO) {
    ch = width / IG_MAX_RATIO;
    padding = 'top_bottom';
  }
  const scale = cw > IG_MAX_WIDTH ? IG_MAX_WIDTH / cw : cw < IG_MIN_WIDTH ? IG_MIN_WIDTH / cw : 1;
  const outW = Math.max(1, Math.round(cw * scale));
  let outH = Math.max(1, Math.round(ch * scale));
  if (outW / outH < IG_MIN_RATIO) outH = Math.floor(outW / IG_MIN_RATIO);
  if (outW / outH > IG_MAX_RATIO) outH = Math.ceil(outW / IG_MAX_RATIO);
  return { width: outW, height: outH, padding };
}

export interface FittedImage extends FittedSize {
  path: string;
  bytes: number;
}

/**
 * Converts an image to a JPEG Instagram accepts: EXIF orientation applied, transparency
 * flattened on white, padded into the allowed ratio, scaled, metadata stripped (no GPS of
 * the photographer leaves the office), quality lowered step by step if over 8 MiB.
 * Writes the result atomically to `outPath`.
 */
export async function fitForInstagram(inputPath: string, outPath: string): Promise<FittedImage> {
  // rotate() first so width/height are the displayed ones, not the stored ones.
  const oriented = await sharp(inputPath).rotate().toBuffer({ resolveWithObject: true });
  const size = fittedSize(oriented.info.width, oriented.info.height);
  let data: Buffer | undefined;
  for (const quality of [90, 80, 70, 60]) {
    data = await sharp(oriented.data)
      .resize(size.width, size.height, { fit: 'contain', background: PAD })
      .flatten({ background: PAD })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer();
    if (data.length <= IG_MAX_BYTES) break;
  }
  await mkdir(dirname(outPath), { recursive: true });
  await writeFileAtomic(outPath, data!);
  return { ...size, path: outPath, bytes: data!.length };
}
