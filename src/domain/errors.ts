import { t, type MessageKey } from '../messages/index.ts';
import { stripServerPaths } from '../util/safe-text.ts';

/**
 * An error a person must hear about. `code` is stable (for logs and tests); `message` is
 * the Spanish text shown in the chat.
 */
export class UserFacingError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserFacingError';
    this.code = code;
  }

  static of(code: string, key: MessageKey, vars: Record<string, string | number | undefined> = {}) {
    return new UserFacingError(code, t(key, vars));
  }
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
  constructor(code: WorkflowErrorCode, message: string) {
    super(code, message);
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
  | 'reason_required'
  | 'no_destinations'
  | 'not_author'
  | 'nothing_to_retry'
  | 'verifying';

/** Input a person typed that cannot be understood. Carries every problem found. */
export class InputError extends UserFacingError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('invalid_input', problems.join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}

/**
 * The text of an error as a chat shows it: every message sent to a person about a failure
 * goes through here, so no server path reaches the chat even when a lower layer put one in.
 */
export function chatErrorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return stripServerPaths(text);
}
