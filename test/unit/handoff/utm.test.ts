import { describe, expect, it } from 'vitest';
import { memberHandoff } from '../../../src/handoff/message.ts';
import { handoffRoster, pickAddress } from '../../../src/handoff/roster.ts';
import { memberSlug } from '../../../src/handoff/slug.ts';
import { withUtm } from '../../../src/handoff/utm.ts';
import { teamConfigSchema } from '../../../src/handoff/config.ts';

describe('per-member UTM', () => {
  it('tags the portal link with source, medium, campaign (id) and content (member)', () => {
    const url = new URL(withUtm('https://ibague.gov.co/noticias/luminarias', 'C-2026-0001', 'ana-maria-perez'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      utm_source: 'whatsapp',
      utm_medium: 'difusion',
      utm_campaign: 'C-2026-0001',
      utm_content: 'ana-maria-perez',
    });
    expect(url.origin + url.pathname).toBe('https://ibague.gov.co/noticias/luminarias');
  });

  it('keeps existing parameters and the fragment, and replaces earlier utm values', () => {
    const tagged = withUtm('https://ibague.gov.co/?p=42&utm_source=facebook#galeria', 'C-2026-0002', 'luis');
    const url = new URL(tagged);
    expect(url.searchParams.get('p')).toBe('42');
    expect(url.searchParams.getAll('utm_source')).toEqual(['whatsapp']);
    expect(url.hash).toBe('#galeria');
  });

  it('gives each member their own link inside their own WhatsApp text', () => {
    const roster = handoffRoster(teamConfigSchema.parse([{ name: 'Ana María Pérez' }, { name: 'Ana Maria Perez' }, { name: 'Ñoño Ñáñez' }]));
    expect(roster.map((m) => m.slug)).toEqual(['ana-maria-perez', 'ana-maria-perez-2', 'nono-nanez']);
    const c = { id: 'C-2026-0003', content: { title: 'T', lead: 'L', body: '', hashtags: [], attachments: [], destinations: [] } };
    const links = roster.map((m) => memberHandoff(c, 'https://ibague.gov.co/n/3', m.slug));
    expect(new Set(links.map((l) => l.portalLink)).size).toBe(3);
    for (const [i, l] of links.entries()) {
      expect(new URL(l.portalLink).searchParams.get('utm_content')).toBe(roster[i]!.slug);
      expect(l.text).toContain(l.portalLink);
    }
  });

  it('makes URL-safe slugs from any name', () => {
    expect(memberSlug('  José  Ángel O\'Neill-Ruíz ')).toBe('jose-angel-o-neill-ruiz');
    expect(memberSlug('👍')).toBe('integrante');
  });
});

describe('roster', () => {
  it('leaves out members with handoff: false and picks one platform per member', () => {
    const roster = handoffRoster(
      teamConfigSchema.parse({
        members: [
          { name: 'Ana', slack: 'U1', telegram: 111 },
          { name: 'Luis', telegram: '222' },
          { name: 'Marta', slack: 'U3', handoff: false },
        ],
      }),
    );
    expect(roster.map((m) => m.name)).toEqual(['Ana', 'Luis']);
    const [ana, luis] = roster as [(typeof roster)[0], (typeof roster)[0]];
    expect(pickAddress(ana, ['slack', 'telegram'], 'telegram')).toEqual({ platform: 'telegram', userId: '111' });
    expect(pickAddress(ana, ['slack', 'telegram'], 'slack')).toEqual({ platform: 'slack', userId: 'U1' });
    expect(pickAddress(luis, ['slack'], 'slack')).toBeUndefined();
    expect(pickAddress(luis, ['console'], 'console')).toEqual({ platform: 'console', userId: 'luis' });
  });
});
