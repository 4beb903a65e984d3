import { describe, expect, it } from 'vitest';
import { buildDigest, type DigestData } from '../../../src/digest/content.ts';
import { daysLeft, openConvocatorias, placementsEnd } from '../../../src/portal-rules/convocatorias.ts';
import { estadoList } from '../../../src/render/chat.ts';
import { kindFacts } from '../../../src/render/kinds.ts';
import type { ComunicadoSummary } from '../../../src/store/port.ts';

const ZONE = 'America/Bogota';
const NOW = new Date('2026-03-12T15:00:00Z'); // 10:00 on the 12th in Ibagué

function summary(id: string, extra: Partial<ComunicadoSummary>): ComunicadoSummary {
  return { id, state: 'published', title: `Título ${id}`, author: { platform: 'slack', userId: 'U1' }, createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', deliveries: { 'portal:noticia': 'pending' }, ...extra };
}

describe('the kind in /estado, the preview and the digest', () => {
  it('/estado names an aviso or a convocatoria; a comunicado keeps its bare title', () => {
    const text = estadoList([
      summary('C-2026-0001', { state: 'pending_approval', kind: 'aviso' }),
      summary('C-2026-0002', { state: 'pending_approval', kind: 'convocatoria' }),
      summary('C-2026-0003', { state: 'pending_approval' }),
    ]).text;
    expect(text).toContain('«Aviso: Título C-2026-0001»');
    expect(text).toContain('«Convocatoria: Título C-2026-0002»');
    expect(text).toContain('«Título C-2026-0003»');
  });

  it('the preview facts: kind always, deadline and sign-up for a convocatoria, the target only with a placement', () => {
    const base = { title: 'T', lead: '', body: '', hashtags: [], attachments: [] };
    expect(kindFacts({ content: { ...base, destinations: ['portal:noticia'] } }, ZONE)).toEqual(['🏷️ Tipo: Comunicado de prensa']);
    // An aviso on the banner alone has no noticia to lead to: the preview says so.
    expect(kindFacts({ content: { ...base, kind: 'aviso', destinations: ['portal:banner_aviso'] } }, ZONE)).toEqual([
      '🏷️ Tipo: Aviso',
      '🔗 El slider, el banner y el pop-up llevan a: ninguna parte (no tiene noticia; agregue «enlace: https://…» si debe llevar a una página)',
    ]);
    expect(
      kindFacts({ content: { ...base, kind: 'convocatoria', closesAt: '2026-03-15T22:00:00Z', registrationUrl: 'https://ibague.gov.co/b', linkTarget: 'https://ibague.gov.co/x', destinations: ['portal:banner_aviso'] } }, ZONE),
    ).toEqual([
      '🏷️ Tipo: Convocatoria',
      '⏳ Cierre de la convocatoria: 15 de marzo de 2026, 17:00',
      '📝 Inscripciones: https://ibague.gov.co/b',
      '🔗 El slider, el banner y el pop-up llevan a: https://ibague.gov.co/x',
    ]);
  });

  it('open convocatorias, soonest first, with the days left in the office calendar; closed or unpublished ones are left out', () => {
    const list = openConvocatorias(
      [
        summary('C-2026-0010', { kind: 'convocatoria', closesAt: '2026-03-20T22:00:00Z' }),
        summary('C-2026-0011', { kind: 'convocatoria', closesAt: '2026-03-13T04:30:00Z' }), // 23:30 on the 12th in Ibagué
        summary('C-2026-0012', { kind: 'convocatoria', closesAt: '2026-03-11T22:00:00Z' }), // closed
        summary('C-2026-0013', { kind: 'convocatoria', closesAt: '2026-03-30T22:00:00Z', state: 'pending_approval' }),
        summary('C-2026-0014', { kind: 'aviso' }),
      ],
      NOW,
      ZONE,
    );
    expect(list.map((c) => [c.id, c.daysLeft])).toEqual([
      ['C-2026-0011', 0],
      ['C-2026-0010', 8],
    ]);
    expect(daysLeft('2026-03-13T22:00:00Z', NOW, ZONE)).toBe(1);
    const data: DigestData = { now: NOW, since: NOW, zone: ZONE, published: [], pending: [], attention: [], scheduledToday: [], vigencias: [], accounts: [], coverage: [], convocatorias: [...list, { id: 'C-2026-0015', title: 'Becas', closesAt: '2026-03-13T22:00:00Z', daysLeft: 1 }] };
    const text = buildDigest(data).text;
    expect(text).toContain('⏳ Convocatorias abiertas');
    expect(text).toContain('• C-2026-0011 «Título C-2026-0011» — cierra el 12 de marzo de 2026, 23:30: cierra hoy');
    expect(text).toContain('• C-2026-0010 «Título C-2026-0010» — cierra el 20 de marzo de 2026, 17:00: quedan 8 días');
    expect(text).toContain('• C-2026-0015 «Becas» — cierra el 13 de marzo de 2026, 17:00: queda 1 día');
  });

  it('placements come down at the vigencia end or the cierre, whichever comes first', () => {
    expect(placementsEnd({ closesAt: '2026-03-15T22:00:00Z' }, ZONE)).toEqual({ at: Date.parse('2026-03-15T22:00:00Z'), reason: 'cierre' });
    expect(placementsEnd({ closesAt: '2026-03-15T22:00:00Z', vigenciaHasta: '2026-03-10' }, ZONE)?.reason).toBe('vigencia');
    expect(placementsEnd({ closesAt: '2026-03-15T22:00:00Z', vigenciaHasta: '2026-03-31' }, ZONE)?.reason).toBe('cierre');
    expect(placementsEnd({}, ZONE)).toBeUndefined();
  });
});
