import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRegistroCli } from '../../../src/cli/registro.ts';
import { readEnv } from '../../../src/config/env.ts';
import type { IncomingFile } from '../../../src/chat/port.ts';
import { sha256 } from '../../../src/record/chain.ts';
import { botEnv, ROOT } from '../../fakes/run-bot.ts';
import { nodeArgs } from '../../fakes/compiled.ts';
import { FORM, JEFE, lastId, startRecordedApp, type RecordedApp } from './harness.ts';

/*
 * `npm run registro`: verificar says "íntegro" with the count or names the first broken
 * line; exportar gives a period as CSV or JSON; expediente writes the archive folder whose
 * manifest matches its files (and `sha256sum -c` agrees).
 */

let r: RecordedApp;
let out: string;
let idOct: string;
let idNov: string;
let idRejected: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runRegistroCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: readEnv({ DATA_DIR: r.dataDir }),
    cwd: out,
  });
  return { code, stdout, stderr };
}

async function photo(name: string): Promise<IncomingFile> {
  const data = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2e86c1' } }).jpeg().toBuffer();
  return { filename: name, mime: 'image/jpeg', size: data.length, open: async () => Readable.from([data]) };
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'registro-cli-'));
  r = await startRecordedApp();
  r.clock.now = new Date('2026-10-31T20:00:00Z');
  await r.command('comunicado', FORM.replace('Feria', 'Octubre: feria'));
  idOct = await lastId(r.app);
  await r.command('aprobar', idOct, JEFE);
  r.clock.now = new Date('2026-11-10T14:00:00Z');
  await r.command('comunicado', `${FORM}\nalt foto.jpg: Personas haciendo fila frente a la carpa de la feria\ndestinos: portal, facebook`, undefined, [await photo('foto.jpg')]);
  idNov = await lastId(r.app);
  r.clock.now = new Date('2026-11-10T15:00:00Z');
  await r.command('aprobar', idNov, JEFE);
  r.clock.now = new Date('2026-11-20T15:00:00Z');
  await r.command('comunicado', FORM.replace('Feria', 'Borrador rechazado'));
  idRejected = await lastId(r.app);
  await r.command('rechazar', `${idRejected} no es de esta oficina`, JEFE);
  r.clock.now = new Date('2026-12-01T15:00:00Z');
  await r.command('retirar', `${idNov} se corrigió la fecha`, JEFE);
  await r.stop();
}, 120_000);

afterAll(async () => {
  await r.remove();
  await rm(out, { recursive: true, force: true });
});

