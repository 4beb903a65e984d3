import { describe, expect, it } from 'vitest';
import { allCapsRuns, paragraphsOf, passivePhrases, plainLanguageHints, readability, sentencesOf, unexplainedAcronyms } from '../../../src/accessibility/plain-language.ts';
import { syllables } from '../../../src/accessibility/syllables.ts';

/*
 * The plain-language table: for each rule, a Spanish text that triggers it and one that
 * does not (Circular DAFP 100-010 de 2021, lenguaje claro).
 */

const LONG =
  'La Alcaldía de Ibagué, a través de la Secretaría de Desarrollo Social Comunitario y en coordinación con las juntas de acción comunal de los barrios del sur de la ciudad, informa que las inscripciones para los subsidios se abren el próximo lunes en todas las sedes.';
const SHORT = 'Las inscripciones para los subsidios abren el lunes. Puede inscribirse en cualquier sede de la Alcaldía.';

const TABLE: Array<{ rule: string; triggers: string; passes: string; expect: unknown }> = [
  { rule: 'long_sentence', triggers: LONG, passes: SHORT, expect: { rule: 'long_sentence', words: 46, start: 'La Alcaldía de Ibagué, a través…' } },
  { rule: 'passive', triggers: 'El estudio fue realizado por la Universidad del Tolima.', passes: 'La Universidad del Tolima realizó el estudio.', expect: { rule: 'passive', phrase: 'fue realizado por' } },
  { rule: 'all_caps', triggers: 'ATENCIÓN VECINOS: el agua se suspende el martes.', passes: 'Atención, vecinos: el agua se suspende el martes.', expect: { rule: 'all_caps', words: 'ATENCIÓN VECINOS' } },
  {
    rule: 'acronym',
    triggers: 'El DAFP pide escribir en lenguaje claro.',
    passes: 'El Departamento Administrativo de la Función Pública (DAFP) pide escribir en lenguaje claro. El DAFP publicó una guía.',
    expect: { rule: 'acronym', acronym: 'DAFP' },
  },
  {
    rule: 'long_paragraph',
    triggers: 'Primero llegó la lluvia. Luego subió el río. El barrio se inundó. Los bomberos llegaron. La gente salió a tiempo. Hoy limpian las calles.',
    passes: 'Primero llegó la lluvia. Luego subió el río. El barrio se inundó.\n\nLos bomberos llegaron. La gente salió a tiempo. Hoy limpian las calles.',
    expect: { rule: 'long_paragraph', sentences: 6, start: 'Primero llegó la lluvia. Luego subió…' },
  },
];

describe('plain-language hints: each rule with a sentence that triggers it and one that does not', () => {
  for (const row of TABLE) {
    it(`${row.rule}: triggers`, () => {
      expect(plainLanguageHints(row.triggers).filter((h) => h.rule === row.rule)).toEqual([row.expect]);
    });
    it(`${row.rule}: does not trigger`, () => {
      expect(plainLanguageHints(row.passes).filter((h) => h.rule === row.rule)).toEqual([]);
    });
  }
});

describe('the pieces', () => {
  it('passive voice: with «ha sido», an adverb in between, irregular participles; not «estar», not adjectives', () => {
    expect(passivePhrases('Las obras han sido aprobadas por el concejo.')).toEqual(['han sido aprobadas por']);
    expect(passivePhrases('El decreto fue rápidamente firmado.')).toEqual(['fue rápidamente firmado']);
    expect(passivePhrases('El informe será escrito por la oficina.')).toEqual(['será escrito por']);
    expect(passivePhrases('La vía está cerrada hasta el viernes.')).toEqual([]);
    expect(passivePhrases('El parque es muy grande y es cuidado a diario.')).toEqual(['es cuidado']);
    expect(passivePhrases('Ha sido un año difícil.')).toEqual([]);
  });

  it('capitals: words of six letters or more, or groups; not a lone acronym, not acronyms side by side', () => {
    expect(allCapsRuns('IMPORTANTE: mañana no hay clases.')).toEqual(['IMPORTANTE']);
    expect(allCapsRuns('El ICBF y el SENA abren cupos.')).toEqual([]);
    expect(allCapsRuns('Convenio SENA ICBF firmado.')).toEqual([]);
  });

  it('acronyms: spelled out before in parentheses, or after; only the first use counts; roman numerals are not acronyms', () => {
    expect(unexplainedAcronyms('El SENA (Servicio Nacional de Aprendizaje) abre cupos. El SENA dará clases.')).toEqual([]);
    expect(unexplainedAcronyms('El Instituto Colombiano de Bienestar Familiar (ICBF) y el SENA abren cupos.')).toEqual(['SENA']);
    expect(unexplainedAcronyms('El festival llega a su edición XLII en el siglo XXI.')).toEqual([]);
    expect(unexplainedAcronyms('Descargue el PDF.', ['PDF'])).toEqual([]);
  });

  it('sentences and paragraphs: abbreviations and thousands do not end a sentence', () => {
    expect(sentencesOf('El Dr. Pérez habló. Asistieron 3.000 personas al evento.')).toEqual(['El Dr. Pérez habló.', 'Asistieron 3.000 personas al evento.']);
    expect(paragraphsOf('Uno.\n\nDos.\nTres.')).toEqual(['Uno.', 'Dos. Tres.']);
  });

  it('INFLESZ: a plain text scores higher than a dense one, with its level', () => {
    const easy = readability('El agua vuelve el lunes. Guarde agua hoy. La Alcaldía lleva carrotanques a los barrios.')!;
    const hard = readability(LONG)!;
    // 206.835 − 62.3 × 28/15 − 15/3 = 85.5; 206.835 − 62.3 × 88/46 − 46/1 = 41.6
    expect(easy).toEqual({ score: 86, level: 'muy_facil', words: 15, sentences: 3, syllables: 28 });
    expect(hard).toEqual({ score: 42, level: 'algo_dificil', words: 46, sentences: 1, syllables: 88 });
    expect(readability('')).toBeUndefined();
  });
});

describe('Spanish syllables (RAE, Ortografía 2010)', () => {
  const WORDS: Array<[string, number]> = [
    ['agua', 2], ['ciudadanos', 4], ['alcaldía', 4], ['aéreo', 4], ['leer', 2], ['país', 2], ['guerra', 2], ['pingüino', 3],
    ['transporte', 3], ['que', 1], ['hoy', 1], ['muy', 1], ['y', 1], ['buey', 1], ['realizado', 5], ['construcción', 3],
    ['Ibagué', 3], ['comunicado', 5], ['poesía', 4], ['biología', 4], ['cuidado', 3], ['ahí', 2], ['búho', 2], ['reúne', 3],
    ['caos', 2], ['guion', 1], ['día', 2], ['ruido', 2], ['3.000', 0],
  ];
  it.each(WORDS)('%s: %i', (word, n) => {
    expect(syllables(word)).toBe(n);
  });
});
