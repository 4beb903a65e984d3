import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMediosCli } from '../../../src/cli/medios.ts';
import { readEnv } from '../../../src/config/env.ts';
import type { RecordLine } from '../../../src/record/chain.ts';
import { personHash } from '../../../src/record/events.ts';
import { readRecord } from '../../../src/record/reader.ts';
import { verifyRecord } from '../../../src/record/verify.ts';
import { ROOT } from '../../fakes/run-bot.ts';

/*
 * `npm run medios:import` changes the media list with the bot stopped: those changes reach
 * the record too (as hashes, with each contact's source and legal basis from the CSV).
 */

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the media list CLI and the record', () => {
  it('records an import with a hash per person and the columns origen and base legal', async () => {
    dir = await mkdtemp(join(tmpdir(), 'registro-medios-cli-'));
    const csv = join(dir, 'medios.csv');
    await writeFile(csv, 'nombre;medio;correo;segmento;origen;base legal\nMaría Pérez;El Nuevo Día;maria@elnuevodia.example;prensa;directorio de la Gobernación;autorización verbal registrada\nJuan Gómez;Ecos;juan@ecos.example;radio;;\n');
    let out = '';
    const code = await runMediosCli(['import', csv], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) }, env: readEnv({ DATA_DIR: join(dir, 'data') }), cwd: ROOT });
    expect(code, out).toBe(0);
    const lines: RecordLine[] = [];
    for await (const r of readRecord(join(dir, 'data', 'registro'))) if (r.line) lines.push(r.line);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ kind: 'medios', action: 'import', people: [personHash('maria@elnuevodia.example'), personHash('juan@ecos.example')] });
    expect(String(lines[0]!.by)).toMatch(/^cli/);
    expect(JSON.stringify(lines)).not.toMatch(/maria|juan|Pérez|Gómez/i);
    expect((await verifyRecord(join(dir, 'data', 'registro'))).ok).toBe(true);
    const list = JSON.parse(await readFile(join(dir, 'data', 'docs', 'medios.json'), 'utf8')) as { contacts: Array<{ email: string; source: string; legalBasis: string }> };
    expect(list.contacts.map((c) => [c.email, c.source, c.legalBasis])).toEqual([
      ['maria@elnuevodia.example', 'directorio de la Gobernación', 'autorización verbal registrada'],
      ['juan@ecos.example', expect.stringMatching(/^importado de un CSV por cli/), 'Autorización del titular para recibir información de prensa (Ley 1581 de 2012, art. 9)'],
    ]);
  });
});
