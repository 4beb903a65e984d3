import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../../src/chat/port.ts';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { ingestFile } from '../../../src/files/ingest.ts';

function incoming(filename: string, data: Buffer, size?: number): IncomingFile & { opened: number } {
  const f = {
    filename,
    opened: 0,
    ...(size !== undefined ? { size } : {}),
    open: async () => {
      f.opened++;
      return Readable.from([data.subarray(0, data.length / 2), data.subarray(data.length / 2)]);
    },
  };
  return f;
}

const dataDir = () => mkdtempSync(join(tmpdir(), 'ingest-'));

describe('file ingest', () => {
  it('keeps an accepted image with its hash, type from the content', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
    const dir = dataDir();
    const a = await ingestFile(incoming('foto', png), { dataDir: dir, folder: 'C-2026-0001', maxBytes: 1e6 });
    expect(a).toMatchObject({ kind: 'image', mime: 'image/png', size: png.length, filename: 'foto.png' });
    expect(a.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    expect(existsSync(join(dir, a.path))).toBe(true);
  });

  it('refuses a file over the limit while it downloads, leaving nothing behind', async () => {
    const dir = dataDir();
    const big = Buffer.alloc(3000, 1);
    const err = await ingestFile(incoming('video.mp4', big), { dataDir: dir, folder: 'x', maxBytes: 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.message).toMatch(/«video\.mp4» pesa más de 1 KB/);
    expect(readdirSync(join(dir, 'files', 'x'))).toEqual([]);
  });

  it('refuses early when the platform already says the file is too big (no download)', async () => {
    const f = incoming('grande.mp4', Buffer.alloc(10), 200 * 1024 * 1024);
    await expect(ingestFile(f, { dataDir: dataDir(), folder: 'x', maxBytes: 100 * 1024 * 1024 })).rejects.toThrow(/pesa más de 100 MB/);
    expect(f.opened).toBe(0);
  });

  it('refuses a name that lies about the content, and programs', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(ingestFile(incoming('informe.pdf', png), { dataDir: dataDir(), folder: 'x', maxBytes: 1e6 })).rejects.toThrow(/dice ser document por su nombre, pero su contenido es image\/png/);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400)]);
    await expect(ingestFile(incoming('foto.jpg', exe), { dataDir: dataDir(), folder: 'x', maxBytes: 1e6 })).rejects.toThrow(/ese tipo no se acepta|No reconozco/);
    await expect(ingestFile(incoming('nota.jpg', Buffer.from('solo texto, no una imagen')), { dataDir: dataDir(), folder: 'x', maxBytes: 1e6 })).rejects.toThrow(/No reconozco el contenido/);
  });

  it('keeps file names safe on disk', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    const a = await ingestFile(incoming('../../etc/passwd.png', png), { dataDir: dataDir(), folder: 'C-2026-0001', maxBytes: 1e6 });
    expect(a.path.startsWith(join('files', 'C-2026-0001'))).toBe(true);
    expect(a.filename).not.toContain('/');
  });
});
