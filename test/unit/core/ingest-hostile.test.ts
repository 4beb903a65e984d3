import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { IncomingFile } from '../../../src/chat/port.ts';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { chatErrorText } from '../../../src/messages/errors.ts';
import { parseForm } from '../../../src/domain/form.ts';
import { hasTrailingData } from '../../../src/files/content.ts';
import { ingestFile, MAX_NAME_BYTES, safeFilename } from '../../../src/files/ingest.ts';
import { BIDI_NAME, CJK_NAME, HTML_PAYLOAD, hugePng, jpegWithHtml, PDF, pdfWithHtml } from '../../fixtures/hostile-files.ts';
import { NOW } from '../../fixtures/comunicados.ts';

const incoming = (filename: string, data: Buffer): IncomingFile => ({ filename, open: async () => Readable.from([data]) });
const dataDir = () => mkdtempSync(join(tmpdir(), 'ingest-hostile-'));
const options = (dir: string) => ({ dataDir: dir, folder: 'C-2026-0001', maxBytes: 10 * 1024 * 1024 });

describe('file ingest against hostile files', () => {
  it('a name of 120 CJK characters is cut to 180 UTF-8 bytes, keeping the extension and whole characters', async () => {
    const dir = dataDir();
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } }).png().toBuffer();
    const a = await ingestFile(incoming(CJK_NAME.replace('.jpg', '.png'), png), options(dir));
    expect(Buffer.byteLength(a.filename)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(a.filename).toMatch(/^(新聞稿)+新?聞?\.png$/);
    expect(a.filename).not.toContain('\uFFFD');
    expect(existsSync(join(dir, a.path))).toBe(true);
    // Never inside a character, also at odd byte budgets (4-byte emoji).
    const emoji = safeFilename(`${'😀'.repeat(100)}.pdf`);
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(emoji).toMatch(/^(😀)+\.pdf$/u);
  });

  it('bidirectional override characters are stripped from file names and titles', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).jpeg().toBuffer();
    const a = await ingestFile(incoming(BIDI_NAME, jpeg), options(dataDir()));
    expect(a.filename).toBe('fotogpj.exe.jpg');
    expect(a.path).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(safeFilename('a\u2066b\u2067c\u2068d\u2069e\u202Af\u202Bg\u202Ch\u202Di.pdf')).toBe('abcdefghi.pdf');
    const form = parseForm('Pago \u202Eanulado\u202C de impuestos\n\nEntradilla.', NOW, { timezone: 'America/Bogota' });
    expect(form.content.title).toBe('Pago anulado de impuestos');
  });

  it('a JPEG with an HTML page appended is re-encoded: the stored file is a clean JPEG', async () => {
    const dir = dataDir();
    const polyglot = await jpegWithHtml();
    expect(polyglot.includes(Buffer.from('<script'))).toBe(true);
    const a = await ingestFile(incoming('foto.jpg', polyglot), options(dir));
    const stored = readFileSync(join(dir, a.path));
    expect(stored.includes(Buffer.from('<script'))).toBe(false);
    expect(stored.includes(Buffer.from(HTML_PAYLOAD.slice(0, 10)))).toBe(false);
    expect((await sharp(stored).metadata()).format).toBe('jpeg');
    expect(a).toMatchObject({ kind: 'image', mime: 'image/jpeg', size: stored.length });
  });

  it('a PDF with data after its %%EOF is refused in Spanish and leaves nothing; a clean PDF is kept', async () => {
    const dir = dataDir();
    const err = await ingestFile(incoming('informe.pdf', pdfWithHtml()), options(dir)).catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.message).toMatch(/^El archivo «informe\.pdf» tiene datos ocultos después del final del documento\./);
    expect(readdirSync(join(dir, 'files', 'C-2026-0001'))).toEqual([]);
    const ok = await ingestFile(incoming('informe.pdf', PDF), options(dir));
    expect(ok).toMatchObject({ kind: 'document', mime: 'application/pdf', size: PDF.length });
  });

  it('a 400-megapixel image is refused at submission, naming the file and the limit', async () => {
    const dir = dataDir();
    const err = await ingestFile(incoming('mapa.png', hugePng()), options(dir)).catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.message).toBe('La imagen «mapa.png» tiene 400 megapíxeles y el máximo permitido es 100. Redúzcala (por ejemplo, expórtela a menor resolución) y vuelva a enviarla.');
    expect(readdirSync(join(dir, 'files', 'C-2026-0001'))).toEqual([]);
    // The limit comes from config (attachments.maxMegapixels).
    const sixMegapixels = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#000' } }).png().toBuffer();
    const kept = await ingestFile(incoming('mapa.png', sixMegapixels), { ...options(dir), maxMegapixels: 10 });
    expect(kept.kind).toBe('image');
    await expect(ingestFile(incoming('mapa.png', sixMegapixels), { ...options(dir), maxMegapixels: 5 })).rejects.toThrow(/tiene 6 megapíxeles y el máximo permitido es 5\./);
  });

  it('a download error that names a server path reaches the person without it', async () => {
    const dir = dataDir();
    const missing: IncomingFile = {
      filename: 'foto.jpg',
      open: async () => {
        const { createReadStream } = await import('node:fs');
        return createReadStream('/var/lib/telegram-bot-api/secret-token/photos/file_1.jpg');
      },
    };
    const err = await ingestFile(missing, options(dir)).catch((e) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect(err.message).toMatch(/^No pude descargar «foto\.jpg»/);
    expect(err.message).not.toMatch(/\/var|telegram-bot-api|secret-token/);
  });

  it('chatErrorText removes absolute paths and keeps commands, URLs and dates', () => {
    const text = chatErrorText(new Error("ENOENT: no such file or directory, open '/srv/comunicados/data/files/C-2026-0001/a.jpg'; ver https://portal.gov.co/wp-json/wp/v2/media, use /reintentar C-2026-0001 si/no el 12/05/2026 o C:\\datos\\x.pdf o ~/secretos/env"));
    expect(text).not.toMatch(/\/srv|comunicados\/data|C:\\datos|~\/secretos/);
    expect(text).toContain('https://portal.gov.co/wp-json/wp/v2/media');
    expect(text).toContain('/reintentar C-2026-0001 si/no el 12/05/2026');
  });
});

