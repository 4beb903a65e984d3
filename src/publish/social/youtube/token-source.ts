import type { AxiosInstance } from 'axios';
import { t } from '../../../messages/index.ts';
import type { Logger } from '../../../util/logger.ts';
import { PublishError } from '../../port.ts';
import { safeCause } from '../x/shared.ts';
import { googleReason, networkCode } from './google-error.ts';

export interface TokenSourceOptions {
  http: AxiosInstance;
  /** YOUTUBE_OAUTH_URL, the token endpoint. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  channel: string;
  /** Variable names, for messages. */
  refreshTokenVar: string;
  clientVars: string[];
  now(): Date;
  logger: Logger;
}

/** Renew a little before Google's expiry so a long upload does not start on a dying token. */
const EARLY_MS = 5 * 60_000;

/**
 * Access tokens for one YouTube account, from its OAuth refresh token. The refresh token is
 * only ever replaced by a newer one Google hands out: a failed refresh (server error,
 * timeout, anything but `invalid_grant`) keeps it, so a passing outage never costs the
 * office its authorization. `invalid_grant` means the grant was revoked or expired: the
 * account is unhealthy until a person authorizes the app again.
 */
export class GoogleTokenSource {
  private refreshToken: string;
  private cached?: { token: string; expiresAt: number };

  constructor(private readonly o: TokenSourceOptions) {
    this.refreshToken = o.refreshToken;
  }

  /** Forget the cached access token (after a 401 from the API). */
  invalidate(): void {
    this.cached = undefined;
  }

  async accessToken(): Promise<string> {
    const now = this.o.now().getTime();
    if (this.cached && this.cached.expiresAt - EARLY_MS > now) return this.cached.token;
    const form = new URLSearchParams({
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
      refresh_token: this.refreshToken,
      grant_type: 'refresh_token',
    });
    let res;
    try {
      res = await this.o.http.post(this.o.tokenUrl, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        validateStatus: () => true,
      });
    } catch (err) {
      throw new PublishError('retryable', 'token_unavailable', t('youtube.error.token_unavailable', { channel: this.o.channel, detail: networkCode(err) }), {
        cause: safeCause(err),
      });
    }
    const body = res.data as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
    if (res.status === 200 && typeof body?.access_token === 'string') {
      const ttl = typeof body.expires_in === 'number' ? body.expires_in : 3600;
      this.cached = { token: body.access_token, expiresAt: now + ttl * 1000 };
      if (typeof body.refresh_token === 'string' && body.refresh_token !== this.refreshToken) {
        // Google rotated it: use the new one from now on. It lives in memory only, never on disk.
        this.refreshToken = body.refresh_token;
        this.o.logger.warn({ channel: this.o.channel, variable: this.o.refreshTokenVar }, 'google issued a new refresh token; update the variable');
      }
      return body.access_token;
    }
    const { reason, message } = googleReason(res.data);
    if (reason === 'invalid_grant') {
      throw new PublishError('failed', 'auth_expired', t('youtube.error.auth', { channel: this.o.channel, var: this.o.refreshTokenVar }), { accountUnhealthy: true });
    }
    if (reason === 'invalid_client' || reason === 'unauthorized_client') {
      throw new PublishError('failed', 'client_rejected', t('youtube.error.client', { detail: message ?? reason, vars: this.o.clientVars.join(', ') }), {
        accountUnhealthy: true,
      });
    }
    // 5xx, 429, an unexpected answer: the refresh token is kept and the engine may retry.
    throw new PublishError('retryable', 'token_unavailable', t('youtube.error.token_unavailable', { channel: this.o.channel, detail: `HTTP ${res.status}` }));
  }
}
