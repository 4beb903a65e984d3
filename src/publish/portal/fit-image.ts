import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { Attachment, Comunicado, Placement } from '../../domain/comunicado.ts';
import { writeFileAtomic } from '../../store/atomic-file.ts';
import type { PlacementMapping } from './config.ts';

/** The first image of a placement, fitted to its theme's size: a JPEG under DATA_DIR. */
export interface PlacementImage {
  /** Relative to DATA_DIR. */
  path: string;
  filename: string;
  size: number;
  sha256: string;
  width: number;
  height: number;
  background: string;
  /** The original image's alt text, carried over. */
  alt?: string;
  /** The original file it was made from. */
  source: string;
}

/** The fitted image of a placement as a file to show in the chat (the preview). */
export async function placementPreviewImages(
  c: Pick<Comunicado, 'id' | 'content'>,
  placement: Placement,
  mapping: Pick<PlacementMapping, 'image'>,
  dataDir: string,
  defaultBackground: string,
  title: (img: PlacementImage) => string,
): Promise<Array<{ filename: string; data: Buffer; title: string }>> {
  const img = await fitPlacementImage(c, placement, mapping, dataDir, defaultBackground);
  if (!img) return [];
  return [{ filename: img.filename, data: await readFile(join(dataDir, img.path)), title: title(img) }];
}

/** The image a placement shows: the first image of the comunicado. */
export function placementSource(c: Pick<Comunicado, 'content'>): Attachment | undefined {
  return c.content.attachments.find((a) => a.kind === 'image');
}

/**
 * Fits the comunicado's first image to the placement's size (`image` in its mapping):
 * EXIF orientation applied, scaled to fit inside, the rest PADDED with the background
 * colour, never cropped (a flyer keeps its date and the city seal), transparency
 * flattened, metadata stripped. Written atomically under DATA_DIR/fitted/<id>/, named by
 * placement and size, so a retry makes the same file. Undefined when the placement
 * declares no size or the comunicado has no image.
 */
export async function fitPlacementImage(
  c: Pick<Comunicado, 'id' | 'content'>,
  placement: Placement,
  mapping: Pick<PlacementMapping, 'image'>,
  dataDir: string,
  defaultBackground: string,
): Promise<PlacementImage | undefined> {
  const source = placementSource(c);
  if (!mapping.image || !source) return undefined;
  const { width, height } = mapping.image;
  const background = mapping.image.background ?? defaultBackground;
  const data = await sharp(join(dataDir, source.path))
    .rotate()
    .resize(width, height, { fit: 'contain', background })
    .flatten({ background })
    .jpeg({ quality: 85, mozjpeg: true })
    .toBuffer();
  const stem = source.filename.replace(/\.[^.]+$/, '');
  const filename = `${stem}-${placement.replace(/_/g, '-')}-${width}x${height}.jpg`;
  const path = join('fitted', c.id, filename);
  await mkdir(dirname(join(dataDir, path)), { recursive: true });
  await writeFileAtomic(join(dataDir, path), data);
  return {
    path,
    filename,
    size: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    width,
    height,
    background,
    ...(source.alt?.trim() ? { alt: source.alt.trim() } : {}),
    source: source.filename,
  };
}
