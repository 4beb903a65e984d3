import { describe, expect, it } from 'vitest';
import { policyFromConfig } from '../../../src/approval/config.ts';
import { approvalLines } from '../../../src/approval/render.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { approvalProgress, pendingMembers, type ApprovalPolicy } from '../../../src/domain/approval-rules.ts';
import type { Actor, Comunicado } from '../../../src/domain/comunicado.ts';
import { transition, type WorkflowRules } from '../../../src/domain/workflow.ts';
import { chatErrorText } from '../../../src/messages/errors.ts';
import { AUTHOR, JEFE, NOW, RULES, comunicadoIn, content } from '../../fixtures/comunicados.ts';

const DESPACHO_1: Actor = { platform: 'slack', userId: 'U_DESP1', name: 'Despacho Uno' };
const DESPACHO_2: Actor = { platform: 'slack', userId: 'U_DESP2', name: 'Despacho Dos' };
const JURIDICA: Actor = { platform: 'slack', userId: 'U_JUR', name: 'Jurídica' };
const SUBJEFE: Actor = { platform: 'slack', userId: 'U_SUB', name: 'Subjefe' };

/** The `approval` section of a config, parsed as the bot parses it, turned into a policy. */
function policy(approval: Record<string, unknown> = {}): ApprovalPolicy {
  const config = parseConfig({
    office: { name: 'Oficina', entity: 'Alcaldía', timezone: 'America/Bogota' },
    approval: { approvers: { slack: ['U_JEFE', 'U_SUB'] }, ...approval },
  });
  return policyFromConfig(config.approval, config.office.timezone);
}

const GROUPS = {
  despacho: {
    label: 'Despacho del Alcalde',
    members: [
      { name: 'Despacho Uno', slack: 'U_DESP1' },
      { name: 'Despacho Dos', slack: 'U_DESP2' },
      { name: 'Despacho por correo', email: 'despacho@ibague.gov.co' },
    ],
  },
  juridica: { label: 'Oficina Jurídica', members: [{ name: 'Jurídica', slack: 'U_JUR' }] },
};

const MAYOR_RULE = { groups: GROUPS, rules: [{ destinations: ['*:alcalde'], require: [{ group: 'despacho', count: 1 }] }] };
const TWO_OF_THREE = { groups: GROUPS, rules: [{ identities: ['alcalde'], require: [{ group: 'despacho', count: 2 }] }] };
const ELECTION = {
  groups: GROUPS,
  restrictedPeriods: [
    { from: '2026-11-01', to: '2027-10-25', reason: 'Ley de garantías (Ley 996 de 2005)', identities: ['alcalde'], require: [{ group: 'juridica' }] },
  ],
};
const BLOCK = {
  groups: GROUPS,
  restrictedPeriods: [{ from: '2026-11-29', to: '2026-11-29', reason: 'Jornada electoral', kinds: ['social'], block: true }],
};
const FUTURE_WINDOW = {
  groups: GROUPS,
  restrictedPeriods: [{ from: '2027-01-01', to: '2027-01-31', reason: 'Veda', identities: ['alcalde'], require: [{ group: 'juridica' }] }],
};

const MIXED = ['portal:noticia', 'facebook:alcalde', 'x:alcalde'];

function pending(destinations: string[], approvers: Array<Actor | { member: string }>): Comunicado {
  const c = comunicadoIn('pending_approval', { content: content({ destinations: destinations as Comunicado['content']['destinations'] }) });
  c.approvals = approvers.map((a) =>
    'member' in a
      ? { kind: 'approve' as const, actor: { platform: 'slack' as const, userId: `enlace:${a.member}` }, at: NOW.toISOString(), version: 1, channel: 'enlace' as const, member: a.member }
      : { kind: 'approve' as const, actor: a, at: NOW.toISOString(), version: 1 },
  );
  return c;
}

