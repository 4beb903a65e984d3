import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/errors.ts';
import { parseDestinations, parseForm } from '../../../src/domain/form.ts';
import { formatWhen } from '../../../src/render/time.ts';

const NOW = new Date('2026-11-29T14:00:00Z');
const ZONE = 'America/Bogota';

describe('plain-text form', () => {
  it('reads and shows times in the office zone it is given, not a built-in one', () => {
    const madrid = parseForm('Concierto\nprogramar: 2026-12-01 08:30', NOW, { timezone: 'Europe/Madrid' });
    expect(madrid.content.publishAt).toBe('2026-12-01T07:30:00Z'); // 08:30 in Madrid (UTC+1)
    expect(formatWhen('2026-12-01T13:30:00Z', ZONE)).toBe('1 de diciembre de 2026, 08:30');
    expect(formatWhen('2026-12-01T13:30:00Z', 'Europe/Madrid')).toBe('1 de diciembre de 2026, 14:30');
  });

  it('title, lead, body, hashtags and trailing lines', () => {
    const f = parseForm(
      [
        'Alcaldía abre inscripciones #Ibagué',
        '',
        'Entradilla en',
        'dos líneas.',
        '',
        'Cuerpo uno.',
        '',
        'Cuerpo dos con #Cultura y #ibagué repetido. Un correo a#b no cuenta, ni &#39;.',
        'destinos: portal, slider, facebook, x:alcalde, correo:radio',
        'programar: 2026-12-01 08:30',
        'vigencia: 2026-12-31',
        'alt foto.jpg: Niños en la biblioteca',
        'alt: Segunda foto',
      ].join('\n'),
      NOW,
      { timezone: ZONE },
    );
    expect(f.content.title).toBe('Alcaldía abre inscripciones #Ibagué');
    expect(f.content.lead).toBe('Entradilla en\ndos líneas.');
    expect(f.content.body).toBe('Cuerpo uno.\n\nCuerpo dos con #Cultura y #ibagué repetido. Un correo a#b no cuenta, ni &#39;.');
    expect(f.content.hashtags).toEqual(['Ibagué', 'Cultura']);
    expect(f.content.destinations).toEqual(['portal:noticia', 'portal:slider_principal', 'facebook:alcaldia', 'x:alcalde', 'email:radio']);
    expect(f.content.publishAt).toBe('2026-12-01T13:30:00Z'); // 08:30 in Bogotá (UTC-5)
    expect(f.content.vigenciaHasta).toBe('2026-12-31');
    expect(f.altByFile).toEqual({ 'foto.jpg': 'Niños en la biblioteca' });
    expect(f.altInOrder).toEqual(['Segunda foto']);
    expect(f.destinationsGiven).toBe(true);
  });

  it('uses the default destinations when none are given', () => {
    const f = parseForm('Solo título', NOW, { timezone: ZONE, defaults: ['portal:noticia', 'x:alcaldia'] });
    expect(f.content.destinations).toEqual(['portal:noticia', 'x:alcaldia']);
    expect(f.destinationsGiven).toBe(false);
  });

  it('collects every problem in Spanish at once', () => {
    let err: InputError | undefined;
    try {
      parseForm(['T'.repeat(301), 'destinos: portal, tiktok', 'programar: mañana', 'vigencia: 2020-01-01'].join('\n'), NOW, { timezone: ZONE });
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.problems).toEqual([
      expect.stringMatching(/destino «tiktok»/),
      expect.stringMatching(/AAAA-MM-DD HH:MM/),
      expect.stringMatching(/«vigencia» \(2020-01-01\) ya pasó/),
      expect.stringMatching(/El título tiene 301 caracteres/),
    ]);
  });

  it('removes control characters and keeps HTML as text', () => {
    const f = parseForm('Hola\u0000\u0007 <script>alert(1)</script>\r\n\r\nlead\u200B', NOW, { timezone: ZONE });
    expect(f.content.title).toBe('Hola <script>alert(1)</script>');
    expect(f.content.lead).toBe('lead');
  });

  it('an empty form explains itself', () => {
    expect(() => parseForm('  \n\n destinos: portal', NOW, { timezone: ZONE })).toThrowError(/El comunicado está vacío/);
  });

  it('an edit of only trailing lines keeps the text it is given and says which fields it names', () => {
    const keepText = { title: 'Feria del empleo', lead: 'Entradilla.', body: 'Cuerpo.', hashtags: ['Empleo'] };
    const f = parseForm('alt foto-1.jpg: Fila de personas\nvigencia: 2026-12-31', NOW, { timezone: ZONE, keepText });
    expect(f.textGiven).toBe(false);
    expect(f.content).toMatchObject({ ...keepText, vigenciaHasta: '2026-12-31' });
    expect(f.altByFile).toEqual({ 'foto-1.jpg': 'Fila de personas' });
    expect([f.destinationsGiven, f.scheduleGiven, f.vigenciaGiven]).toEqual([false, false, true]);

    const cleared = parseForm('programar:\ndestinos: portal', NOW, { timezone: ZONE, keepText });
    expect(cleared.content.publishAt).toBeUndefined();
    expect([cleared.destinationsGiven, cleared.scheduleGiven, cleared.vigenciaGiven]).toEqual([true, true, false]);
    // Its problems are still told, and a form with text replaces the text as before.
    expect(() => parseForm('programar: 2020-01-01 08:00', NOW, { timezone: ZONE, keepText })).toThrowError(/ya pasó/);
    expect(parseForm('Nuevo título', NOW, { timezone: ZONE, keepText }).content).toMatchObject({ title: 'Nuevo título', lead: '', body: '', hashtags: [] });
  });

  it('destination words', () => {
    expect(parseDestinations('alcalde, youtube:ambas, popup, banner').destinations).toEqual([
      'facebook:alcalde',
      'instagram:alcalde',
      'x:alcalde',
      'youtube:alcaldia',
      'youtube:alcalde',
      'portal:popup',
      'portal:banner_aviso',
    ]);
    expect(parseDestinations('portal:inventado, fb:gobernador').unknown).toEqual(['portal:inventado', 'fb:gobernador']);
  });
});