describe('whole-file checks by format', () => {
  it('GIF and WebP polyglots are re-encoded in their own format, an animation keeps its frames', async () => {
    const dir = dataDir();
    const frame = (background: string) => sharp({ create: { width: 8, height: 8, channels: 3, background } }).png().toBuffer();
    const animated = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } }).gif({ loop: 0 }).toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);
    for (const [name, bytes, format] of [
      ['anim.gif', animated, 'gif'],
      ['foto.webp', await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } }).webp().toBuffer(), 'webp'],
    ] as const) {
      const a = await ingestFile(incoming(name, Buffer.concat([bytes, Buffer.from(HTML_PAYLOAD)])), options(dir));
      const stored = readFileSync(join(dir, a.path));
      expect(stored.includes(Buffer.from('<script'))).toBe(false);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe(format);
      if (format === 'gif') expect(meta.pages).toBe(2);
    }
  });

  it('an Office or OpenDocument file (a ZIP) must end with its central directory record and comment', async () => {
    const dir = dataDir();
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(4, 20); // a 4-byte comment
    const clean = Buffer.concat([Buffer.from('PK\x03\x04 entries…'), end, Buffer.from('nota')]);
    const write = (name: string, bytes: Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    expect(await hasTrailingData(write('ok.docx', clean), docx, clean.length)).toBe(false);
    const tampered = Buffer.concat([clean, Buffer.from(HTML_PAYLOAD)]);
    expect(await hasTrailingData(write('mal.docx', tampered), docx, tampered.length)).toBe(true);
    const pdfWithNul = Buffer.concat([PDF, Buffer.from('\r\n\0\0')]);
    expect(await hasTrailingData(write('ok.pdf', pdfWithNul), 'application/pdf', pdfWithNul.length)).toBe(false);
  });
});
