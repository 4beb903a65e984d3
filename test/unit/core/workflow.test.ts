import { describe, expect, it } from 'vitest';
import { STATES, type State } from '../../../src/domain/comunicado.ts';
import { WorkflowError } from '../../../src/domain/errors.ts';
import { authorize, publicationOutcome, transition, type WorkflowEvent } from '../../../src/domain/workflow.ts';
import { AUTHOR, BOT, JEFE, NOW, OTHER, RULES, REVISOR, comunicadoIn, content, image } from '../../fixtures/comunicados.ts';

const EVENTS: WorkflowEvent[] = [
  { type: 'submit' },
  { type: 'review' },
  { type: 'approve' },
  { type: 'ask_reason' },
  { type: 'reject', reason: 'Cifras sin verificar' },
  { type: 'request_changes', note: 'Corregir el titular' },
  { type: 'edit', content: content({ title: 'Título corregido' }) },
  { type: 'start_publishing' },
  { type: 'finish_publishing' },
  { type: 'retry' },
  { type: 'withdraw', reason: 'Información desactualizada' },
];

/** Who performs each event in the legal-move table (someone allowed to). */
function actorFor(event: WorkflowEvent) {
  if (event.type === 'submit' || event.type === 'edit') return AUTHOR;
  if (event.type === 'review') return REVISOR;
  return JEFE;
}

/** Where each legal move lands (for a comunicado with no deliveries and no schedule). */
const EXPECTED: Partial<Record<WorkflowEvent['type'], (from: State) => State>> = {
  submit: () => 'pending_approval',
  review: () => 'pending_approval',
  approve: () => 'approved',
  ask_reason: (from) => from,
  reject: () => 'rejected',
  request_changes: () => 'changes_requested',
  edit: (from) => (from === 'draft' ? 'draft' : 'pending_approval'),
  start_publishing: () => 'publishing',
  finish_publishing: () => 'failed',
  withdraw: () => 'withdrawn',
};

/**
 * The legal moves, written out here as the specification (rows: states; columns: events;
 * ✓ allowed, · refused), not read from the code's own table, so a change to the code that
 * the specification does not share fails here.
 */
const MOVES = `
                      submit review approve ask_reason reject request_changes edit start_publishing finish_publishing retry withdraw
draft                   ✓      ·      ·        ·         ·           ·          ✓          ·                ·             ·      ✓
pending_approval        ·      ✓      ✓        ✓         ✓           ✓          ✓          ·                ·             ·      ✓
changes_requested       ✓      ·      ·        ✓         ✓           ·          ✓          ·                ·             ·      ✓
approved                ·      ·      ·        ·         ·           ·          ✓          ✓                ·             ·      ✓
scheduled               ·      ·      ·        ·         ·           ·          ✓          ✓                ·             ✓      ✓
publishing              ·      ·      ·        ·         ·           ·          ·          ·                ✓             ·      ·
published               ·      ·      ·        ·         ·           ·          ·          ·                ·             ·      ✓
partially_published     ·      ·      ·        ·         ·           ·          ·          ·                ✓             ✓      ✓
failed                  ·      ·      ·        ·         ·           ·          ·          ·                ✓             ✓      ✓
rejected                ·      ·      ·        ·         ·           ·          ·          ·                ·             ·      ·
withdrawn               ·      ·      ·        ·         ·           ·          ·          ·                ·             ·      ·
`;

const [header, ...rows] = MOVES.trim().split('\n');
const columns = header!.trim().split(/\s+/);
const ALLOWED = new Map(rows.map((row) => {
  const [state, ...marks] = row.trim().split(/\s+/);
  return [state as State, new Set(columns.filter((_, i) => marks[i] === '✓'))];
}));

describe('workflow: every (state, event) pair', () => {
  it('the written table covers every state and every event', () => {
    expect([...ALLOWED.keys()].sort()).toEqual([...STATES].sort());
    expect([...columns].sort()).toEqual(EVENTS.map((e) => e.type).sort());
  });

  for (const state of STATES) {
    for (const event of EVENTS) {
      const legal = ALLOWED.get(state)?.has(event.type) ?? false;
      it(`${state} + ${event.type} → ${legal ? 'allowed' : 'refused'}`, () => {
        const c = comunicadoIn(state);
        if (event.type === 'retry') c.deliveries = { 'facebook:alcaldia': { destination: 'facebook:alcaldia', state: 'failed', attempts: 1, dryRun: false } };
        const run = () => transition(c, event, actorFor(event), RULES, NOW);
        if (!legal) {
          expect(run).toThrowError(WorkflowError);
          try {
            run();
          } catch (err) {
            expect((err as WorkflowError).code).toBe('illegal_transition');
            expect((err as Error).message).toMatch(/No se puede .*: el comunicado está en estado «/);
          }
          return;
        }
        const { comunicado } = run();
        const expected = event.type === 'retry' ? (state === 'scheduled' ? 'scheduled' : 'publishing') : EXPECTED[event.type]!(state);
        expect(comunicado.state).toBe(expected);
        expect(c.state).toBe(state); // the input is never mutated
        expect(comunicado.audit.length).toBeGreaterThanOrEqual(c.audit.length);
      });
    }
  }
});

