import { describe, expect, it } from 'vitest';
import { renderYoutube, YT_DESCRIPTION_MAX_BYTES } from '../../../src/render/youtube.ts';
import { nextQuotaReset } from '../../../src/publish/social/youtube/google-error.ts';
import { persistedBytes } from '../../../src/publish/social/youtube/resumable-upload.ts';

const link = 'https://ibague.gov.co/publicaciones/2026/03/video';

describe('renderYoutube', () => {
  it('title, description with lead, body paragraphs, link, touches and hashtags; tags from hashtags', () => {
    const r = renderYoutube(
      { title: 'Rueda de prensa', lead: 'Entradilla.', body: 'Párrafo uno.\n\n\nPárrafo dos.', hashtags: ['Ibagué', 'Lluvias'] },
      { link, touches: { signature: 'Alcaldía de Ibagué', mentions: ['AlcaldeIbague'], hashtags: ['ibagué', 'IbaguéVibra'] } },
    );
    expect(r.title).toBe('Rueda de prensa');
    expect(r.description).toBe(`Entradilla.\n\nPárrafo uno.\n\nPárrafo dos.\n\n${link}\n\nAlcaldía de Ibagué @AlcaldeIbague\n\n#Ibagué #Lluvias #IbaguéVibra`);
    expect(r.tags).toEqual(['Ibagué', 'Lluvias', 'IbaguéVibra']);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the description within 5,000 bytes of UTF-8 (accents count 2), cutting the text and never the link', () => {
    const body = 'Año de inversión en educación, señalización y atención ciudadana. '.repeat(200);
    const r = renderYoutube({ title: 'Balance', lead: '', body, hashtags: ['Ibagué'] }, { link });
    expect(Buffer.byteLength(r.description)).toBeLessThanOrEqual(YT_DESCRIPTION_MAX_BYTES);
    expect(r.descriptionBytes).toBe(Buffer.byteLength(r.description));
    // Counted in characters it would have fit far more: the byte limit is the binding one.
    expect(Array.from(r.description).length).toBeLessThan(YT_DESCRIPTION_MAX_BYTES);
    expect(r.description).toContain(`…\n\n${link}\n\n#Ibagué`);
    expect(r.warnings.join()).toMatch(/descripción para YouTube se recortará/);
  });

  it('more than 15 hashtags: YouTube would ignore them all, so the extra ones go', () => {
    const hashtags = Array.from({ length: 20 }, (_, i) => `Tema${i + 1}`);
    const r = renderYoutube({ title: 'T', lead: '', body: '', hashtags });
    expect(r.description.match(/#Tema\d+/g)).toHaveLength(15);
    expect(r.warnings.join()).toMatch(/#Tema16 #Tema17 #Tema18 #Tema19 #Tema20/);
  });

  it('tags stay within 500 characters', () => {
    const hashtags = Array.from({ length: 60 }, (_, i) => `EtiquetaMuyLargaNúmero${i}`);
    const r = renderYoutube({ title: 'T', lead: '', body: '', hashtags });
    expect(r.tags.join(',').length).toBeLessThanOrEqual(500);
    expect(r.tags.length).toBeGreaterThan(10);
  });
});

describe('YouTube quota reset and resumable Range', () => {
  it('resets at midnight Pacific, following daylight saving time', () => {
    expect(nextQuotaReset(new Date('2026-03-02T15:00:00Z')).toISOString()).toBe('2026-03-03T08:00:00.000Z'); // PST
    expect(nextQuotaReset(new Date('2026-07-10T03:00:00Z')).toISOString()).toBe('2026-07-10T07:00:00.000Z'); // PDT, still the 9th there
  });

  it('reads the persisted byte count from a 308 Range header', () => {
    expect(persistedBytes('bytes=0-524287')).toBe(524288);
    expect(persistedBytes(undefined)).toBe(0);
  });
});