describe('npm run registro', () => {
  it('verificar: íntegro with the count; then one byte edited is named with its line', async () => {
    const count = (await r.lines()).length;
    const ok = await cli(['verificar']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^Registro íntegro: ${count} eventos encadenados \\(2026\\.jsonl\\)\\. Última huella: [a-f0-9]{64}`));

    const path = join(r.dataDir, 'registro', '2026.jsonl');
    const original = await readFile(path, 'utf8');
    try {
      const lines = original.split('\n');
      const mid = Math.floor(lines.length / 2);
      lines[mid] = lines[mid]!.replace(/"at":"2026-1/, '"at":"2025-1');
      await writeFile(path, lines.join('\n'));
      const broken = await cli(['verificar']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`Registro ROTO en 2026.jsonl, línea ${mid + 2}: la huella de la línea anterior no coincide`);
      expect(broken.stdout).toContain(`Las ${mid + 1} líneas anteriores están íntegras`);
    } finally {
      await writeFile(path, original);
    }
  });

  it('exportar: the CSV of November holds that month only, with who, how and the links', async () => {
    const res = await cli(['exportar', '--desde', '2026-11-01', '--hasta', '2026-11-30', '--formato', 'csv']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parse(res.stdout.slice(1), { columns: true }) as Array<Record<string, string>>;
    const ids = new Set(rows.filter((x) => x.comunicado).map((x) => x.comunicado));
    expect(ids).toEqual(new Set([idNov, idRejected]));
    // The bot's start (2026-11-03, with the config's hash) is in the period too.
    expect(rows.filter((x) => !x.comunicado).map((x) => `${x.area}.${x.accion}`)).toEqual(['config.start']);
    expect(rows.every((x) => x.fecha_utc! >= '2026-11-01T05:00:00.000Z' && x.fecha_utc! < '2026-12-01T05:00:00.000Z')).toBe(true);
    const approve = rows.find((x) => x.comunicado === idNov && x.accion === 'approve')!;
    expect(approve).toMatchObject({ persona: 'Carlos', usuario: 'console:jefe', medio_usado: 'comando', accion_descripcion: 'aprobado', fecha_local: '2026-11-10 10:00:00', version: '1' });
    expect(approve.huella_version).toMatch(/^[a-f0-9]{64}$/);
    const fb = rows.find((x) => x.comunicado === idNov && x.accion === 'delivery_done' && x.destino === 'facebook:alcaldia')!;
    expect(fb.url).toMatch(/^file:\/\//);
    expect(fb.id_en_plataforma).toBe(`dry-run:facebook:alcaldia:${idNov}`);
    expect(rows.find((x) => x.comunicado === idRejected && x.accion === 'reject')?.detalle).toBe('no es de esta oficina');
    // In the record's order.
    const ns = rows.map((x) => Number(x.n));
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
  });

  it('exportar: JSON of one day, and a bad period is refused with the usage', async () => {
    const res = await cli(['exportar', '--desde=2026-10-31', '--hasta=2026-10-31', '--formato=json']);
    const doc = JSON.parse(res.stdout) as { eventos: number; lineas: Array<{ id?: string; at: string }> };
    expect(doc.eventos).toBeGreaterThan(0);
    expect(doc.lineas.every((l) => l.id === undefined || l.id === idOct)).toBe(true);
    const bad = await cli(['exportar', '--desde', '2026-11-30', '--hasta', '2026-11-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('npm run registro -- exportar --desde');
  });

  it('expediente: folder with texts, attachment, approvals, links, withdrawal; the manifest matches every file', async () => {
    const res = await cli(['expediente', idNov.toLowerCase()]);
    expect(res.code, res.stderr).toBe(0);
    const folder = join(out, `expediente-${idNov}`);
    expect(res.stdout).toContain(`Expediente de ${idNov} escrito en ${folder}`);
    const manifest = JSON.parse(await readFile(join(folder, 'manifiesto.json'), 'utf8')) as { registro: { integro: boolean; lineas: number }; archivos: Array<{ ruta: string; bytes: number; sha256: string }> };
    expect(manifest.registro.integro).toBe(true);
    const paths = manifest.archivos.map((f) => f.ruta);
    expect(paths).toEqual(expect.arrayContaining(['adjuntos/foto.jpg', 'textos/portal-noticia.txt', 'textos/facebook-alcaldia.txt', 'registro.jsonl', 'resumen.json', 'comunicado.json', 'LEAME.txt']));
    for (const f of manifest.archivos) {
      const data = await readFile(join(folder, f.ruta));
      expect({ ruta: f.ruta, bytes: data.length, sha256: sha256(data) }).toEqual(f);
    }
    // Every file in the folder is in the manifest (besides the manifest and its sums).
    const listed = new Set(paths);
    const all = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(folder.length + 1));
    expect(all.filter((p) => !listed.has(p)).sort()).toEqual(['SHA256SUMS', 'manifiesto.json']);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' })).not.toMatch(/FAILED/);

    const summary = JSON.parse(await readFile(join(folder, 'resumen.json'), 'utf8'));
    expect(summary.aprobaciones).toEqual([expect.objectContaining({ tipo: 'aprobacion', por: 'Carlos', version: 1 })]);
    expect(summary.retiro).toMatchObject({ motivo: 'se corrigió la fecha', por: 'Carlos' });
    expect(summary.adjuntos[0]).toMatchObject({ archivo: 'foto.jpg', estado: 'coincide' });
    expect(summary.destinos.map((d: { destino: string; enlace: string }) => d.destino).sort()).toEqual(['facebook:alcaldia', 'portal:noticia']);
    const recordLines = (await readFile(join(folder, 'registro.jsonl'), 'utf8')).trim().split('\n');
    expect(recordLines.every((l) => JSON.parse(l).id === idNov)).toBe(true);
    expect(recordLines.some((l) => JSON.parse(l).action === 'withdraw')).toBe(true);
    expect(await readFile(join(folder, 'textos', 'facebook-alcaldia.txt'), 'utf8')).toContain('Feria del empleo');

    const again = await cli(['expediente', idNov]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ya existe y no está vacía');
    expect((await cli(['expediente', 'C-2026-0999'])).code).toBe(4);
  });

  it('is wired as `npm run registro` (a real process)', () => {
    const run = spawnSync(process.execPath, [...nodeArgs('src/cli/registro.ts'), 'verificar'], { cwd: ROOT, env: botEnv({ DATA_DIR: r.dataDir }), encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Registro íntegro: \d+ eventos/);
  });
});
