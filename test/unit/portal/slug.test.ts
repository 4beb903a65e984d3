import { describe, expect, it } from 'vitest';
import { portalSlug, safeFilename } from '../../../src/publish/portal/slug.ts';
import { slugify } from '../../../src/util/slug.ts';

describe('portal slugs', () => {
  it.each([
    ['Ibagué inaugura el Parque de la Música', 'ibague-inaugura-el-parque-de-la-musica'],
    ['Niños y niñas: ¡vacunación!', 'ninos-y-ninas-vacunacion'],
    ['<script>alert("x")</script>', 'script-alert-x-script'],
    ['  --- ', ''],
  ])('slugify(%j) = %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('starts with the comunicado id, then the placement (except the noticia), then the title', () => {
    expect(portalSlug('C-2026-0142', 'noticia', 'Cierre de la Quinta')).toBe('c-2026-0142-cierre-de-la-quinta');
    expect(portalSlug('C-2026-0142', 'slider_principal', 'Cierre de la Quinta')).toBe('c-2026-0142-slider-principal-cierre-de-la-quinta');
    expect(portalSlug('C-2026-0142', 'popup', '¡¡!!')).toBe('c-2026-0142-popup');
  });

  it('stays under WordPress’s 200 characters and never ends in a dash', () => {
    const slug = portalSlug('C-2026-0142', 'banner_aviso', 'palabra '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(190);
    expect(slug.startsWith('c-2026-0142-banner-aviso-palabra-')).toBe(true);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('makes filenames safe for Content-Disposition, keeping the extension', () => {
    expect(safeFilename('Foto Plaza Bolívar "final".JPG')).toBe('foto-plaza-bolivar-final.jpg');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\fotos\\niño.png')).toBe('nino.png');
    expect(safeFilename('.pdf')).toBe('pdf');
  });
});
