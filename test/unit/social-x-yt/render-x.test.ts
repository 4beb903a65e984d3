import twitter from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { fitWords, renderX, xWeightedLength } from '../../../src/render/x.ts';

const link = 'https://ibague.gov.co/publicaciones/2026/03/la-alcaldia-de-ibague-anuncia-el-plan-de-movilidad-para-el-festival-folclorico-colombiano-con-cierres-y-desvios-en-toda-la-ciudad?utm_source=x&utm_medium=social&utm_campaign=festival';

/** Every URL in `text` appears whole in one of the inputs: nothing was cut inside a URL. */
function urlsIntact(text: string, sources: string[]): void {
  for (const url of twitter.extractUrls(text)) expect(sources.some((s) => s.includes(url))).toBe(true);
}

/** Every word of `text` (ellipsis aside) is a whole word of the inputs: nothing cut mid-word. */
function wordsIntact(text: string, sources: string[]): void {
  const words = new Set(sources.join(' ').split(/\s+/).filter(Boolean));
  for (const raw of text.split(/\s+/).filter(Boolean)) {
    const w = raw.replace(/…$/, '');
    if (!w) continue;
    const whole = words.has(w) || [...words].some((s) => s.startsWith(w) && /[\s,;:.\-–—(«"'“]*$/.test(s.slice(w.length)) && s.slice(w.length).length > 0);
    expect(whole, `"${raw}" is a cut word`).toBe(true);
  }
}

describe('renderX: fitting within 280 weighted characters', () => {
  it('keeps a short comunicado whole, with the link and hashtags, and no warnings', () => {
    const r = renderX({ title: 'Pico y placa para el lunes', lead: 'Rige para placas terminadas en 1 y 2.', hashtags: ['Movilidad'] }, { link });
    expect(r.text).toBe(`Pico y placa para el lunes\n\nRige para placas terminadas en 1 y 2.\n\n${link}\n\n#Movilidad`);
    expect(r.warnings).toEqual([]);
    // The 240-character URL weighs 23, as on X.
    expect(r.weightedLength).toBe(xWeightedLength(r.text));
    expect(r.weightedLength).toBeLessThan(Array.from(r.text).length);
  });

  it('long URL inside the lead: never cut inside it, counted as 23', () => {
    const lead = `Consulte los desvíos en ${link} y en las redes oficiales de la Secretaría de Movilidad, que actualizará la información cada hora durante los cuatro días del festival y sus desfiles. `.repeat(3);
    const r = renderX({ title: 'Plan de movilidad para el Festival Folclórico', lead, hashtags: [] }, { link });
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    expect(twitter.parseTweet(r.text).valid).toBe(true);
    urlsIntact(r.text, [lead, link]);
    wordsIntact(r.text.replace(link, ''), [lead, 'Plan de movilidad para el Festival Folclórico']);
    expect(r.text).toContain('…');
    expect(r.warnings.join()).toMatch(/el texto para X se recortará/);
  });

  it('emoji and CJK weigh 2: the fit uses X weights, not string length', () => {
    const lead = '🎉🎶🇨🇴 ¡Ibagué celebra! 音楽の都 '.repeat(20);
    const r = renderX({ title: '🎺 Capital Musical de Colombia 🎻', lead, hashtags: ['Ibagué'] }, { link });
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    expect(r.weightedLength).toBe(twitter.parseTweet(r.text).weightedLength);
    // Outside the link, the text weighs more than its character count: emoji and CJK count 2.
    const rest = r.text.replace(link, '');
    expect(xWeightedLength(rest)).toBeGreaterThan(Array.from(rest).length);
    expect(r.text).toContain('…');
    expect(twitter.parseTweet(r.text).valid).toBe(true);
    // No half emoji (lone surrogate) anywhere.
    expect(r.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('accented Spanish: kept exactly (NFC), each letter weighs 1', () => {
    const title = 'Ibagué: inauguración del puente peatonal en la avenida Ambalá, año 2026';
    const lead = 'La Secretaría de Infraestructura entregó la obra, que beneficiará a más de 30.000 ciudadanos de las comunas 5, 6 y 7, según informó el secretario. '.repeat(4);
    const r = renderX({ title: title.normalize('NFD'), lead, hashtags: ['Ibagué'] }, { link });
    expect(r.text.startsWith(title)).toBe(true);
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    wordsIntact(r.text.replace(link, ''), [title, lead, '#Ibagué']);
    expect(r.text).toMatch(/…\n\n/);
  });

  it('40 hashtags: dropped from the end with a warning, title and link kept, some lead kept', () => {
    const hashtags = Array.from({ length: 40 }, (_, i) => `EtiquetaNúmero${i + 1}`);
    const r = renderX(
      { title: 'Feria de empleo en el coliseo', lead: 'Más de 40 empresas ofrecerán 1.500 vacantes el próximo viernes desde las 8 de la mañana.', hashtags },
      { link },
    );
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    expect(r.text).toContain('Feria de empleo en el coliseo');
    expect(r.text).toContain(link);
    expect(r.text).toContain('#EtiquetaNúmero1 ');
    expect(r.droppedHashtags.length).toBeGreaterThan(0);
    // Dropped from the end: what stays is a prefix of the list, in order.
    const kept = hashtags.slice(0, hashtags.length - r.droppedHashtags.length);
    expect(r.droppedHashtags).toEqual(hashtags.slice(kept.length));
    expect(r.text).toContain(kept.map((h) => `#${h}`).join(' '));
    expect(r.warnings.join('\n')).toContain(`se quitan las últimas ${r.droppedHashtags.length}, de #${r.droppedHashtags[0]} a #${hashtags[39]}`);
    expect(r.text).toContain('Más de 40 empresas');
  });

  it('account touches and fixed hashtags are added, without repeating a tag', () => {
    const r = renderX(
      { title: 'Aviso', lead: '', hashtags: ['Ibagué', 'Cultura'] },
      { link, touches: { signature: 'Alcaldía de Ibagué', mentions: ['@AlcaldeIbague'], hashtags: ['#ibagué', 'IbaguéVibra'] } },
    );
    expect(r.text).toBe(`Aviso\n\n${link}\n\nAlcaldía de Ibagué @AlcaldeIbague\n#Ibagué #Cultura #IbaguéVibra`);
  });

  it('a 300-character title is shortened on a word boundary; the link survives', () => {
    const title = 'Decreto que modifica temporalmente el horario de atención al público en todas las sedes '.repeat(4).slice(0, 300);
    const r = renderX({ title, lead: 'Texto.', hashtags: [] }, { link, touches: { signature: 'Firma de la cuenta que ocupa espacio' } });
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    expect(r.text).toContain(link);
    wordsIntact(r.text.replace(link, ''), [title]);
    expect(r.warnings.join('\n')).toMatch(/titular/);
  });

  it('a single word longer than the limit is cut between graphemes, never inside an emoji', () => {
    const r = renderX({ title: '🇨🇴'.repeat(200), lead: '', hashtags: [] }, {});
    expect(r.weightedLength).toBeLessThanOrEqual(280);
    expect(r.text.endsWith('🇨🇴…')).toBe(true);
  });

  it('ignores a non-web link (a dry-run file:// URL) instead of posting it', () => {
    const r = renderX({ title: 'Aviso', lead: '', hashtags: [] }, { link: 'file:///data/outbox/portal-noticia/C-2026-0001.html' });
    expect(r.text).toBe('Aviso');
  });

  it('a label stands in for an unknown link with the exact weight of a URL', () => {
    const lead = 'palabra '.repeat(80);
    const withLabel = renderX({ title: 'Título', lead, hashtags: [] }, { linkLabel: '«enlace del portal»' });
    const withLink = renderX({ title: 'Título', lead, hashtags: [] }, { link: 'https://ibague.gov.co/x' });
    expect(withLabel.text.replace('«enlace del portal»', 'https://ibague.gov.co/x')).toBe(withLink.text);
    expect(withLabel.weightedLength).toBe(withLink.weightedLength);
  });
});

describe('fitWords', () => {
  it('drops trailing punctuation before the ellipsis and keeps whole words', () => {
    const out = fitWords('uno, dos, tres, cuatro', (s) => s.length <= 12);
    expect(out).toBe('uno, dos…');
  });

  it('returns empty when not even the first word fits', () => {
    expect(fitWords('supercalifragilístico', (s) => s.length <= 5)).toBe('');
  });

  it('puts a space before the ellipsis after a URL so the URL stays clean', () => {
    const out = fitWords('ver https://ibague.gov.co/a y mucho más texto', (s) => xWeightedLength(s) <= 30);
    expect(out).toBe('ver https://ibague.gov.co/a …');
  });
});
