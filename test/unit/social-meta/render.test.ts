import { describe, expect, it } from 'vitest';
import { renderFacebook } from '../../../src/render/facebook.ts';
import { INSTAGRAM_CAPTION_MAX, renderInstagram } from '../../../src/render/instagram.ts';
import { makeComunicado } from '../../fakes/graph/fixtures.ts';

const countTags = (s: string) => (s.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu) ?? []).length;
const countMentions = (s: string) => (s.match(/(^|[^\p{L}\p{N}_.@])@[A-Za-z0-9._]+/gu) ?? []).length;
const LINK = 'https://ibague.gov.co/noticias/c-2026-0142';

describe('renderFacebook', () => {
  it('title, lead, link, hashtags (comunicado + account, deduplicated), mentions and signature', () => {
    const c = makeComunicado({ title: 'Título', lead: 'Entradilla', hashtags: ['Ibagué', 'Salud'] });
    const r = renderFacebook(c, { link: LINK, touches: { hashtags: ['#ibagué', 'Tolima'], mentions: ['GobTolima'], signature: 'Alcaldía de Ibagué' } });
    expect(r.text).toBe(`Título\n\nEntradilla\n\nMás información: ${LINK}\n\n#Ibagué #Salud #Tolima\n\n@GobTolima\n\nAlcaldía de Ibagué`);
    expect(r.limit).toBe(63_206);
  });

  it('without a portal link carries the body, shortened on a word boundary', () => {
    const body = 'palabra '.repeat(1000).trim();
    const r = renderFacebook(makeComunicado({ title: 'T', body }), {});
    expect(r.text).not.toContain('Más información');
    expect(r.text.endsWith('palabra…')).toBe(true);
    expect(r.length).toBeLessThan(5_010);
  });
});

describe('renderInstagram limits', () => {
  it('keeps at most 30 hashtags, the account ones first, and warns which were dropped', () => {
    const hashtags = Array.from({ length: 40 }, (_, i) => `tema${i + 1}`);
    const c = makeComunicado({ title: 'Evento #Ibagué', lead: 'Detalles', hashtags });
    const r = renderInstagram(c, { link: LINK, touches: { hashtags: ['AlcaldíaIbagué'], mentions: [] } });
    expect(countTags(r.text)).toBe(30);
    expect(r.text).toContain('#AlcaldíaIbagué');
    expect(r.text).toContain('#Ibagué');
    expect(r.text).toContain('#tema28');
    expect(r.text).not.toContain('#tema29');
    expect(r.warnings).toEqual(['Instagram admite 30 hashtags: se quitaron 12 (#tema29, #tema30, #tema31, #tema32, #tema33, …).']);
  });

  it('more than 30 hashtags typed in the text: the extra ones lose their "#"', () => {
    const lead = Array.from({ length: 35 }, (_, i) => `#t${i}`).join(' ');
    const r = renderInstagram(makeComunicado({ title: 'T', lead }), {});
    expect(countTags(r.text)).toBe(30);
    expect(r.text).toContain('#t29 t30');
    expect(r.warnings[0]).toContain('más de 30 hashtags');
  });

  it('keeps at most 20 mentions counting those in the text; an e-mail is not a mention', () => {
    const lead = 'Con @GobTolima y @MinSalud. Escriba a prensa@ibague.gov.co';
    const mentions = Array.from({ length: 25 }, (_, i) => `cuenta${i}`);
    const r = renderInstagram(makeComunicado({ title: 'T', lead }), { touches: { hashtags: [], mentions } });
    expect(countMentions(r.text)).toBe(20);
    expect(r.text).toContain('prensa@ibague.gov.co');
    expect(r.warnings[0]).toBe('Instagram admite 20 menciones: se quitaron 7 (@cuenta18, @cuenta19, @cuenta20, @cuenta21, @cuenta22, …).');
  });

  it('fits 2,200 characters by shortening the lead on a word boundary, keeping link and hashtags', () => {
    // The lead alone fits (≤ 2,000), the whole caption does not.
    const lead = 'La Alcaldía de Ibagué informa a la ciudadanía sobre la jornada. '.repeat(30).trim();
    const title = 'Jornada de atención integral para las familias de la comuna 12 '.repeat(3).trim();
    const hashtags = ['Ibagué', ...Array.from({ length: 25 }, (_, i) => `AtenciónCiudadana${i}`)];
    const c = makeComunicado({ title, lead, hashtags });
    const r = renderInstagram(c, { link: LINK, touches: { hashtags: [], mentions: [], signature: 'Alcaldía de Ibagué' } });
    expect(r.length).toBeLessThanOrEqual(INSTAGRAM_CAPTION_MAX);
    expect(r.length).toBeGreaterThan(INSTAGRAM_CAPTION_MAX - 30);
    expect(r.text).toContain(`Más información: ${LINK}`);
    expect(r.text).toContain('#Ibagué');
    expect(r.text).toContain('#AtenciónCiudadana24');
    expect(r.text).toMatch(/\S…\n\nMás información/);
    expect(r.warnings[0]).toMatch(/^El texto para Instagram supera 2200 caracteres: la entradilla se recortó \(\d+ caracteres menos\)\.$/);
  });

  it('counts emoji and accents as one character each (not UTF-16 units): nothing trimmed here', () => {
    const lead = '🎉'.repeat(1_000); // 2,000 UTF-16 units, 1,000 characters
    const hashtags = Array.from({ length: 20 }, (_, i) => `CelebraciónIbagué${i}`);
    const r = renderInstagram(makeComunicado({ title: 'Celebración en Ibagué', lead, hashtags }), {});
    expect(r.text.length).toBeGreaterThan(INSTAGRAM_CAPTION_MAX);
    expect(r.warnings).toEqual([]);
    expect(r.text).toContain(lead);
    expect(r.length).toBe(Array.from(r.text).length);
  });
});
