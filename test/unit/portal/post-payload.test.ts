import { describe, expect, it } from 'vitest';
import { portalConfigSchema } from '../../../src/publish/portal/config.ts';
import { buildPostPayload, permalinkOf } from '../../../src/publish/portal/wordpress/post.ts';
import { makeComunicado } from '../../integration/portal/helpers.ts';

const office = { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', boilerplate: '' };
const now = new Date('2026-03-02T15:00:00Z');

function mapping(m: unknown = {}) {
  return portalConfigSchema.parse({ type: 'wordpress', placements: { noticia: m } }).placements.noticia;
}

describe('WordPress post payload', () => {
  it('escapes title and lead, puts the id in the slug, publishes now when there is no embargo', () => {
    const c = makeComunicado('C-2026-0142', { title: 'Obras & <b>vías</b> "nuevas"', lead: "Lead con 'comillas' <i>" });
    const p = buildPostPayload(c, { placement: 'noticia', mapping: mapping(), office, media: [], categoryIds: [], tagIds: [], now });
    expect(p).toMatchObject({
      title: 'Obras &amp; &lt;b&gt;vías&lt;/b&gt; &quot;nuevas&quot;',
      excerpt: 'Lead con &#39;comillas&#39; &lt;i&gt;',
      slug: 'c-2026-0142-obras-b-vias-b-nuevas',
      status: 'publish',
    });
    expect(p).not.toHaveProperty('date_gmt');
    expect(p).not.toHaveProperty('sticky');
    expect(p).not.toHaveProperty('featured_media');
  });

  it('schedules a future publishAt with date_gmt in UTC; a past one publishes now', () => {
    const future = makeComunicado('C-2026-0142', { title: 'x', publishAt: '2026-03-03T08:30:00-05:00' });
    expect(buildPostPayload(future, { placement: 'noticia', mapping: mapping(), office, media: [], categoryIds: [], tagIds: [], now })).toMatchObject({
      status: 'future',
      date_gmt: '2026-03-03T13:30:00',
    });
    const past = makeComunicado('C-2026-0142', { title: 'x', publishAt: '2026-03-01T08:30:00-05:00' });
    expect(buildPostPayload(past, { placement: 'noticia', mapping: mapping(), office, media: [], categoryIds: [], tagIds: [], now }).status).toBe('publish');
  });

  it('uses the first image as featured, the rest in the body, and fills meta templates', () => {
    const c = makeComunicado('C-2026-0142', { title: 'Feria', vigenciaHasta: '2026-03-31' });
    const media = [
      { id: 11, kind: 'image' as const, filename: 'a.jpg', url: 'http://p/a.jpg', sha256: 'a', alt: 'Primera' },
      { id: 12, kind: 'image' as const, filename: 'b.jpg', url: 'http://p/b.jpg', sha256: 'b', alt: 'Segunda "foto"' },
      { id: 13, kind: 'document' as const, filename: 'c.pdf', url: 'http://p/c.pdf', sha256: 'c' },
    ];
    const m = mapping({ sticky: true, body: 'full', meta: { enlace: '{noticiaUrl}', hasta: '{vigenciaHasta}', fijo: 'sí' } });
    const p = buildPostPayload(c, { placement: 'slider_principal', mapping: m, office, media, categoryIds: [3], tagIds: [7, 8], now, noticiaUrl: 'http://p/feria/' });
    expect(p).toMatchObject({ featured_media: 11, categories: [3], tags: [7, 8], sticky: true, meta: { enlace: 'http://p/feria/', hasta: '2026-03-31', fijo: 'sí' } });
    expect(p.slug).toBe('c-2026-0142-slider-principal-feria');
    expect(p.content).not.toContain('http://p/a.jpg');
    expect(p.content).toContain('<img src="http://p/b.jpg" alt="Segunda &quot;foto&quot;">');
    expect(p.content).toContain('<a href="http://p/c.pdf">c.pdf</a>');
    const withFeatured = buildPostPayload(c, { placement: 'noticia', mapping: mapping({ featuredImageInBody: true }), office, media, categoryIds: [], tagIds: [], now });
    expect(withFeatured.content).toContain('alt="Primera"');
  });

  it('gives a scheduled post its future permalink, not the ?p= link', () => {
    expect(permalinkOf({ id: 5, link: 'http://p/?p=5', slug: 'c-2026-0142-x', status: 'future', type: 'post', permalink_template: 'http://p/%postname%/' })).toBe('http://p/c-2026-0142-x/');
    expect(permalinkOf({ id: 6, link: 'http://p/?slider=x', slug: 's', status: 'future', type: 'slider', permalink_template: 'http://p/slider/%slider%/' })).toBe('http://p/slider/s/');
    expect(permalinkOf({ id: 7, link: 'http://p/x/', slug: 'x', status: 'publish', permalink_template: 'http://p/%postname%/' })).toBe('http://p/x/');
  });
});
