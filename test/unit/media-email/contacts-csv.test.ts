import { describe, expect, it } from 'vitest';
import { segmentsOf } from '../../../src/media-email/config.ts';
import { isValidEmail, validateContact } from '../../../src/media-email/contacts.ts';
import { contactsToCsv, parseContactsCsv } from '../../../src/media-email/csv.ts';
import { MediaDirectory } from '../../../src/media-email/directory.ts';
import { InputError } from '../../../src/domain/errors.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { mediaConfigSchema } from '../../../src/media-email/config.ts';

const SEGMENTS = segmentsOf(mediaConfigSchema.parse({ segments: ['regional'] }));

describe('contact validation', () => {
  it.each([
    ['maria.perez@elnuevodia.com.co', true],
    ['MARIA@ELNUEVODIA.COM', true],
    ['juan+prensa@ecos.co', true],
    ['juan@ecos', false],
    ['no-es-correo', false],
    ['a@b.co, c@d.co', false],
    ['a@b.co\r\nBcc: x@evil.example', false],
    ['"Juan" <juan@ecos.co>', false],
    ['juan @ecos.co', false],
    [`${'x'.repeat(250)}@ecos.co`, false],
  ])('%s -> %s', (email, ok) => {
    expect(isValidEmail(email.toLowerCase())).toBe(ok);
  });

  it('normalizes and reports every problem at once, in Spanish', () => {
    expect(validateContact({ name: '  María   Pérez ', outlet: 'El Nuevo Día', email: ' Maria@ElNuevoDia.com.co ', segment: 'Prensa' }, SEGMENTS)).toEqual({
      value: { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' },
      problems: [],
    });
    const bad = validateContact({ name: '', outlet: '', email: 'juan@', segment: 'deportes' }, SEGMENTS);
    expect(bad.value).toBeUndefined();
    expect(bad.problems).toEqual([
      'Falta el nombre.',
      'Falta el medio de comunicación.',
      'El correo «juan@» no es una dirección válida (debe ser como nombre@medio.com, una sola dirección).',
      'El segmento «deportes» no existe. Segmentos válidos: prensa, radio, tv, digital, blogger, regional. Para crear otro, agréguelo en media.segments de la configuración.',
    ]);
  });

  it('the config refuses a segment called todos or with capitals', () => {
    expect(mediaConfigSchema.safeParse({ segments: ['todos'] }).success).toBe(false);
    expect(mediaConfigSchema.safeParse({ segments: ['Deportes'] }).success).toBe(false);
    expect(mediaConfigSchema.parse({}).retry.delaysSeconds).toEqual([60, 300, 900, 1800, 3600]);
  });
});

describe('CSV', () => {
  it('reads a ;-separated spreadsheet export with BOM, CRLF and Spanish headers, with line numbers', () => {
    const csv = '\uFEFFNombre;Medio de comunicación;Correo electrónico;Segmento;Teléfono\r\n' + '"Pérez, María";El Nuevo Día;maria@elnuevodia.com.co;prensa;300\r\n' + '\r\n' + 'Juan;Ecos;juan@ecos.co;radio;\r\n';
    expect(parseContactsCsv(csv)).toEqual([
      { line: 2, name: 'Pérez, María', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' },
      { line: 4, name: 'Juan', outlet: 'Ecos', email: 'juan@ecos.co', segment: 'radio' },
    ]);
  });

  it('reads a ,-separated file with English headers and quoted commas', () => {
    const rows = parseContactsCsv('email,name,outlet,segment\njuan@ecos.co,"Gómez, Juan","Ecos, del Combeima",radio\n');
    expect(rows).toEqual([{ line: 2, name: 'Gómez, Juan', outlet: 'Ecos, del Combeima', email: 'juan@ecos.co', segment: 'radio' }]);
  });

  it('refuses a file without the needed columns, or not CSV at all, saying what is wrong', () => {
    expect(() => parseContactsCsv('nombre,correo\nAna,ana@x.co\n')).toThrow(InputError);
    expect(() => parseContactsCsv('nombre,correo\nAna,ana@x.co\n')).toThrow('Faltan columnas en el encabezado: medio, segmento.');
    expect(() => parseContactsCsv('')).toThrow('El archivo está vacío');
    expect(() => parseContactsCsv('nombre,medio,correo,segmento\n"Ana,Medio,ana@x.co,prensa\n')).toThrow(/mal formado cerca de la línea/);
  });

  it('exports ;-separated with a BOM, guards values a spreadsheet would run as formulas, and reads back', async () => {
    const dir = new MediaDirectory(new MemoryStore(), SEGMENTS, () => new Date('2026-11-30T14:00:00Z'));
    await dir.add({ name: '=HYPERLINK("https://evil.example","clic")', outlet: '+Medio', email: 'ana@medio.co', segment: 'prensa' }, 'test');
    await dir.add({ name: 'Pérez, María', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'regional' }, 'test');
    await dir.unsubscribe('ana@medio.co', 'url');
    const csv = contactsToCsv(await dir.all());
    expect(csv.startsWith('\uFEFFnombre;medio;correo;segmento;estado;agregado;nota\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""clic"")";'+Medio;ana@medio.co;prensa;dado de baja;2026-11-30;baja 2026-11-30 (url)`);
    expect(csv).toContain('Pérez, María;El Nuevo Día;maria@elnuevodia.com.co;regional;activo;2026-11-30;');
    const back = parseContactsCsv(csv);
    expect(back.map((r) => [r.name, r.outlet, r.email, r.segment])).toEqual([
      ['=HYPERLINK("https://evil.example","clic")', '+Medio', 'ana@medio.co', 'prensa'],
      ['Pérez, María', 'El Nuevo Día', 'maria@elnuevodia.com.co', 'regional'],
    ]);
  });
});

describe('import with bad rows', () => {
  it('adds the valid rows and reports every other one with its line and reason', async () => {
    const store = new MemoryStore();
    const dir = new MediaDirectory(store, SEGMENTS, () => new Date('2026-11-30T14:00:00Z'));
    await dir.add({ name: 'Ya Está', outlet: 'Medio', email: 'ya@medio.co', segment: 'tv' }, 'test');
    await dir.add({ name: 'Se Fue', outlet: 'Medio', email: 'sefue@medio.co', segment: 'tv' }, 'test');
    await dir.unsubscribe('sefue@medio.co', 'chat', 'jefe');
    const rows = parseContactsCsv(
      [
        'nombre;medio;correo;segmento',
        'María Pérez;El Nuevo Día;maria@elnuevodia.com.co;prensa',
        'Juan;Ecos;juan@ecos;radio',
        'Ana;Blog;ana@blog.co;deportes',
        ';Sin Nombre;sinnombre@medio.co;tv',
        'Otra María;Otro Medio;MARIA@elnuevodia.com.co;prensa',
        'Ya Está;Medio;ya@medio.co;tv',
        'Se Fue;Medio;sefue@medio.co;tv',
        'Luis Díaz;Tolima TV;luis@tolimatv.co;TV',
      ].join('\n'),
    );

    const dry = await dir.importRows(rows, 'test', { dryRun: true });
    expect(dry.added.map((c) => c.email)).toEqual(['maria@elnuevodia.com.co', 'luis@tolimatv.co']);
    expect((await dir.all()).map((c) => c.email)).toEqual(['ya@medio.co', 'sefue@medio.co']); // nothing written

    const report = await dir.importRows(rows, 'cli:prensa');
    expect(report.added.map((c) => c.email)).toEqual(['maria@elnuevodia.com.co', 'luis@tolimatv.co']);
    expect(report.problems).toEqual([
      { line: 3, message: 'El correo «juan@ecos» no es una dirección válida (debe ser como nombre@medio.com, una sola dirección).' },
      { line: 4, message: expect.stringContaining('El segmento «deportes» no existe.') },
      { line: 5, message: 'Falta el nombre.' },
      { line: 6, message: 'el correo maria@elnuevodia.com.co está repetido en el archivo (ya aparece en la fila 2).' },
      { line: 7, message: 'El correo ya@medio.co ya está en la lista: Ya Está (Medio, segmento tv). No se agrega dos veces.' },
      { line: 8, message: 'El correo sefue@medio.co se dio de baja el 2026-11-30 y no se vuelve a agregar. Si la persona pidió volver, use /medios reactivar sefue@medio.co.' },
    ]);
    const all = await dir.all();
    expect(all).toHaveLength(4);
    expect(all.find((c) => c.email === 'luis@tolimatv.co')).toMatchObject({ segment: 'tv', status: 'active', addedBy: 'cli:prensa' });
    // Every contact gets its own unsubscribe secret.
    expect(new Set(all.map((c) => c.token)).size).toBe(4);
    expect((await dir.doc()).log.at(-1)).toMatchObject({ action: 'import', by: 'cli:prensa', detail: '2 contactos' });
  });

  it('refuses a duplicate added by hand, whatever its case', async () => {
    const dir = new MediaDirectory(new MemoryStore(), SEGMENTS, () => new Date());
    await dir.add({ name: 'Juan', outlet: 'Ecos', email: 'juan@ecos.co', segment: 'radio' }, 'test');
    await expect(dir.add({ name: 'Juan 2', outlet: 'Ecos', email: 'JUAN@Ecos.co', segment: 'radio' }, 'test')).rejects.toThrow(
      'El correo juan@ecos.co ya está en la lista: Juan (Ecos, segmento radio). No se agrega dos veces.',
    );
    await expect(dir.remove('nadie@ecos.co', 'test')).rejects.toThrow('No hay ningún contacto con el correo nadie@ecos.co');
  });
});
