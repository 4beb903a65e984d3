import type { Resolved } from '../../../config/env.ts';
import type { Comunicado } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import type { PublishContext } from '../../port.ts';

/**
 * Helpers the X and YouTube publishers share: which credential variables are missing,
 * and a clock time a person in the office reads ("15:42").
 */

/**
 * Names of the variables (by the names the config gives) that are unset or empty; all of
 * `names` when the account's credentials were not resolved.
 */
export function missingVariables<T>(credentials: Resolved<T> | undefined, names: string[]): string[] {
  return credentials ? (credentials.ok ? [] : credentials.missing) : names;
}

/** The dry-run reason: "sin credenciales (falta la variable X_ALCALDIA_APP_KEY)". */
export function noCredentialsReason(missing: string[]): string {
  return t(missing.length === 1 ? 'xyt.no_credentials.one' : 'xyt.no_credentials.many', { names: missing.join(', ') });
}

/** "15:42" in the office's time zone; with the date when it is not today. */
export function clockText(at: Date, now: Date, timeZone: string): string {
  const day = (d: Date) => d.toLocaleDateString('es-CO', { timeZone });
  const time = at.toLocaleTimeString('es-CO', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
  return day(at) === day(now) ? time : `${time} del ${at.toLocaleDateString('es-CO', { timeZone, day: 'numeric', month: 'long' })}`;
}

/** Whether a base URL from the environment is usable (https only where the client requires it). */
export function isHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The portal permalink already known for this comunicado (a done portal delivery). */
export function knownPortalLink(c: Comunicado, ctx?: PublishContext): string | undefined {
  const fromCtx = ctx?.link ?? ctx?.portal?.url;
  if (fromCtx && /^https?:\/\//.test(fromCtx)) return fromCtx;
  for (const [dest, d] of Object.entries(c.deliveries)) {
    if (dest.startsWith('portal:') && d.state === 'done' && !d.dryRun && d.url && /^https?:\/\//.test(d.url)) return d.url;
  }
  return undefined;
}

/**
 * A cause that is safe to log: the error's name and its code or HTTP status, nothing more.
 * Client errors carry their request (an axios error holds the Authorization header and the
 * token form with the client secret), so they are never attached to a PublishError as is.
 */
export function safeCause(err: unknown): Error {
  const e = err as { name?: unknown; code?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  const status = e?.response?.status ?? e?.status;
  const code = typeof e?.code === 'string' || typeof e?.code === 'number' ? e.code : undefined;
  const parts = [typeof e?.name === 'string' ? e.name : 'Error', code, status].filter((p) => p !== undefined && p !== '');
  return new Error(parts.join(' '));
}
