import { describe, expect, it } from 'vitest';
import { portalConfigSchema } from '../../../src/publish/portal/config.ts';
import { buildHttpPayload } from '../../../src/publish/portal/http/payload.ts';
import { summaryLine } from '../../../src/publish/portal/placement-body.ts';
import { buildPostPayload } from '../../../src/publish/portal/wordpress/post.ts';
import { makeComunicado } from '../../integration/portal/helpers.ts';

const office = { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', boilerplate: 'La Alcaldía informa.', timezone: 'America/Bogota' };
const now = new Date('2026-03-02T15:00:00Z');
const placements = portalConfigSchema.parse({
  type: 'wordpress',
  placements: {
    banner_aviso: { meta: { enlace: '{enlace}', tipo: '{tipo}', cierre: '{cierre}', resumen: '{resumen}' } },
    popup: { body: 'full' },
  },
}).placements;

const convocatoria = makeComunicado('C-2026-0150', {
  title: 'Convocatoria de becas <2027>',
  lead: 'La Alcaldía abre 200 becas para bachilleres. Hay plazo hasta el 15.',
  body: 'Requisitos: ser bachiller.\n\nSegundo párrafo largo del artículo.',
  kind: 'convocatoria',
  closesAt: '2026-03-15T22:00:00Z',
  registrationUrl: 'https://www.ibague.gov.co/becas',
});
const aviso = makeComunicado('C-2026-0151', {
  title: 'Corte de agua',
  lead: 'El martes no habrá agua en la comuna 5.',
  body: 'Texto largo del aviso que no debe ir al banner.',
  kind: 'aviso',
  linkTarget: 'https://ibague.gov.co/cortes?zona=5&dia=martes',
});

function payload(c: typeof aviso, placement: 'noticia' | 'banner_aviso' | 'popup', noticiaUrl?: string) {
  return buildPostPayload(c, { placement, mapping: placements[placement], office, media: [], categoryIds: [], tagIds: [], now, ...(noticiaUrl ? { noticiaUrl } : {}) });
}

describe('short placement bodies: no copy of the article on the front page', () => {
  it('a banner carries one line and its link target, not the body, the boilerplate or the press contact', () => {
    const p = payload(aviso, 'banner_aviso', 'https://portal.test/noticia/');
    expect(p.content).toBe(
      '<p class="comunicado-resumen">El martes no habrá agua en la comuna 5.</p>\n' +
        '<p class="comunicado-enlace"><a href="https://ibague.gov.co/cortes?zona=5&amp;dia=martes">Más información</a></p>',
    );
    expect(p.content).not.toContain('Texto largo');
    expect(p.content).not.toContain('La Alcaldía informa');
    expect(p.meta).toEqual({ enlace: 'https://ibague.gov.co/cortes?zona=5&dia=martes', tipo: 'aviso', cierre: '', resumen: 'El martes no habrá agua en la comuna 5.' });
  });

  it('without enlace a placement leads to the noticia; a convocatoria says its deadline and invites to sign up', () => {
    const p = payload(convocatoria, 'banner_aviso', 'https://portal.test/becas/');
    expect(p.content).toContain('<p class="comunicado-resumen">La Alcaldía abre 200 becas para bachilleres.</p>');
    expect(p.content).toContain('<p class="comunicado-cierre">Inscripciones hasta el 15 de marzo de 2026, 17:00 (hora de Colombia).</p>');
    expect(p.content).toContain('<a href="https://portal.test/becas/">Inscríbase aquí</a>');
    expect(p.meta).toMatchObject({ enlace: 'https://portal.test/becas/', tipo: 'convocatoria', cierre: '2026-03-15T22:00:00Z' });
    expect(p.title).toBe('Convocatoria de becas &lt;2027&gt;');
  });

  it('the noticia stays the full article, with the deadline and the sign-up link; `body: full` keeps a placement whole', () => {
    const n = payload(convocatoria, 'noticia');
    expect(n.content).toContain('Inscripciones hasta el 15 de marzo de 2026, 17:00');
    expect(n.content).toContain('<p class="comunicado-inscripciones"><a href="https://www.ibague.gov.co/becas">Inscríbase aquí</a></p>');
    expect(n.content).toContain('Segundo párrafo largo del artículo.');
    expect(payload(aviso, 'popup').content).toContain('Texto largo del aviso');
  });

  it('cuts a long line at a word, never mid-word, and falls back to the body', () => {
    const long = makeComunicado('C-2026-0152', { title: 'T', lead: `${'palabra '.repeat(40)}fin` });
    const line = summaryLine(long);
    expect(Array.from(line).length).toBeLessThanOrEqual(200);
    expect(line).toMatch(/palabra…$/);
    expect(summaryLine(makeComunicado('C-2026-0153', { title: 'T', body: 'Primera frase. Segunda.' }))).toBe('Primera frase.');
  });
});

describe('the HTTP portal payload carries the kind, cierre, enlace and the body mode', () => {
  it('for a placement and for the noticia', () => {
    const { doc } = buildHttpPayload(convocatoria, 'slider_principal', office, 'https://portal.test/becas/');
    expect(doc).toMatchObject({
      kind: 'convocatoria',
      cierre: '2026-03-15T22:00:00Z',
      inscripciones: 'https://www.ibague.gov.co/becas',
      enlace: 'https://portal.test/becas/',
      bodyMode: 'short',
      summary: 'La Alcaldía abre 200 becas para bachilleres.',
      image: null,
    });
    expect(doc.html).not.toContain('Segundo párrafo');
    const noticia = buildHttpPayload(aviso, 'noticia', office, undefined).doc;
    expect(noticia).toMatchObject({ kind: 'aviso', cierre: null, enlace: null, bodyMode: 'full' });
    expect(noticia.html).toContain('Texto largo del aviso');
    const old = buildHttpPayload(makeComunicado('C-2026-0154', { title: 'Sin tipo' }), 'noticia', office, undefined).doc;
    expect(old.kind).toBe('comunicado');
  });
});
