import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBot } from '../../fakes/run-bot.ts';

describe('fault: hostile input is refused in Spanish, without a crash', { timeout: 180_000 }, () => {
  it('HTML and script in every field end up as text; control characters are dropped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    const script = [
      '/comunicado',
      'Título <script>alert("x")</script> & "comillas"\u0007\u0000',
      '',
      '<img src=x onerror=alert(1)> entradilla',
      '',
      '<iframe src="javascript:alert(2)"></iframe> cuerpo #Etiqueta',
      'destinos: portal, facebook',
      '.',
      '/como jefe',
      '/aprobar C-2026-0001',
    ].join('\n');
    const run = await runBot(script, { DATA_DIR: join(dir, 'data') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/📣 C-2026-0001 .*Publicado/);
    const html = readFileSync(join(dir, 'data', 'outbox', 'portal-noticia', 'C-2026-0001.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img src=x|<iframe/);
    expect(html).toContain('&lt;iframe src=&quot;javascript:alert(2)&quot;&gt;&lt;/iframe&gt;');
    const record = JSON.parse(readFileSync(join(dir, 'data', 'outbox', 'portal-noticia', 'C-2026-0001.json'), 'utf8'));
    expect(record.title).toBe('Título <script>alert("x")</script> & "comillas"');
  });

  it('a 200 MB file and a program named .jpg are refused with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-files-'));
    const big = join(dir, 'video.mp4');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB without writing them
    const exe = join(dir, 'foto.jpg');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(512)]));
    const script = ['/comunicado', 'Con video enorme', `adjunto: ${big}`, '.', '/comunicado', 'Con programa', `adjunto: ${exe} | foto`, '.', '/estado'].join('\n');
    const run = await runBot(script, { DATA_DIR: join(dir, 'data') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/«video\.mp4» pesa más de 100 MB/);
    expect(run.stdout).toMatch(/«foto\.jpg» (es en realidad application\/x-msdownload|no se acepta|.*No reconozco)/);
    expect(run.stdout).toMatch(/No hay comunicados en curso/);
  });

  it('a malformed config stops start-up listing each problem in Spanish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostile-config-'));
    writeFileSync(join(dir, 'c.yaml'), 'office:\n  name: ""\napproval:\n  requireReview: quizás\ndigest:\n  time: "7am"\n');
    const run = await runBot('', { DATA_DIR: join(dir, 'data'), CONFIG_FILE: join(dir, 'c.yaml') });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no es válida/);
    expect(run.stderr).toMatch(/office\.name/);
    expect(run.stderr).toMatch(/approval\.requireReview/);
    expect(run.stderr).toMatch(/digest\.time/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for a person's mistake
  });
});