describe('approval rules as a table', () => {
  // name | config | destinations | approvals so far | complete? | destinations met | per-destination release
  const rows: Array<[string, Record<string, unknown>, string[], Array<Actor | { member: string }>, boolean, string[]]> = [
    ['default: nobody yet', {}, MIXED, [], false, []],
    ['default: one Jefe releases everything', {}, MIXED, [JEFE], true, MIXED],
    ['default: another approver from the list is just as good', {}, MIXED, [SUBJEFE], true, MIXED],
    ['mayor rule: Jefe alone releases only the city portal', MAYOR_RULE, MIXED, [JEFE], false, ['portal:noticia']],
    ['mayor rule: Despacho alone releases nothing', MAYOR_RULE, MIXED, [DESPACHO_1], false, []],
    ['mayor rule: Jefe + Despacho by chat', MAYOR_RULE, MIXED, [JEFE, DESPACHO_2], true, MIXED],
    ['mayor rule: Jefe + Despacho by link', MAYOR_RULE, MIXED, [JEFE, { member: 'email:despacho@ibague.gov.co' }], true, MIXED],
    ['mayor rule: city accounts only need the Jefe', MAYOR_RULE, ['portal:noticia', 'facebook:alcaldia'], [JEFE], true, ['portal:noticia', 'facebook:alcaldia']],
    ['2 of 3: one Despacho is not enough', TWO_OF_THREE, MIXED, [JEFE, DESPACHO_1], false, ['portal:noticia']],
    ['2 of 3: two Despacho members are', TWO_OF_THREE, MIXED, [JEFE, DESPACHO_1, DESPACHO_2], true, MIXED],
    ['2 of 3: the same member twice counts once', TWO_OF_THREE, MIXED, [JEFE, DESPACHO_1, DESPACHO_1], false, ['portal:noticia']],
    ['election window: the mayor needs Jurídica', ELECTION, MIXED, [JEFE], false, ['portal:noticia']],
    ['election window: Jefe + Jurídica', ELECTION, MIXED, [JEFE, JURIDICA], true, MIXED],
    ['election window: the city accounts are not covered', ELECTION, ['portal:noticia', 'facebook:alcaldia'], [JEFE], true, ['portal:noticia', 'facebook:alcaldia']],
    ['block: social destinations never release during the window', BLOCK, ['portal:noticia', 'facebook:alcaldia'], [JEFE], false, ['portal:noticia']],
    ['a window that has not started asks nothing', FUTURE_WINDOW, MIXED, [JEFE], true, MIXED],
  ];

  for (const [name, approval, destinations, approvals, complete, perDestination] of rows) {
    it(name, () => {
      const p = policy(approval);
      const progress = approvalProgress(p, pending(destinations, approvals), NOW);
      expect(progress.complete).toBe(complete);
      expect(progress.released).toEqual(complete ? destinations : []);
      const perDest = approvalProgress({ ...p, release: 'per-destination' }, pending(destinations, approvals), NOW);
      expect(perDest.released).toEqual(perDestination);
    });
  }

  it('an approval of an earlier version does not count', () => {
    const c = pending(MIXED, [JEFE]);
    c.version = 2;
    expect(approvalProgress(policy(), c, NOW).complete).toBe(false);
  });

  it('a window is judged on the day the comunicado goes out (its embargo), not the day it is approved', () => {
    const c = pending(MIXED, [JEFE]);
    c.content.publishAt = '2027-01-10T14:00:00Z';
    expect(approvalProgress(policy(FUTURE_WINDOW), c, NOW).complete).toBe(false);
    expect(approvalProgress(policy(FUTURE_WINDOW), pending(MIXED, [JEFE]), NOW).complete).toBe(true);
  });

  it('says who still has to act, for which destinations, in Spanish', () => {
    const progress = approvalProgress(policy(ELECTION), pending(MIXED, [JEFE]), NOW);
    const lines = approvalLines(progress).join('\n');
    expect(lines).toContain('⚖️ Periodo restringido del 1 de noviembre de 2026 al 25 de octubre de 2027: Ley de garantías (Ley 996 de 2005). Se requiere además la aprobación de Oficina Jurídica para Facebook · Alcalde, X · Alcalde.');
    expect(lines).toContain('Oficina Jurídica: falta 1 de 1 (Jurídica) para Facebook · Alcalde, X · Alcalde');
    expect(lines).toContain('Jefe de Oficina: aprobado por Jefe para Portal · noticia, Facebook · Alcalde, X · Alcalde');
    expect(pendingMembers(progress).map((m) => [m.member.name, m.destinations])).toEqual([['Jurídica', ['facebook:alcalde', 'x:alcalde']]]);
  });

  it('a blocking window says so, with its reason and last day', () => {
    const lines = approvalLines(approvalProgress(policy(BLOCK), pending(['portal:noticia', 'facebook:alcaldia'], []), NOW)).join('\n');
    expect(lines).toContain('No se puede publicar en Facebook · Alcaldía mientras dure el periodo.');
    expect(lines).toContain('⛔ Facebook · Alcaldía: bloqueado hasta el 29 de noviembre de 2026 (Jornada electoral).');
  });

  it('today’s default adds no lines to the preview', () => {
    expect(approvalLines(approvalProgress(policy(), pending(MIXED, []), NOW))).toEqual([]);
  });
});

