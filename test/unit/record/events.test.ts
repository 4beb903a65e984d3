import { describe, expect, it } from 'vitest';
import type { Actor, Comunicado } from '../../../src/domain/comunicado.ts';
import { newComunicado, transition, type WorkflowRules } from '../../../src/domain/workflow.ts';
import { comunicadoEvents, contentHash, mediaEvents, mediaSnapshot, personHash } from '../../../src/record/events.ts';

/*
 * What the record writes for a change, as a pure function of the change: the gesture (also
 * an approval made by signed link, which keeps its channel on the approval), the version's
 * hash, a delivery's id and URL, the kind of submission; and for the media list, one event
 * per new log entry, naming people only by hash, also after an erasure rewrote older entries
 * and after the log dropped its oldest ones.
 */

const AUTHOR: Actor = { platform: 'slack', userId: 'U_AUTORA', name: 'Laura' };
const JEFE: Actor = { platform: 'slack', userId: 'U_JEFE', name: 'Carlos' };
const RULES: WorkflowRules = { approvers: { slack: ['U_JEFE'], telegram: [], console: [] }, reviewers: { slack: [], telegram: [], console: [] }, requireReview: false, authorMayApprove: false };
const at = (m: number) => new Date(Date.UTC(2026, 10, 3, 15, m));

function submitted(): Comunicado {
  const c = newComunicado({
    id: 'C-2026-0007',
    content: { title: 'Cierre vial en la calle 60', lead: '', body: 'Por obras.', hashtags: [], attachments: [], destinations: ['portal:noticia'], kind: 'aviso' } as Comunicado['content'],
    author: AUTHOR,
    origin: { platform: 'slack', channel: 'C1' },
    now: at(0),
  });
  return transition(c, { type: 'submit' }, AUTHOR, RULES, at(1)).comunicado;
}

describe('comunicado events', () => {
  it('carry the gesture of a person, the version hash and the kind; none for the bot', () => {
    const c = submitted();
    const events = comunicadoEvents(0, c, 'comando');
    expect(events.map((e) => [e.action, e.via, e.version, e.versionHash, e.submissionKind])).toEqual([
      ['create', 'comando', 1, contentHash(c.versions[0]!.content), 'aviso'],
      ['submit', 'comando', 1, contentHash(c.versions[0]!.content), 'aviso'],
    ]);
    const approved = transition(c, { type: 'approve' }, JEFE, RULES, at(2)).comunicado;
    const [approve] = comunicadoEvents(c.audit.length, approved, 'reaccion');
    expect(approve).toMatchObject({ action: 'approve', id: 'C-2026-0007', at: at(2).toISOString(), actor: { platform: 'slack', userId: 'U_JEFE', name: 'Carlos' }, via: 'reaccion', title: 'Cierre vial en la calle 60' });
  });

  it('an approval by signed link says so, whatever the chat context', () => {
    const c = submitted();
    const approved = transition(c, { type: 'approve' }, JEFE, RULES, at(2)).comunicado;
    (approved.approvals[0] as { channel?: string; member?: string }).channel = 'enlace';
    (approved.approvals[0] as { channel?: string; member?: string }).member = 'secretaria-gobierno';
    const [approve] = comunicadoEvents(c.audit.length, approved, undefined);
    expect(approve).toMatchObject({ via: 'enlace', member: 'secretaria-gobierno' });
  });

  it('a delivery carries the destination, the platform id and the URL', () => {
    const c = submitted();
    c.deliveries['portal:noticia'] = { destination: 'portal:noticia', state: 'done', attempts: 1, dryRun: false, remoteId: '4821', url: 'https://www.ibague.gov.co/noticias/cierre-vial' };
    const before = c.audit.length;
    c.audit.push({ at: at(3).toISOString(), actor: { platform: 'console', userId: 'bot', name: 'bot', isBot: true }, action: 'delivery_done', detail: 'portal:noticia: https://www.ibague.gov.co/noticias/cierre-vial' });
    const [done] = comunicadoEvents(before, c, 'boton');
    expect(done).toMatchObject({ action: 'delivery_done', destination: 'portal:noticia', remoteId: '4821', url: 'https://www.ibague.gov.co/noticias/cierre-vial', state: 'done', actor: { bot: true } });
    expect(done!.via).toBeUndefined();
  });
});

describe('media list events', () => {
  const entry = (i: number, action = 'add', email = `p${i}@medio.example`) => ({ at: at(i).toISOString(), action, email, by: 'slack:Carlos' });

  it('one event per new log entry, people by hash only', () => {
    const before = { version: 1, contacts: [], log: [entry(1)] };
    const after = { version: 1, contacts: [{ email: 'p1@medio.example' }, { email: 'p2@medio.example', source: 'chat', legalBasis: 'autorización' }], log: [entry(1), entry(2)] };
    const events = mediaEvents(mediaSnapshot(before), after);
    expect(events).toEqual([{ kind: 'medios', action: 'add', at: at(2).toISOString(), by: 'slack:Carlos', person: personHash('p2@medio.example'), source: 'chat', legalBasis: 'autorización' }]);
  });

  it('an erasure that rewrote older entries yields only the erasure itself', () => {
    const h = personHash('p1@medio.example');
    const before = { contacts: [{ email: 'p1@medio.example' }], log: [entry(1), entry(2, 'unsubscribe', 'p1@medio.example')] };
    const after = { contacts: [], log: [{ ...entry(1), email: h }, { ...entry(2, 'unsubscribe'), email: h }, { ...entry(3, 'forget'), email: h }] };
    expect(mediaEvents(mediaSnapshot(before), after).map((e) => [e.action, e.person])).toEqual([['forget', h]]);
  });

  it('a log that dropped its oldest entries still yields exactly the new ones', () => {
    const before = { contacts: [], log: [entry(1), entry(2), entry(3)] };
    const after = { contacts: [], log: [entry(2), entry(3), entry(4), entry(5)] };
    expect(mediaEvents(mediaSnapshot(before), after).map((e) => e.at)).toEqual([at(4).toISOString(), at(5).toISOString()]);
  });
});