describe('workflow rules', () => {
  it('only configured approvers approve, in Spanish', () => {
    const c = comunicadoIn('pending_approval');
    expect(() => transition(c, { type: 'approve' }, OTHER, RULES, NOW)).toThrowError(/no está configurado como aprobador/);
  });

  it('a bot never approves, even with an approver id', () => {
    expect(() => transition(comunicadoIn('pending_approval'), { type: 'approve' }, BOT, RULES, NOW)).toThrowError(WorkflowError);
  });

  it('an approver may not approve their own comunicado unless the config says so', () => {
    const c = comunicadoIn('pending_approval', { author: JEFE });
    expect(() => transition(c, { type: 'approve' }, JEFE, RULES, NOW)).toThrowError(/No puede aprobar su propio comunicado/);
    const ok = transition(c, { type: 'approve' }, JEFE, { ...RULES, authorMayApprove: true }, NOW);
    expect(ok.comunicado.state).toBe('approved');
  });

  it('with review required, the Jefe approves only after a review of the current version', () => {
    const rules = { ...RULES, requireReview: true };
    const c = comunicadoIn('pending_approval');
    expect(() => transition(c, { type: 'approve' }, JEFE, rules, NOW)).toThrowError(/necesita la revisión/);
    expect(() => transition(c, { type: 'review' }, OTHER, rules, NOW)).toThrowError(/no está configurado como revisor/);
    const reviewed = transition(c, { type: 'review' }, REVISOR, rules, NOW).comunicado;
    expect(transition(reviewed, { type: 'approve' }, JEFE, rules, NOW).comunicado.state).toBe('approved');
    // An edit after the review needs a new review.
    const edited = transition(reviewed, { type: 'edit', content: content({ lead: 'otra' }) }, AUTHOR, rules, NOW).comunicado;
    expect(() => transition(edited, { type: 'approve' }, JEFE, rules, NOW)).toThrowError(/necesita la revisión/);
  });

  it('an image without alt text blocks approval, naming the image', () => {
    const c = comunicadoIn('pending_approval', { content: content({ attachments: [image({ filename: 'tarima.jpg', alt: undefined }), image({ filename: 'ok.jpg' })] }) });
    expect(() => transition(c, { type: 'approve' }, JEFE, RULES, NOW)).toThrowError(/«tarima\.jpg» no tiene texto alternativo.*Resolución 1519/);
  });

  it('approval with a future publishAt schedules; with a past one publishes', () => {
    const future = comunicadoIn('pending_approval', { content: content({ publishAt: '2026-12-01T13:30:00Z' }) });
    const r = transition(future, { type: 'approve' }, JEFE, RULES, NOW);
    expect(r.comunicado.state).toBe('scheduled');
    expect(r.comunicado.scheduledFor).toBe('2026-12-01T13:30:00Z');
    expect(r.effects).toContainEqual({ type: 'schedule', at: '2026-12-01T13:30:00Z' });
    const now = transition(comunicadoIn('pending_approval'), { type: 'approve' }, JEFE, RULES, NOW);
    expect(now.effects).toContainEqual({ type: 'publish' });
  });

  it('rejection carries its reason; a blank reason is refused', () => {
    const c = comunicadoIn('pending_approval');
    expect(() => transition(c, { type: 'reject', reason: '   ' }, JEFE, RULES, NOW)).toThrowError(/motivo/);
    const r = transition(c, { type: 'reject', reason: 'Cifras sin verificar' }, JEFE, RULES, NOW);
    expect(r.comunicado.rejection).toMatchObject({ reason: 'Cifras sin verificar', actor: JEFE });
    expect(r.effects).toContainEqual({ type: 'notify_author', message: 'rejected' });
  });

  it('changes requested returns it to the author, whose edit and submit send it back to approval', () => {
    const c = comunicadoIn('pending_approval');
    const changed = transition(c, { type: 'request_changes', note: 'Corregir cifra' }, JEFE, RULES, NOW).comunicado;
    expect(changed.state).toBe('changes_requested');
    expect(() => transition(changed, { type: 'edit', content: content() }, OTHER, RULES, NOW)).toThrowError(/Solo el autor/);
    const edited = transition(changed, { type: 'edit', content: content({ title: 'Nuevo' }) }, AUTHOR, RULES, NOW);
    expect(edited.comunicado.state).toBe('pending_approval');
    expect(edited.effects).toContainEqual({ type: 'post_preview' });
  });

  it('an edit after approval keeps every version and clears the approval', () => {
    const c = transition(comunicadoIn('pending_approval', { content: content({ publishAt: '2026-12-01T13:30:00Z' }) }), { type: 'approve' }, JEFE, RULES, NOW).comunicado;
    const edited = transition(c, { type: 'edit', content: content({ title: 'Versión 2' }) }, AUTHOR, RULES, NOW);
    expect(edited.comunicado.state).toBe('pending_approval');
    expect(edited.comunicado.approvals).toEqual([]);
    expect(edited.comunicado.versions.map((v) => v.content.title)).toEqual(['Alcaldía entrega luminarias', 'Versión 2']);
    expect(edited.effects).toContainEqual({ type: 'cancel_schedule' });
  });

  it('a retry under embargo stays scheduled and only re-runs what may go out early', () => {
    const c = comunicadoIn('scheduled');
    c.deliveries = { 'email:todos': { destination: 'email:todos', state: 'failed', attempts: 1, dryRun: false } };
    const r = transition(c, { type: 'retry' }, JEFE, RULES, NOW);
    expect(r.comunicado.state).toBe('scheduled');
    expect(r.effects).toEqual([{ type: 'publish_before_embargo' }]);
  });

  it('the audit log only grows', () => {
    let c = comunicadoIn('draft');
    const steps: Array<[WorkflowEvent, typeof AUTHOR]> = [
      [{ type: 'submit' }, AUTHOR],
      [{ type: 'request_changes', note: 'x' }, JEFE],
      [{ type: 'edit', content: content({ title: 'y' }) }, AUTHOR],
      [{ type: 'approve' }, JEFE],
    ];
    let before = c.audit;
    for (const [e, a] of steps) {
      c = transition(c, e, a, RULES, NOW).comunicado;
      expect(c.audit.slice(0, before.length)).toEqual(before);
      expect(c.audit.length).toBe(before.length + 1);
      before = c.audit;
    }
  });

  it('withdrawing a published comunicado asks to take the deliveries down; only approvers may', () => {
    const c = comunicadoIn('published');
    expect(() => transition(c, { type: 'withdraw', reason: 'error' }, AUTHOR, RULES, NOW)).toThrowError(/aprobador/);
    const r = transition(c, { type: 'withdraw', reason: 'error' }, JEFE, RULES, NOW);
    expect(r.effects).toContainEqual({ type: 'withdraw_deliveries' });
    // The author may withdraw their own comunicado before it is public.
    expect(transition(comunicadoIn('pending_approval'), { type: 'withdraw', reason: 'ya no va' }, AUTHOR, RULES, NOW).comunicado.state).toBe('withdrawn');
  });
});

