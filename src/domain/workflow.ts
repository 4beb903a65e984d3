import { said, WorkflowError } from './errors.ts';
import { ALT_MIN_CHARS, imagesWithWeakAlt, videosWithoutCaptions } from './accessibility.ts';
import { actorName, type Actor, type Comunicado, type Content, type Delivery, type Platform, type State } from './comunicado.ts';
import { approvalProgress, deciderKey, defaultPolicy, groupsOf, mayDecide, type ApprovalPolicy } from './approval-rules.ts';

/** Who may do what; comes from the `aprobacion` section of the config. */
export interface WorkflowRules {
  approvers: Record<Platform, string[]>;
  reviewers: Record<Platform, string[]>;
  /** A profesional or técnico must review before the Jefe approves. */
  requireReview: boolean;
  /** Whether an approver may approve a comunicado they wrote themselves. */
  authorMayApprove: boolean;
  /** Who must approve what (`approval.groups`, `rules`, `restrictedPeriods`); default: one Jefe. */
  policy?: ApprovalPolicy;
}

/** A decision made through a signed link instead of the chat: the member it was sent to. */
export interface LinkDecision {
  channel: 'enlace';
  member: string;
  /** The version the link was sent for: checked in the same write as the decision (an edit voids it). */
  version?: number;
}

/** The approval policy of these rules: the configured one, or today's single Jefe. */
export function policyOf(rules: WorkflowRules): ApprovalPolicy {
  return rules.policy ?? defaultPolicy(rules.approvers);
}

export type WorkflowEvent =
  | { type: 'submit' }
  | { type: 'review' }
  | { type: 'approve'; via?: LinkDecision }
  | { type: 'ask_reason' }
  | { type: 'reject'; reason: string; via?: LinkDecision }
  | { type: 'request_changes'; note: string; via?: LinkDecision }
  | { type: 'edit'; content: Content }
  | { type: 'start_publishing' }
  | { type: 'finish_publishing' }
  | { type: 'retry' }
  | { type: 'withdraw'; reason: string };

export type Effect =
  | { type: 'post_preview' }
  | { type: 'notify_author'; message: string }
  | { type: 'ask_reason'; approver: Actor }
  | { type: 'publish' }
  /** An approval was recorded but others are still required: the thread hears who is missing. */
  | { type: 'approval_progress'; approver: Actor }
  /** `approval.release: per-destination`: these destinations' rules are met, they go out now. */
  | { type: 'publish_released'; destinations: string[] }
  /** Under embargo only what may go out before the hour (the media email) is retried. */
  | { type: 'publish_before_embargo' }
  | { type: 'schedule'; at: string }
  | { type: 'cancel_schedule' }
  | { type: 'withdraw_deliveries' };

export interface TransitionResult {
  comunicado: Comunicado;
  effects: Effect[];
}

/** States each event may start from. Anything else is an illegal move. */
export const LEGAL_FROM: Record<WorkflowEvent['type'], readonly State[]> = {
  submit: ['draft', 'changes_requested'],
  review: ['pending_approval'],
  approve: ['pending_approval'],
  ask_reason: ['pending_approval', 'changes_requested'],
  reject: ['pending_approval', 'changes_requested'],
  request_changes: ['pending_approval'],
  edit: ['draft', 'pending_approval', 'changes_requested', 'approved', 'scheduled'],
  start_publishing: ['approved', 'scheduled'],
  finish_publishing: ['publishing', 'partially_published', 'failed'],
  retry: ['partially_published', 'failed', 'scheduled'],
  withdraw: [
    'draft',
    'pending_approval',
    'changes_requested',
    'approved',
    'scheduled',
    'published',
    'partially_published',
    'failed',
  ],
};

export function isApprover(rules: WorkflowRules, actor: Actor): boolean {
  return !actor.isBot && rules.approvers[actor.platform].includes(actor.userId);
}

export function isReviewer(rules: WorkflowRules, actor: Actor): boolean {
  return !actor.isBot && rules.reviewers[actor.platform].includes(actor.userId);
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.platform === b.platform && a.userId === b.userId;
}