describe('the workflow under the rules', () => {
  const rules = (approval: Record<string, unknown>): WorkflowRules => ({ ...RULES, approvers: { ...RULES.approvers, slack: ['U_JEFE', 'U_SUB'] }, policy: policy(approval) });
  const mayor = pending(MIXED, []);

  it('the Jefe alone leaves a mayor comunicado pending, and the thread hears who is missing', () => {
    const r = transition(mayor, { type: 'approve' }, JEFE, rules(MAYOR_RULE), NOW);
    expect(r.comunicado.state).toBe('pending_approval');
    expect(r.effects).toEqual([{ type: 'approval_progress', approver: JEFE }]);
    const both = transition(r.comunicado, { type: 'approve', via: { channel: 'enlace', member: 'email:despacho@ibague.gov.co' } }, { platform: 'slack', userId: 'enlace:despacho', name: 'Despacho por correo' }, rules(MAYOR_RULE), NOW);
    expect(both.comunicado.state).toBe('approved');
    expect(both.effects.map((e) => e.type)).toEqual(['publish', 'notify_author']);
    expect(both.comunicado.approvals.at(-1)).toMatchObject({ channel: 'enlace', member: 'email:despacho@ibague.gov.co' });
    expect(both.comunicado.audit.at(-1)).toMatchObject({ action: 'approve', detail: 'enlace' });
  });

  it('today’s default: one Jefe approves and it publishes', () => {
    const r = transition(comunicadoIn('pending_approval'), { type: 'approve' }, JEFE, rules({}), NOW);
    expect(r.comunicado.state).toBe('approved');
  });

  const refusals: Array<[string, Record<string, unknown>, Actor, Comunicado, string]> = [
    ['a stranger is still no approver', MAYOR_RULE, AUTHOR, mayor, 'not_approver'],
    ['Despacho on a comunicado with no mayor destination is not required', MAYOR_RULE, DESPACHO_1, pending(['portal:noticia'], []), 'not_required'],
    ['the same Jefe twice', MAYOR_RULE, JEFE, pending(MIXED, [JEFE]), 'already_approved'],
    ['a blocked window', BLOCK, JEFE, pending(['facebook:alcaldia'], []), 'blocked'],
  ];
  for (const [name, approval, actor, c, code] of refusals) {
    it(`refused: ${name}`, () => {
      let caught: unknown;
      try {
        transition(c, { type: 'approve' }, actor, rules(approval), NOW);
      } catch (err) {
        caught = err;
      }
      expect((caught as { code?: string }).code).toBe(code);
      expect(chatErrorText(caught)).not.toMatch(/\{\w+\}/);
    });
  }

  it('a link decision for an earlier version is refused in the same write (an edit voids the link)', () => {
    const edited = { ...mayor, version: 2 };
    let caught: unknown;
    try {
      transition(edited, { type: 'approve', via: { channel: 'enlace', member: 'email:despacho@ibague.gov.co', version: 1 } }, { platform: 'slack', userId: 'enlace:d' }, rules(MAYOR_RULE), NOW);
    } catch (err) {
      caught = err;
    }
    expect((caught as { code?: string }).code).toBe('link_voided');
    expect(chatErrorText(caught)).toContain('se editó después de enviarle este enlace');
  });

  it('a link decision from someone who is no member is refused', () => {
    expect(() =>
      transition(mayor, { type: 'approve', via: { channel: 'enlace', member: 'email:nadie@ibague.gov.co' } }, { platform: 'slack', userId: 'enlace:x' }, rules(MAYOR_RULE), NOW),
    ).toThrow();
  });

  it('Despacho may reject a mayor comunicado, with the link recorded in the audit', () => {
    const r = transition(mayor, { type: 'reject', reason: 'No es el momento', via: { channel: 'enlace', member: 'email:despacho@ibague.gov.co' } }, { platform: 'slack', userId: 'enlace:d' }, rules(MAYOR_RULE), NOW);
    expect(r.comunicado.state).toBe('rejected');
    expect(r.comunicado.audit.at(-1)).toMatchObject({ action: 'reject', detail: 'enlace: No es el momento' });
  });

  it('the config refuses a rule naming a group that does not exist', () => {
    expect(() => policy({ rules: [{ destinations: ['*:alcalde'], require: [{ group: 'despaco' }] }] })).toThrow(/despaco/);
  });
});
