import type { DomainMessageKey, Said, SaidValue } from '../domain/errors.ts';
import { InputError, UserFacingError } from '../domain/errors.ts';
import { stripServerPaths } from '../util/safe-text.ts';
import { t, type MessageKey } from './index.ts';

/** Fails to compile when the domain names a key the catalogue lacks. */
const domainKeysInCatalogue: DomainMessageKey extends MessageKey ? true : never = true;
void domainKeysInCatalogue;

/** A text as a key of the catalogue with its data, for errors raised outside the domain. */
export function say(key: MessageKey, vars?: Record<string, SaidValue>): Said<MessageKey> {
  return vars ? { key, vars } : { key };
}

/** Renders one `Said` into Spanish (values that are texts themselves are rendered first). */
export function renderSaid(s: Said): string {
  const vars: Record<string, string | number | undefined> = {};
  for (const [name, v] of Object.entries(s.vars ?? {})) vars[name] = typeof v === 'object' ? renderSaid(v) : v;
  return t(s.key as MessageKey, vars);
}

/**
 * The text of an error as a chat shows it: every message sent to a person about a failure
 * goes through here. Errors of the core are rendered from their codes; no server path
 * reaches the chat even when a lower layer put one in.
 */
export function chatErrorText(err: unknown): string {
  const text =
    err instanceof UserFacingError && err.said.length
      ? err.said.map(renderSaid).join('\n')
      : err instanceof Error
        ? err.message
        : String(err);
  return stripServerPaths(text);
}

/**
 * A refusal raised outside the domain (store, engine, service): codes with data like the
 * domain's, and its Spanish text already in `message` for logs and command-line tools.
 */
export function refusal(code: string, key: MessageKey, vars: Record<string, SaidValue> = {}): UserFacingError {
  const s = say(key, vars);
  return new UserFacingError(code, s, { message: renderSaid(s) });
}

/** An `InputError` raised outside the domain, with its problems also rendered as the message. */
export function inputError(problems: ReadonlyArray<Said<MessageKey>>): InputError {
  return new InputError(problems, { message: problems.map(renderSaid).join('\n') });
}
