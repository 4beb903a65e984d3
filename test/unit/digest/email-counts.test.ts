import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/digest/content.ts';

describe('digest: the media email shows its counts', () => {
  it('a delivery without a link is told by its summary', () => {
    const m = buildDigest({
      now: new Date('2026-11-30T12:00:00Z'),
      since: new Date('2026-11-29T12:00:00Z'),
      zone: 'America/Bogota',
      published: [
        {
          id: 'C-2026-0007',
          title: 'Jornada de vacunación',
          state: 'published',
          links: [{ destination: 'portal:noticia', url: 'https://ibague.gov.co/c-2026-0007', dryRun: false }],
          summaries: [{ destination: 'email:todos', summary: '198 aceptados · 1 diferido · 1 rechazado' }],
        },
      ],
      pending: [],
      attention: [],
      scheduledToday: [],
      vigencias: [],
      accounts: [],
      coverage: [],
    });
    expect(m.text).toContain('https://ibague.gov.co/c-2026-0007');
    expect(m.text).toMatch(/Correo · todos los medios: 198 aceptados · 1 diferido · 1 rechazado/);
  });
});
