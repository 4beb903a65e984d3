import { describe, expect, it } from 'vitest';
import { slugify, type SlugOptions } from '../../../src/util/slug.ts';

describe('the one slugify', () => {
  it.each<[string, SlugOptions | undefined, string]>([
    ['Ana María Pérez', undefined, 'ana-maria-perez'],
    ['Peña y Ñoño', undefined, 'pena-y-nono'],
    ['  ¡Vacunación 2026!  ', undefined, 'vacunacion-2026'],
    ['c-2026-0142', undefined, 'c-2026-0142'],
    ['a'.repeat(300), undefined, 'a'.repeat(190)],
    ['uno dos tres', { max: 4 }, 'uno'],
    ['uno dos tres', { max: 0 }, ''],
    ['uno dos tres', { max: -3 }, ''],
    ['¡¿?!', undefined, ''],
    ['¡¿?!', { fallback: 'integrante' }, 'integrante'],
    ['Ana María Pérez de la Santísima Trinidad Gómez', { max: 40, fallback: 'integrante' }, 'ana-maria-perez-de-la-santisima-trinidad'],
  ])('slugify(%j, %j) = %j', (text, options, expected) => {
    expect(slugify(text, options)).toBe(expected);
  });
});
