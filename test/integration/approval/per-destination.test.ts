import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalExtension } from '../../../src/approval/extension.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { ORIGIN, startPlatforms, type Platforms } from '../../fakes/platforms.ts';

/**
 * Issue 17 item 1: with `approval.release: per-destination` each destination goes out as
 * soon as its own rules are met, against the real publishers and their platform fakes.
 */

const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'Jefe' };
const DESPACHO: Actor = { platform: 'console', userId: 'despacho1', name: 'Despacho' };

let dir: string;
let p: Platforms;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'approval-release-'));
  p = await startPlatforms(dir, {
    config: {
      approval: {
        approvers: { console: ['jefe'] },
        groups: { despacho: { members: [{ name: 'Despacho', console: 'despacho1' }] } },
        rules: [{ destinations: ['*:alcalde'], require: [{ group: 'despacho' }] }],
        release: 'per-destination',
      },
    },
    extensions: (s) => [approvalExtension(s)],
  });
}, 60_000);

afterAll(async () => {
  await p?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('approval.release: per-destination', () => {
  it('the city accounts go out on the Jefe’s approval; the mayor’s wait for the Despacho', async () => {
    const c = await p.app.services.comunicados.submit({
      text: 'Alcaldía abre inscripciones a la Escuela de Música\n\nHay 300 cupos para niños.\ndestinos: portal, x:alcaldia, x:alcalde',
      files: [],
      actor: { platform: 'console', userId: 'redactora', name: 'Redactora' },
      origin: ORIGIN,
    });
    await p.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await p.app.idle();
    let now = (await p.app.services.store.get(c.id))!;
    expect(now.state).toBe('pending_approval');
    expect(Object.values(now.deliveries).map((d) => [d.destination, d.state])).toEqual([
      ['portal:noticia', 'done'],
      ['x:alcaldia', 'done'],
      ['x:alcalde', 'pending'],
    ]);
    expect([...p.x.tweets.values()].map((t) => t.authorId)).toEqual(['1111']);
    expect(p.chat.texts().join('\n')).toContain(`Jefe aprobó ${c.id}. Todavía falta: Despacho (Despacho) para X · Alcalde`);
    // /estado says who still has to approve, for which destinations.
    await p.app.handle({ type: 'command', name: 'estado', text: c.id, files: [], eventKey: `estado-${c.id}`, actor: { platform: 'console', userId: 'redactora' }, origin: ORIGIN });
    const estado = p.chat.texts().at(-1)!;
    expect(estado).toContain('• Jefe de Oficina: aprobado por Jefe para Portal · noticia, X · Alcaldía, X · Alcalde');
    expect(estado).toContain('• Despacho: falta 1 de 1 (Despacho) para X · Alcalde');

    await p.app.services.comunicados.apply(c.id, { type: 'approve' }, DESPACHO);
    await p.app.idle();
    now = (await p.app.services.store.get(c.id))!;
    expect(now.state).toBe('published');
    expect(Object.values(now.deliveries).every((d) => d.state === 'done')).toBe(true);
    // Each tweet once: the city's from the first release, the mayor's now.
    expect([...p.x.tweets.values()].map((t) => t.authorId)).toEqual(['1111', '2222']);
  }, 60_000);

  it('withdrawn while the mayor’s accounts still wait: what already went out is taken down, the rest never goes', async () => {
    const c = await p.app.services.comunicados.submit({
      text: 'Alcaldía anuncia cierre de la carrera Quinta\n\nEl cierre es el domingo.\ndestinos: x:alcaldia, x:alcalde',
      files: [],
      actor: { platform: 'console', userId: 'redactora', name: 'Redactora' },
      origin: { ...ORIGIN, messageId: 'u-withdraw' },
    });
    const before = p.x.tweets.size;
    await p.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await p.app.idle();
    expect(p.x.tweets.size).toBe(before + 1);
    await p.app.services.comunicados.withdraw(c.id, 'El cierre se aplazó', JEFE);
    await p.app.idle();
    const now = (await p.app.services.store.get(c.id))!;
    expect(now.state).toBe('withdrawn');
    expect(now.deliveries['x:alcaldia']?.state).toBe('withdrawn');
    expect(now.deliveries['x:alcalde']?.state).toBe('pending');
    expect(p.x.tweets.size).toBe(before);
  }, 60_000);
});