/**
 * Acts on a comunicado that are not moves of its state machine but still belong to a
 * role: settling a delivery in state `unknown` (`/confirmar`, «Sí/No quedó publicado»).
 * Only an approver may do them; anyone else gets a WorkflowError in Spanish.
 */
export type GuardedAct = { type: 'confirm'; destination: string; published: boolean };

export function authorize(c: Comunicado, act: GuardedAct, actor: Actor, rules: WorkflowRules): void {
  switch (act.type) {
    case 'confirm':
      if (!isApprover(rules, actor)) {
        throw new WorkflowError('not_approver', said('workflow.not_approver_confirm', { name: actorName(actor), id: c.id, destination: act.destination }));
      }
      return;
  }
}

/** The outcome of a publication, from its deliveries. */
export function publicationOutcome(deliveries: Record<string, Delivery>): State {
  const all = Object.values(deliveries);
  if (all.length === 0) return 'failed';
  if (all.some((d) => d.state === 'pending' || d.state === 'preparing' || d.state === 'in_flight' || d.state === 'verifying')) return 'publishing';
  const done = all.filter((d) => d.state === 'done' || d.state === 'withdrawn').length;
  if (done === all.length) return 'published';
  if (done === 0 && all.every((d) => d.state === 'failed')) return 'failed';
  return 'partially_published';
}

/** Images without alt text, by filename: they block approval (Resolución 1519 de 2020). */
export function imagesWithoutAlt(content: Content): string[] {
  return content.attachments.filter((a) => a.kind === 'image' && !a.alt?.trim()).map((a) => a.filename);
}

/**
 * The workflow, as a pure function: the comunicado after the event, and the effects the
 * application must carry out (post, notify, publish). It never does I/O and never mutates
 * its input; an illegal move throws a WorkflowError with a Spanish message.
 */
