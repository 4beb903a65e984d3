import { describe, expect, it } from 'vitest';
import { parseForm } from '../../../src/domain/form.ts';

const NOW = new Date('2026-11-29T14:00:00Z');
const parse = (text: string) => parseForm(text, NOW, { timezone: 'America/Bogota' });

describe('the form lines of the captions gate', () => {
  it('«subtítulos video: archivo» (with or without accent) and «sin voz video» are read and leave the text', () => {
    const f = parse('Título\n\nEntradilla.\n\nCuerpo.\nsubtítulos recorrido.mp4: recorrido-es.srt\nSubtitulos otro video.mov: otro.vtt\nsin voz timelapse.mp4');
    expect(f.captionsFor).toEqual({ 'recorrido.mp4': 'recorrido-es.srt', 'otro video.mov': 'otro.vtt' });
    expect(f.noSpeech).toEqual(['timelapse.mp4']);
    expect(f.content.body).toBe('Cuerpo.');
  });

  it('a sentence that starts with «sin voz» or «subtítulos» stays text', () => {
    const f = parse('Título\n\nEntradilla.\n\nSin voz ni voto quedaron los vecinos del barrio.\nSubtítulos: habrá en todas las funciones del festival.');
    expect(f.noSpeech).toEqual([]);
    expect(f.captionsFor).toEqual({});
    expect(f.content.body).toBe('Sin voz ni voto quedaron los vecinos del barrio.\nSubtítulos: habrá en todas las funciones del festival.');
  });

  it('an edit of only these lines keeps the text it is given', () => {
    const f = parseForm('sin voz ambiente.mp4', NOW, { timezone: 'America/Bogota', keepText: { title: 'T', lead: 'L', body: 'B', hashtags: [] } });
    expect(f).toMatchObject({ textGiven: false, noSpeech: ['ambiente.mp4'], content: { title: 'T', body: 'B' } });
  });
});
