import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runBot } from '../../fakes/run-bot.ts';

const SCRIPT = (photo: string) => `/comunicado
Alcaldía entrega 120 luminarias <LED> & más en el barrio Jordán

La Secretaría de Infraestructura instaló 120 luminarias que mejoran la seguridad de 3.000 habitantes.

Las obras terminaron en seis semanas. #IbaguéBrilla
destinos: portal, facebook, x:alcalde
adjunto: ${photo} | Operarios instalan una luminaria en un poste del barrio Jordán
.
/como jefe
/reaccionar m1 ✅
`;

describe('console chat, driven through a pipe like `npm start < guion.txt`', { timeout: 180_000 }, () => {
  it('carries a comunicado from submission to dry-run published with links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
    const photo = join(dir, 'luminaria.jpg');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ffcc00' } }).jpeg().toFile(photo);
    const run = await runBot(SCRIPT(photo), { DATA_DIR: join(dir, 'data') });
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/Nuevo comunicado para aprobación: C-2026-0001|Nuevo comunicado para aprobación: C-\d{4}-0001/);
    expect(out).toMatch(/Recibido: C-\d{4}-0001/);
    expect(out).toMatch(/aprobado por jefe/);
    expect(out).toMatch(/📣 C-\d{4}-0001 .*: Publicado/);
    const links = [...out.matchAll(/• (.+?) \(simulación\): (file:\/\/\S+)/g)].map((m) => [m[1], m[2]]);
    // Once in the final message, once more in the author's own notice.
    expect(links.map(([l]) => l)).toEqual(['Portal · noticia', 'Facebook · Alcaldía', 'X · Alcalde', 'Portal · noticia', 'Facebook · Alcaldía', 'X · Alcalde']);
    expect(out).toMatch(/Su comunicado C-\d{4}-0001 «.+» quedó publicado en todos sus destinos\./);
    for (const [, url] of links) expect(existsSync(new URL(url!))).toBe(true);
    // The portal page escapes what was typed, and carries the image's alt text.
    const html = readFileSync(new URL(links[0]![1]!), 'utf8');
    expect(html).toContain('&lt;LED&gt; &amp; más');
    expect(html).not.toContain('<LED>');
    const record = JSON.parse(readFileSync(new URL(links[0]![1]!.replace(/\.html$/, '.json')), 'utf8'));
    expect(record.attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg', alt: 'Operarios instalan una luminaria en un poste del barrio Jordán' })]);
    expect(out).toMatch(/Fin de la entrada/);
  });

  it('bad input gets a Spanish message and nothing is created; the bot keeps going', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-bad-'));
    const fake = join(dir, 'foto.jpg');
    writeFileSync(fake, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)])); // an ELF program
    const input = [
      '/comunicado',
      'x'.repeat(10_000),
      '.',
      '/comunicado',
      'Título válido',
      'programar: 2020-01-01 08:00',
      '.',
      '/comunicado',
      'Con foto falsa',
      `adjunto: ${fake} | algo`,
      '.',
      '/estado C-2099-0001',
      '/inventado',
      '/estado',
    ].join('\n');
    const run = await runBot(input, { DATA_DIR: join(dir, 'data') });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/El título tiene 10000 caracteres; el máximo es 300/);
    expect(run.stdout).toMatch(/«programar» \(2020-01-01 08:00\) ya pasó/);
    expect(run.stdout).toMatch(/«foto\.jpg» es en realidad application\/x-elf, y ese tipo no se acepta/);
    expect(run.stdout).toMatch(/No encuentro el comunicado C-2099-0001/);
    expect(run.stdout).toMatch(/No conozco el comando «inventado»/);
    expect(run.stdout).toMatch(/No hay comunicados en curso/);
    expect(run.stdout).not.toMatch(/Error inesperado/);
  });
});