export function transition(
  c: Comunicado,
  event: WorkflowEvent,
  actor: Actor,
  rules: WorkflowRules,
  now: Date,
): TransitionResult {
  // A delivery still being verified may exist on its platform: a retry could post it twice.
  const verifying = Object.values(c.deliveries).filter((d) => d.state === 'verifying');
  if (event.type === 'retry' && verifying.length) {
    throw new WorkflowError('verifying', said('workflow.retry_while_verifying', { id: c.id, destinations: verifying.map((d) => d.destination).join(', ') }));
  }
  if (!LEGAL_FROM[event.type].includes(c.state)) {
    throw new WorkflowError(
      'illegal_transition',
      said('workflow.illegal', { action: said(`action.${event.type}` as const), id: c.id, state: said(`state.${c.state}` as const) }),
    );
  }
  const at = now.toISOString();
  const next: Comunicado = structuredClone(c);
  next.updatedAt = at;
  const effects: Effect[] = [];
  const audit = (action: string, detail?: string, version?: number) =>
    next.audit.push({ at, actor, action, ...(detail !== undefined ? { detail } : {}), ...(version !== undefined ? { version } : {}) });

  const policy = policyOf(rules);
  const via = 'via' in event ? event.via : undefined;
  const who = { actor, member: via?.member };
  if (via?.version !== undefined && via.version !== c.version) {
    throw new WorkflowError('link_voided', said('workflow.link_voided', { id: c.id }));
  }
  const requireApprover = () => {
    if (!actor.isBot && ['approve', 'ask_reason', 'reject', 'request_changes'].includes(event.type)) {
      // Approving, rejecting, asking for changes: any member of a group the comunicado requires.
      const inAnyGroup = groupsOf(policy, who).length > 0;
      if (inAnyGroup && mayDecide(approvalProgress(policy, c, now), policy, who)) return;
      if (inAnyGroup && (via || !isApprover(rules, actor))) {
        throw new WorkflowError('not_required', said('workflow.not_required', { name: actorName(actor), id: c.id }));
      }
    }
    if (!via && isApprover(rules, actor)) return;
    // Approve, reject and request changes have their own wording; the other acts name theirs.
    const general = ['approve', 'ask_reason', 'reject', 'request_changes'].includes(event.type);
    throw new WorkflowError(
      'not_approver',
      general
        ? said('workflow.not_approver', { name: actorName(actor) })
        : said('workflow.not_approver_for', { name: actorName(actor), action: said(`action.${event.type}` as const), id: c.id }),
    );
  };

  switch (event.type) {
    case 'submit': {
      next.state = 'pending_approval';
      delete next.changesRequested;
      audit('submit');
      effects.push({ type: 'post_preview' });
      break;
    }
    case 'review': {
      if (!isReviewer(rules, actor) && !isApprover(rules, actor)) {
        throw new WorkflowError('not_reviewer', said('workflow.not_reviewer', { name: actorName(actor) }));
      }
      next.approvals.push({ kind: 'review', actor, at, version: c.version });
      audit('review');
      break;
    }
    case 'approve': {
      requireApprover();
      if (!rules.authorMayApprove && sameActor(actor, c.author)) {
        throw new WorkflowError('own_comunicado', said('workflow.own_comunicado', { id: c.id }));
      }
      if (rules.requireReview && !c.approvals.some((a) => a.kind === 'review' && a.version === c.version)) {
        throw new WorkflowError('review_required', said('workflow.review_required', { id: c.id }));
      }
      const missingAlt = imagesWithoutAlt(c.content);
      if (missingAlt.length > 0) {
        throw new WorkflowError('alt_missing', missingAlt.map((file) => said('workflow.alt_missing', { file })));
      }
      const weakAlt = imagesWithWeakAlt(c.content);
      if (weakAlt.length > 0) {
        throw new WorkflowError('alt_weak', weakAlt.map((w) => said(`workflow.alt_weak.${w.problem}`, { file: w.file, alt: w.alt, min: ALT_MIN_CHARS })));
      }
      const uncaptioned = videosWithoutCaptions(c.content);
      if (uncaptioned.length > 0) {
        throw new WorkflowError('captions_missing', uncaptioned.map((file) => said('workflow.captions_missing', { file })));
      }
      if (c.content.destinations.length === 0) {
        throw new WorkflowError('no_destinations', said('workflow.no_destinations', { id: c.id }));
      }
      const before = approvalProgress(policy, c, now);
      const blocked = before.destinations.find((d) => d.blockedBy);
      if (blocked?.blockedBy) {
        throw new WorkflowError('blocked', said('workflow.blocked', { id: c.id, destination: blocked.destination, reason: blocked.blockedBy.reason, to: blocked.blockedBy.to }));
      }
      const key = deciderKey(policy, who);
      if (c.approvals.some((a) => a.kind === 'approve' && a.version === c.version && deciderKey(policy, { actor: a.actor, member: a.member }) === key)) {
        throw new WorkflowError('already_approved', said('workflow.already_approved', { name: actorName(actor), id: c.id }));
      }
      next.approvals.push({ kind: 'approve', actor, at, version: c.version, ...(via ? { channel: via.channel, member: via.member } : {}) });
      delete next.awaitingReason;
      audit('approve', via?.channel, c.version);
      const after = approvalProgress(policy, next, now);
      if (!after.complete) {
        // Others must still approve: the comunicado waits in `pending_approval`.
        effects.push({ type: 'approval_progress', approver: actor });
        // Released per destination: those whose rules are met go out now, unless under embargo.
        const embargoed = !!c.content.publishAt && new Date(c.content.publishAt).getTime() > now.getTime();
        const fresh = after.released.filter((d) => !before.released.includes(d) && !c.deliveries[d]);
        if (fresh.length && !embargoed) {
          effects.push({ type: 'publish_released', destinations: fresh });
          audit('release', fresh.join(', '), c.version);
        }
        break;
      }
      const publishAt = c.content.publishAt;
      if (publishAt && new Date(publishAt).getTime() > now.getTime()) {
        next.state = 'scheduled';
        next.scheduledFor = publishAt;
        effects.push({ type: 'schedule', at: publishAt });
      } else {
        next.state = 'approved';
        effects.push({ type: 'publish' });
      }
      effects.push({ type: 'notify_author', message: 'approved' });
      break;
    }
    case 'ask_reason': {
      requireApprover();
      next.awaitingReason = actor;
      audit('ask_reason');
      effects.push({ type: 'ask_reason', approver: actor });
      break;
    }
    case 'reject': {
      requireApprover();
      const reason = event.reason.trim();
      if (!reason) throw new WorkflowError('reason_required', said('workflow.reason_required'));
      next.state = 'rejected';
      next.rejection = { reason, actor, at };
      delete next.awaitingReason;
      audit('reject', via ? `${via.channel}: ${reason}` : reason);
      effects.push({ type: 'notify_author', message: 'rejected' });
      break;
    }
    case 'request_changes': {
      requireApprover();
      next.state = 'changes_requested';
      next.changesRequested = { note: event.note.trim(), actor, at };
      delete next.awaitingReason;
      audit('request_changes', via ? [via.channel, event.note.trim()].filter(Boolean).join(': ') : event.note.trim() || undefined);
      effects.push({ type: 'notify_author', message: 'changes_requested' });
      break;
    }
    case 'edit': {
      if (!sameActor(actor, c.author) && !isApprover(rules, actor)) {
        throw new WorkflowError('not_author', said('workflow.not_author', { id: c.id, author: actorName(c.author) }));
      }
      next.version = c.version + 1;
      next.content = structuredClone(event.content);
      next.versions.push({ version: next.version, at, actor, content: structuredClone(event.content) });
      // Approvals belong to the version they were given for: an edit sends it back.
      next.approvals = [];
      if (c.state === 'scheduled') {
        delete next.scheduledFor;
        effects.push({ type: 'cancel_schedule' });
      }
      if (c.state !== 'draft') {
        next.state = 'pending_approval';
        effects.push({ type: 'post_preview' });
      }
      audit('edit', undefined, next.version);
      break;
    }
    case 'start_publishing': {
      next.state = 'publishing';
      delete next.scheduledFor;
      audit('start_publishing');
      break;
    }
    case 'finish_publishing': {
      const outcome = publicationOutcome(c.deliveries);
      next.state = outcome;
      if (outcome === 'published' && !next.publishedAt) next.publishedAt = at;
      if (outcome !== c.state) {
        audit('finish_publishing', outcome);
        if (outcome !== 'publishing') effects.push({ type: 'notify_author', message: outcome });
      }
      break;
    }
    case 'retry': {
      requireApprover();
      if (!Object.values(c.deliveries).some((d) => d.state === 'failed')) {
        throw new WorkflowError('nothing_to_retry', said('workflow.nothing_to_retry', { id: c.id }));
      }
      audit('retry');
      if (c.state === 'scheduled') {
        effects.push({ type: 'publish_before_embargo' }); // the portal and networks still wait
      } else {
        next.state = 'publishing';
        effects.push({ type: 'publish' });
      }
      break;
    }
    case 'withdraw': {
      // A destination released on its own may be out while the rest still waits for approval.
      const published =
        ['published', 'partially_published', 'failed'].includes(c.state) ||
        (c.state === 'pending_approval' && Object.values(c.deliveries).some((d) => d.state === 'done'));
      if (published || !sameActor(actor, c.author)) requireApprover();
      const reason = event.reason.trim();
      if (!reason) throw new WorkflowError('reason_required', said('workflow.reason_required'));
      next.state = 'withdrawn';
      next.withdrawal = { reason, actor, at };
      delete next.scheduledFor;
      audit('withdraw', reason);
      if (c.state === 'scheduled') effects.push({ type: 'cancel_schedule' });
      if (published) effects.push({ type: 'withdraw_deliveries' });
      break;
    }
  }
  return { comunicado: next, effects };
}

/** A new comunicado in `draft`, version 1. */
export function newComunicado(args: {
  id: string;
  content: Content;
  author: Actor;
  origin: Comunicado['origin'];
  now: Date;
}): Comunicado {
  const at = args.now.toISOString();
  return {
    id: args.id,
    state: 'draft',
    content: structuredClone(args.content),
    version: 1,
    versions: [{ version: 1, at, actor: args.author, content: structuredClone(args.content) }],
    author: args.author,
    origin: args.origin,
    messages: {},
    approvals: [],
    deliveries: {},
    createdAt: at,
    updatedAt: at,
    audit: [{ at, actor: args.author, action: 'create' }],
  };
}
