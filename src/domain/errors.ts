import type { State } from './comunicado.ts';
import type { WorkflowEvent } from './workflow.ts';

/**
 * Errors of the core carry codes with data, never text: the edge that answers the person
 * (the dispatcher, an adapter, a CLI) renders them into Spanish through the catalogue
 * (`renderError` in `src/messages/errors.ts`).
 */

/** A value to put in a text: plain, or another text to render first (e.g. a state's name). */
export type SaidValue = string | number | undefined | Said;

/**
 * A text for a person, as a catalogue key with its data. `key` is checked against the
 * catalogue where it is rendered (`MessageKey` is closed); the domain's own keys are listed
 * in `DomainMessageKey`, which the catalogue must contain (checked at compile time).
 */
export interface Said<K extends string = string> {
  readonly key: K;
  readonly vars?: Readonly<Record<string, SaidValue>>;
}

/** Builds a `Said` with one of the domain's own keys. */
export function said<K extends DomainMessageKey>(key: K, vars?: Record<string, SaidValue>): Said<K> {
  return vars ? { key, vars } : { key };
}

/** What an error says: its texts, or (for errors from below that were given text) a string. */
export type ErrorText = string | Said | readonly Said[];

/**
 * An error a person must hear about. `code` is stable (for logs and tests); `said` is what to
 * tell the person, as keys with data. `message` holds the keys only (for logs), unless the
 * error was built from a plain string.
 */
export class UserFacingError extends Error {
  readonly code: string;
  /** The texts to render, in order; empty when the error was built from a plain string. */
  readonly said: readonly Said[];
  /** `options.message` lets an edge that already rendered the texts keep them as the message. */
  constructor(code: string, text: ErrorText, options?: { cause?: unknown; message?: string }) {
    const list: readonly Said[] = typeof text === 'string' ? [] : isSaid(text) ? [text] : text;
    const message = typeof text === 'string' ? text : (options?.message ?? `${code}: ${list.map((s) => s.key).join(', ')}`);
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserFacingError';
    this.code = code;
    this.said = list;
  }
}

function isSaid(x: Said | readonly Said[]): x is Said {
  return !Array.isArray(x);
}

/**
 * The bot cannot start as configured (an environment variable missing or wrong). `main`
 * prints the message as one line, without a stack trace, and exits with code 1.
 */
export class StartupError extends UserFacingError {
  /** The variable to fix, e.g. TELEGRAM_WEBHOOK_SECRET. */
  readonly variable: string;
  constructor(code: string, variable: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StartupError';
    this.variable = variable;
  }
}

/** The workflow refused a move. */
export class WorkflowError extends UserFacingError {
  constructor(code: WorkflowErrorCode, text: Said | readonly Said[]) {
    super(code, text);
    this.name = 'WorkflowError';
  }
}

export type WorkflowErrorCode =
  | 'illegal_transition'
  | 'not_approver'
  | 'not_reviewer'
  | 'own_comunicado'
  | 'review_required'
  | 'alt_missing'
  | 'alt_weak'
  | 'captions_missing'
  | 'reason_required'
  | 'no_destinations'
  | 'not_author'
  | 'nothing_to_retry'
  | 'verifying'
  | 'not_required'
  | 'blocked'
  | 'already_approved'
  | 'link_voided';

/** Input a person typed that cannot be understood. Carries every problem found, as codes. */
export class InputError extends UserFacingError {
  readonly problems: readonly Said[];
  constructor(problems: readonly Said[], options?: { message?: string }) {
    super('invalid_input', problems, options);
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** The catalogue keys the domain itself uses (the catalogue must hold each). */
export type DomainMessageKey =
  | 'form.bad_destination'
  | 'form.bad_schedule'
  | 'form.schedule_past'
  | 'form.bad_vigencia'
  | 'form.vigencia_past'
  | 'form.empty'
  | 'form.bad_hashtag'
  | 'form.too_many_hashtags'
  | 'form.title_too_long'
  | 'form.lead_too_long'
  | 'form.body_too_long'
  | 'form.bad_kind'
  | 'form.bad_cierre'
  | 'form.cierre_past'
  | 'form.cierre_missing'
  | 'form.cierre_not_convocatoria'
  | 'form.cierre_before_schedule'
  | 'form.bad_link'
  | 'form.link_not_https'
  | 'form.link_credentials'
  | 'form.link_too_long'
  | 'form.link_domain'
  | 'form.link_no_domains'
  | 'workflow.not_approver_confirm'
  | 'workflow.retry_while_verifying'
  | 'workflow.illegal'
  | 'workflow.not_approver'
  | 'workflow.not_approver_for'
  | 'workflow.not_reviewer'
  | 'workflow.own_comunicado'
  | 'workflow.review_required'
  | 'workflow.alt_missing'
  | 'workflow.alt_weak.filename'
  | 'workflow.alt_weak.generic'
  | 'workflow.alt_weak.short'
  | 'workflow.captions_missing'
  | 'workflow.no_destinations'
  | 'workflow.reason_required'
  | 'workflow.not_author'
  | 'workflow.nothing_to_retry'
  | 'workflow.not_required'
  | 'workflow.blocked'
  | 'workflow.already_approved'
  | 'workflow.link_voided'
  | `action.${WorkflowEvent['type']}`
  | `state.${State}`;
