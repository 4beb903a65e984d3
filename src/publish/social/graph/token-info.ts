import { t } from '../../../messages/index.ts';
import type { GraphClient } from './client.ts';

/** The `data` of GET /debug_token (only the fields we read). Times are Unix seconds; 0 = never. */
interface DebugTokenData {
  is_valid?: boolean;
  type?: string;
  expires_at?: number;
  data_access_expires_at?: number;
  scopes?: string[];
}

export interface TokenInfo {
  /** When the token stops working; undefined when it never expires. */
  expiresAt?: Date;
  /** When the app loses access to the account's data (90 days after the person's last login). */
  dataAccessExpiresAt?: Date;
  scopes?: string[];
}

const fromUnix = (s: number | undefined) => (typeof s === 'number' && s > 0 ? new Date(s * 1000) : undefined);

/**
 * Expiry and scopes of the token the client uses, from GET /debug_token with the token as
 * both the caller and `input_token`. Returns undefined when Graph will not say (the call
 * needs an app or developer token on some setups): the caller then reports "no se pudo
 * consultar el vencimiento" instead of failing the whole check.
 */
export async function readTokenInfo(client: GraphClient, token: string): Promise<TokenInfo | undefined> {
  try {
    const res = await client.get<{ data?: DebugTokenData }>('debug_token', { input_token: token });
    const d = res.data;
    if (!d) return undefined;
    const info: TokenInfo = {};
    const exp = fromUnix(d.expires_at);
    const data = fromUnix(d.data_access_expires_at);
    if (exp) info.expiresAt = exp;
    if (data) info.dataAccessExpiresAt = data;
    if (Array.isArray(d.scopes)) info.scopes = d.scopes;
    return info;
  } catch {
    return undefined;
  }
}

/** The earliest instant the account stops working fully, for AccessReport.expiresAt. */
export function earliestExpiry(info: TokenInfo | undefined): string | undefined {
  const dates = [info?.expiresAt, info?.dataAccessExpiresAt].filter((d): d is Date => !!d);
  if (!dates.length) return undefined;
  return new Date(Math.min(...dates.map((d) => d.getTime()))).toISOString();
}

/** Spanish sentence(s) about the token's expiry, dates in the office's time zone. */
export function describeExpiry(info: TokenInfo | undefined, timeZone: string): string {
  if (!info) return t('social_meta.access.expiry_unknown');
  const fmt = new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone });
  const parts = [info.expiresAt ? t('social_meta.access.expires', { date: fmt.format(info.expiresAt) }) : t('social_meta.access.never_expires')];
  if (info.dataAccessExpiresAt) parts.push(t('social_meta.access.data_access', { date: fmt.format(info.dataAccessExpiresAt) }));
  return parts.join(' ');
}

/** Scopes the publisher needs that the token lacks (empty when Graph did not list scopes). */
export function missingScopes(info: TokenInfo | undefined, needed: readonly string[]): string[] {
  if (!info?.scopes) return [];
  return needed.filter((s) => !info.scopes!.includes(s));
}
