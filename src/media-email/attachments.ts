import { mkdir, readFile, stat } from 'node:fs/promises';
import { join, parse as parsePath, resolve, sep } from 'node:path';
import sharp from 'sharp';
import type { Attachment, Comunicado } from '../domain/comunicado.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import type { MediaConfig } from './config.ts';

/** One file ready to go into every message of a send (read once, not once per recipient). */
export interface MailFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface PreparedAttachments {
  files: MailFile[];
  photos: Array<{ source: Attachment; filename: string }>;
  /** Documents in the message, and those left out because the message would be too big. */
  documents: Array<{ source: Attachment; attached: boolean; filename: string }>;
  videos: Attachment[];
}

/** An attachment path is relative to DATA_DIR and must stay inside it. */
function inside(dataDir: string, rel: string): string {
  const root = resolve(dataDir);
  const abs = resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + sep)) throw new Error(`attachment outside DATA_DIR: ${rel}`);
  return abs;
}

/**
 * A photo fitted for email: at most `maxPixels` on its longest side, rotated upright,
 * JPEG, metadata (GPS included) stripped. Cached under DATA_DIR/cache/email by content
 * hash and size, so a resend or a restart does not encode it again.
 */
export async function downsizePhoto(dataDir: string, a: Attachment, photos: MediaConfig['photos']): Promise<MailFile> {
  const dir = join(dataDir, 'cache', 'email');
  const cached = join(dir, `${a.sha256.slice(0, 24)}-${photos.maxPixels}-q${photos.quality}.jpg`);
  const filename = `${parsePath(a.filename).name}.jpg`;
  try {
    if ((await stat(cached)).size > 0) return { filename, contentType: 'image/jpeg', content: await readFile(cached) };
  } catch {
    // not cached yet
  }
  const content = await sharp(inside(dataDir, a.path), { failOn: 'error', animated: false })
    .rotate()
    .resize({ width: photos.maxPixels, height: photos.maxPixels, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: photos.quality, mozjpeg: true })
    .toBuffer();
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(cached, content);
  return { filename, contentType: 'image/jpeg', content };
}

/**
 * Photos (downsized) and documents for the messages of one comunicado. Documents are
 * attached while the message stays under `maxAttachmentBytes`; the rest are named in the
 * body and linked when the portal has them. Videos are never attached.
 */
export async function prepareAttachments(c: Comunicado, dataDir: string, config: MediaConfig): Promise<PreparedAttachments> {
  const out: PreparedAttachments = { files: [], photos: [], documents: [], videos: [] };
  let total = 0;
  const usedNames = new Set<string>();
  const unique = (name: string) => {
    let candidate = name;
    const { name: base, ext } = parsePath(name);
    for (let i = 2; usedNames.has(candidate.toLowerCase()); i++) candidate = `${base}-${i}${ext}`;
    usedNames.add(candidate.toLowerCase());
    return candidate;
  };
  for (const a of c.content.attachments.filter((x) => x.kind === 'image')) {
    const file = await downsizePhoto(dataDir, a, config.photos);
    file.filename = unique(file.filename);
    total += file.content.length;
    out.files.push(file);
    out.photos.push({ source: a, filename: file.filename });
  }
  for (const a of c.content.attachments.filter((x) => x.kind === 'document')) {
    if (total + a.size > config.maxAttachmentBytes) {
      out.documents.push({ source: a, attached: false, filename: a.filename });
      continue;
    }
    const content = await readFile(inside(dataDir, a.path));
    total += content.length;
    const filename = unique(a.filename);
    out.files.push({ filename, contentType: a.mime, content });
    out.documents.push({ source: a, attached: true, filename });
  }
  out.videos = c.content.attachments.filter((x) => x.kind === 'video');
  return out;
}
