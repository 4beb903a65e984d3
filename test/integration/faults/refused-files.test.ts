import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBot } from '../../fakes/run-bot.ts';
import { filesUnder, jpegBytes, jpegWithHtml } from '../../fixtures/hostile-files.ts';

describe('fault: a refused submission keeps no file and uses up no id (console)', { timeout: 180_000 }, () => {
  it('a bad alt line, a file over the limit and a crash leftover leave nothing; the next good one is 0001', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'refused-files-'));
    const data = join(dir, 'data');
    // A crash left a half-downloaded submission behind: start-up removes it.
    mkdirSync(join(data, 'files', '.incoming-0b7f6d1e-crash'), { recursive: true });
    writeFileSync(join(data, 'files', '.incoming-0b7f6d1e-crash', '.part'), 'medio archivo');
    const foto = join(dir, 'foto.jpg');
    writeFileSync(foto, await jpegBytes());
    const big = join(dir, 'video.mp4');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB without writing them
    const polyglot = join(dir, 'cartel.jpg');
    writeFileSync(polyglot, await jpegWithHtml());
    const script = [
      '/comunicado',
      'Con alt que no corresponde',
      `adjunto: ${foto}`,
      'alt otra-foto.jpg: Descripción de una imagen que no vino',
      '.',
      '/comunicado',
      'Con una foto buena y un video enorme',
      `adjunto: ${foto} | Foto de la rueda de prensa`,
      `adjunto: ${big}`,
      '.',
      '/comunicado',
      'Ahora sí, con foto y cartel',
      `adjunto: ${foto} | Foto de la rueda de prensa`,
      `adjunto: ${polyglot} | Cartel del festival`,
      '.',
    ].join('\n');
    const run = await runBot(script, { DATA_DIR: data });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('La descripción «alt otra-foto.jpg» no corresponde a ninguna imagen adjunta.');
    expect(run.stdout).toMatch(/«video\.mp4» pesa más de 100 MB/);
    const ids = [...run.stdout.matchAll(/C-\d{4}-(\d{4})/g)].map((m) => m[1]);
    expect(new Set(ids)).toEqual(new Set(['0001']));
    const left = await filesUnder(data);
    expect(left).toHaveLength(2);
    for (const f of left) expect(f).toMatch(/^C-\d{4}-0001\/[0-9a-f]{8}-(foto|cartel)\.jpg$/);
    const cartel = readFileSync(join(data, 'files', left.find((f) => f.endsWith('-cartel.jpg'))!));
    expect(cartel.includes(Buffer.from('<script'))).toBe(false); // re-encoded: the appended page is gone
    // No server path in what the bot says (the console's own banner names the outbox, on purpose).
    const said = run.stdout.split('\n').filter((l) => l.startsWith('│')).join('\n');
    expect(said).not.toContain(dir);
  });
});
