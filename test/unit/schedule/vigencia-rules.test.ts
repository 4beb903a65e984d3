import { describe, expect, it } from 'vitest';
import type { Delivery } from '../../../src/domain/comunicado.ts';
import { formatDuration } from '../../../src/schedule/duration.ts';
import { takesDown, vigenciaEnd } from '../../../src/schedule/vigencia.ts';

describe('schedule rules', () => {
  it('ends a vigencia at the end of its day in Bogotá', () => {
    expect(vigenciaEnd('2026-03-05', 'America/Bogota').toISOString()).toBe('2026-03-06T04:59:59.999Z');
  });

  it('takes down every portal placement but the noticia, and nothing on social networks', () => {
    const d = (destination: string) => ({ destination, state: 'done', attempts: 1, dryRun: false }) as Delivery;
    expect(['portal:slider_principal', 'portal:slider_contacto', 'portal:banner_aviso', 'portal:popup'].every((x) => takesDown(d(x)))).toBe(true);
    expect(takesDown(d('portal:noticia'))).toBe(false);
    expect(takesDown(d('facebook:alcaldia'))).toBe(false);
    expect(takesDown(d('email:todos'))).toBe(false);
  });

  it('says how late as a person would', () => {
    expect(formatDuration(3 * 60_000)).toBe('3 min');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(3 * 3_600_000 + 15 * 60_000)).toBe('3 h 15 min');
    expect(formatDuration(26 * 3_600_000 + 10 * 60_000)).toBe('1 d 2 h');
    expect(formatDuration(48 * 3_600_000)).toBe('2 d');
  });
});
