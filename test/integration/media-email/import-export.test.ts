import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent, IncomingFile } from '../../../src/chat/port.ts';
import { runMediosCli } from '../../../src/cli/medios.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseContactsCsv } from '../../../src/media-email/csv.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { JEFE, makeMediaApp, REDACTORA, tempDir } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const CONFIG = `office:
  name: Oficina de Comunicaciones
  entity: Alcaldía de Ibagué
approval:
  approvers:
    console: [jefe]
media:
  segments: [regional]
`;

const CSV = [
  'nombre;medio;correo;segmento',
  'María Pérez;El Nuevo Día;maria@elnuevodia.com.co;prensa',
  'Juan;Ecos;juan@ecos;radio',
  'Ana Ruiz;Blog de Ana;ana@blogdeana.co;deportes',
  'Luis Díaz;Tolima Regional;luis@tolimaregional.co;regional',
  'María Otra;Otro;MARIA@elnuevodia.com.co;tv',
].join('\r\n');

function io(env: Record<string, string>, cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: readEnv(env), cwd },
  };
}

describe('CSV import and export', () => {
  let data: { dir: string; cleanup: () => Promise<void> };
  let env: Record<string, string>;

  beforeEach(async () => {
    data = await tempDir();
    await writeFile(join(data.dir, 'config.yaml'), CONFIG);
    await writeFile(join(data.dir, 'medios.csv'), CSV);
    env = { DATA_DIR: join(data.dir, 'data'), CONFIG_FILE: join(data.dir, 'config.yaml') };
  });

  afterEach(async () => {
    await data.cleanup();
  });

  it('medios:import reports the bad rows by line, imports the rest; --simular writes nothing; export reads back', async () => {
    const dry = io(env, data.dir);
    expect(await runMediosCli(['import', 'medios.csv', '--simular'], dry.io)).toBe(1);
    expect(dry.out.stdout).toContain('Simulación de importación (no se guardó nada): se agregarían 2 contactos; 3 filas con problemas.');

    const run = io(env, data.dir);
    expect(await runMediosCli(['import', 'medios.csv'], run.io)).toBe(1);
    expect(run.out.stdout).toBe(
      [
        'Importación: 2 contactos agregados, 3 filas con problemas.',
        '  fila 3: El correo «juan@ecos» no es una dirección válida (debe ser como nombre@medio.com, una sola dirección).',
        '  fila 4: El segmento «deportes» no existe. Segmentos válidos: prensa, radio, tv, digital, blogger, regional. Para crear otro, agréguelo en media.segments de la configuración.',
        '  fila 6: el correo maria@elnuevodia.com.co está repetido en el archivo (ya aparece en la fila 2).',
        '',
      ].join('\n'),
    );

    const exp = io(env, data.dir);
    expect(await runMediosCli(['export', 'salida.csv'], exp.io)).toBe(0);
    const rows = parseContactsCsv(await readFile(join(data.dir, 'salida.csv')));
    expect(rows.map((r) => `${r.email} ${r.segment}`)).toEqual(['maria@elnuevodia.com.co prensa', 'luis@tolimaregional.co regional']);

    // Importing the same file again: the two are refused as already on the list.
    const again = io(env, data.dir);
    await runMediosCli(['import', 'medios.csv'], again.io);
    expect(again.out.stdout).toContain('Importación: 0 contactos agregados, 5 filas con problemas.');
    expect(again.out.stdout).toContain('  fila 2: El correo maria@elnuevodia.com.co ya está en la lista');
  });

  it('refuses while the bot holds DATA_DIR, and says how to import from the chat', async () => {
    const store = await LowdbStore.open(env.DATA_DIR!);
    try {
      const run = io(env, data.dir);
      expect(await runMediosCli(['import', 'medios.csv'], run.io)).toBe(3);
      expect(run.out.stderr).toContain('/medios importar');
    } finally {
      await store.close();
    }
    const bad = io(env, data.dir);
    expect(await runMediosCli(['import'], bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('npm run medios:import -- archivo.csv');
  });

  it('npm run medios:import works from the shell', () => {
    const r = spawnSync('npm', ['run', '--silent', 'medios:import', '--', join(data.dir, 'medios.csv')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      encoding: 'utf8',
    });
    expect(r.stdout).toContain('Importación: 2 contactos agregados, 3 filas con problemas.');
    expect(r.status).toBe(1);
  });

  it('/medios importar takes the attached CSV in the chat (approvers only); agregar, quitar, listar and exportar', async () => {
    const m = await makeMediaApp({ dataDir: join(data.dir, 'chat-data'), media: { segments: ['regional'] } });
    try {
      const file: IncomingFile = { filename: 'medios.csv', open: async () => createReadStream(join(data.dir, 'medios.csv')) };
      let n = 0;
      const cmd = (actor: typeof JEFE, text: string, files: IncomingFile[] = []): ChatEvent => ({
        type: 'command',
        name: 'medios',
        text,
        files,
        eventKey: `imp-${++n}`,
        actor,
        origin: { platform: 'console', channel: 'comunicados', messageId: `u${n}` },
      });
      await m.app.handle(cmd(REDACTORA, 'importar', [file]));
      expect(m.chat.lastWhisper()).toContain('Solo quienes aprueban comunicados');
      expect(await m.media.directory.all()).toHaveLength(0);

      await m.app.handle(cmd(JEFE, 'importar', [file]));
      expect(m.chat.lastWhisper()).toContain('Importación: 2 contactos agregados, 3 filas con problemas.');
      expect(m.chat.lastWhisper()).toContain('fila 3: El correo «juan@ecos» no es una dirección válida');

      await m.app.handle(cmd(JEFE, ''));
      expect(m.chat.lastWhisper()).toContain('📇 Lista de medios: 2 contactos (2 activos, 0 con fallas, 0 dados de baja)');
      expect(m.chat.lastWhisper()).toContain('• Luis Díaz — Tolima Regional — luis@tolimaregional.co (regional)');

      await m.app.handle(cmd(JEFE, 'agregar Sara Mora; Blog de la 15; sara@blogdela15.co; blogger'));
      expect(m.chat.lastWhisper()).toBe('✅ Agregado a la lista de medios: Sara Mora (Blog de la 15) <sara@blogdela15.co>, segmento blogger.');
      await m.app.handle(cmd(JEFE, 'agregar Sara Mora; sara@blogdela15.co'));
      expect(m.chat.lastWhisper()).toContain('Uso: /medios agregar Nombre; Medio; correo; segmento');
      await m.app.handle(cmd(JEFE, 'quitar luis@tolimaregional.co'));
      expect(m.chat.lastWhisper()).toContain('Quitado de la lista de medios: Luis Díaz');

      await m.app.handle(cmd(JEFE, 'exportar'));
      // The console cannot receive a file: it is written under DATA_DIR/outbox and the path shown.
      const path = /exportada en (\S+)/.exec(m.chat.lastWhisper())?.[1];
      expect(path).toBeTruthy();
      const exported = parseContactsCsv(await readFile(path!));
      expect(exported.map((r) => r.email).sort()).toEqual(['maria@elnuevodia.com.co', 'sara@blogdela15.co']);
    } finally {
      await m.close();
    }
  });
});
