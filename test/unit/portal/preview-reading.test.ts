import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.ts';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import { renderPortalReading } from '../../../src/render/portal-html.ts';
import { image } from '../../fixtures/comunicados.ts';
import { makeComunicado, makeDeps } from '../../integration/portal/helpers.ts';

const OFFICE = {
  name: 'Oficina de Comunicaciones',
  entity: 'Alcaldía de Ibagué',
  boilerplate: 'La Alcaldía de Ibagué informa.',
  pressContact: { name: 'Prensa', email: 'prensa@ibague.gov.co', phone: '608 000 0000' },
};

const c = makeComunicado('C-2026-0007', {
  title: 'Cierre de la carrera 5 por obras <de> acueducto',
  lead: 'La carrera 5 estará cerrada el sábado.',
  body: 'Habrá desvíos por la carrera 4.\n\nLa obra termina el lunes. #Movilidad',
  hashtags: ['Movilidad', 'Ibagué'],
  attachments: [image({ filename: 'desvio.jpg', alt: 'Mapa de los desvíos en el centro' }), image({ filename: 'obra.jpg', alt: '' })],
});

describe('the portal preview reads like the page, not like its source (issue 14 item 5)', () => {
  it('shows title, lead, body, files with their alt text, hashtags said once, boilerplate and contact, with no markup', () => {
    const text = renderPortalReading(c, OFFICE);
    expect(text.split('\n\n')).toEqual([
      'Cierre de la carrera 5 por obras <de> acueducto',
      'La carrera 5 estará cerrada el sábado.',
      'Habrá desvíos por la carrera 4.',
      'La obra termina el lunes. #Movilidad',
      '🖼 desvio.jpg — texto alternativo: «Mapa de los desvíos en el centro»',
      '🖼 obra.jpg — sin texto alternativo',
      '#Ibagué',
      'La Alcaldía de Ibagué informa.',
      'Contacto de prensa: Prensa · prensa@ibague.gov.co · 608 000 0000',
    ]);
    expect(text).not.toMatch(/<(h1|p|strong|figure|img)\b|class=|&lt;/);
  });

  it('every portal placement previews that reading text, while the outbox keeps the HTML', () => {
    const deps = makeDeps('/tmp', loadConfig('config/comunicados.example.yaml').portal, {});
    for (const p of createPortalPublishers(deps)) {
      const preview = p.preview!(c);
      expect(preview.text.startsWith('Cierre de la carrera 5 por obras <de> acueducto\n\nLa carrera 5')).toBe(true);
      expect(preview.text).not.toContain('comunicado-entradilla');
    }
  });
});
