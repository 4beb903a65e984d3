import { describe, expect, it } from 'vitest';
import { helpText } from '../../../commands/ayuda.ts';
import type { State } from '../../../src/domain/comunicado.ts';
import { estadoList, estadoRecent } from '../../../src/render/chat.ts';
import type { ComunicadoSummary } from '../../../src/store/port.ts';

function summary(n: number, state: State, deliveries: ComunicadoSummary['deliveries'] = {}): ComunicadoSummary {
  const at = `2026-03-${String(n).padStart(2, '0')}T12:00:00Z`;
  return { id: `C-2026-${String(n).padStart(4, '0')}`, state, title: `Comunicado ${n}`, author: { platform: 'slack', userId: 'U1' }, createdAt: at, updatedAt: at, deliveries };
}

describe('/estado lists (issue 14 item 10)', () => {
  const all = [
    summary(1, 'pending_approval'),
    summary(2, 'changes_requested'),
    summary(3, 'approved'),
    summary(4, 'scheduled'),
    summary(5, 'publishing', { 'portal:noticia': 'in_flight' }),
    summary(6, 'partially_published', { 'portal:noticia': 'done', 'facebook:alcaldia': 'unknown' }),
    summary(7, 'failed', { 'portal:noticia': 'failed' }),
    summary(8, 'published', { 'portal:noticia': 'done' }),
    summary(9, 'rejected'),
    summary(10, 'withdrawn'),
    summary(11, 'published', { 'portal:noticia': 'done', 'x:alcaldia': 'unknown' }),
    summary(12, 'published', { 'portal:noticia': 'done', 'facebook:alcaldia': 'verifying' }),
  ];

  it('«en curso» holds what still needs someone, not what is closed', () => {
    const text = estadoList(all).text;
    for (const n of [1, 2, 3, 4, 5, 6, 7, 11, 12]) expect(text, `C-2026-${String(n).padStart(4, '0')}`).toContain(`C-2026-${String(n).padStart(4, '0')}`);
    for (const n of [8, 9, 10]) expect(text).not.toContain(`C-2026-${String(n).padStart(4, '0')}`);
  });

  it('«recientes» holds the last 10 closed ones, newest first', () => {
    const many = [...all, ...Array.from({ length: 12 }, (_, i) => summary(13 + i, 'published', { 'portal:noticia': 'done' }))];
    const lines = estadoRecent(many).text.split('\n').slice(1);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain('C-2026-0024');
    expect(estadoRecent(all).text).toContain('C-2026-0010');
    expect(estadoRecent(all).text).not.toContain('C-2026-0001');
    expect(estadoRecent([summary(1, 'pending_approval')]).text).toBe('No hay comunicados cerrados todavía.');
  });

  it('/ayuda names each chat’s own gestures (issue 14 item 11)', () => {
    expect(helpText('slack')).toContain('✅ (aprobar), ❌ (rechazar) o ✏️ (pedir cambios)');
    expect(helpText('telegram')).toContain('👍 (aprobar), 👎 (rechazar) o ✍ (pedir cambios)');
    expect(helpText('console')).toContain('/boton aprobar ID');
    for (const p of ['slack', 'telegram', 'console'] as const) expect(helpText(p)).not.toMatch(/\{\w+\}/);
  });
});