describe('publication outcome from deliveries', () => {
  const d = (state: 'pending' | 'done' | 'failed' | 'unknown' | 'in_flight') => ({ destination: 'x:alcaldia' as const, state, attempts: 1, dryRun: false });
  it.each([
    [['done', 'done'], 'published'],
    [['done', 'failed'], 'partially_published'],
    [['failed', 'failed'], 'failed'],
    [['done', 'unknown'], 'partially_published'],
    [['failed', 'unknown'], 'partially_published'],
    [['done', 'in_flight'], 'publishing'],
    [['pending'], 'publishing'],
  ] as const)('%j → %s', (states, expected) => {
    const deliveries = Object.fromEntries(states.map((s, i) => [`d${i}`, d(s)]));
    expect(publicationOutcome(deliveries)).toBe(expected);
  });
});

describe('authorize: acts outside the state machine that still belong to a role', () => {
  const act = { type: 'confirm', destination: 'facebook:alcaldia', published: false } as const;

  it('lets an approver confirm a delivery', () => {
    expect(() => authorize(comunicadoIn('partially_published'), act, JEFE, RULES)).not.toThrow();
  });

  it.each([
    ['the author', AUTHOR],
    ['a reviewer', REVISOR],
    ['anyone else', OTHER],
    ['the bot', BOT],
  ])('refuses %s, in Spanish, naming the comunicado and the destination', (_who, actor) => {
    const c = comunicadoIn('partially_published');
    let error: unknown;
    try {
      authorize(c, act, actor, RULES);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(WorkflowError);
    expect((error as WorkflowError).code).toBe('not_approver');
    expect((error as WorkflowError).message).toContain(`Solo un aprobador puede confirmar si ${c.id} quedó publicado en facebook:alcaldia`);
  });
});
