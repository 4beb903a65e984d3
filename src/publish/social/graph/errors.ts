import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { GraphApiError, GraphNetworkError, type GraphErrorBody } from './client.ts';
import { graphAskedWaitMs, graphRetryAfterMs } from './rate-limit.ts';

/**
 * What the failed request was doing, which decides what a failure proves:
 * - `read`: a lookup, creates nothing;
 * - `prepare`: creates something nobody sees (an Instagram container, an unpublished
 *   Facebook photo), so repeating it cannot make a second post;
 * - `publish`: the call that makes the post public. A failure without a clear "no" from
 *   Graph may mean the post exists: `unknown`, never retried blindly.
 */
export type GraphStep = 'read' | 'prepare' | 'publish';

export interface GraphErrorContext {
  network: 'Facebook' | 'Instagram';
  /** How a person names the account, e.g. "«Alcaldía de Ibagué»". */
  account: string;
  /** Name of the variable holding the token (told to the person, never its value). */
  tokenEnv: string;
  step: GraphStep;
}

/** Graph codes for throttling: app (4), user (17), page (32), custom (613), BUC (80001+). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBucRateLimit = (code: number) => code >= 80_001 && code <= 80_014;
/** Token expired, revoked or invalidated. */
const AUTH_CODES = new Set([190, 102]);
const AUTH_SUBCODES = new Set([458, 459, 460, 463, 464, 467, 492]);
/** Instagram could not download or process the media while creating the container. */
const IG_MEDIA_TRANSIENT = new Set([2207001, 2207003, 2207020, 2207032, 2207052, 2207053]);
/** Instagram refused the media itself (size, format, ratio): retrying the same file fails again. */
const IG_MEDIA_REFUSED = new Set([2207004, 2207005, 2207009, 2207010, 2207026, 2207028]);
/** Media not ready for media_publish: nothing was published. */
const IG_NOT_READY = 2207027;
const IG_QUOTA = 2207042;
const IG_SPAM = 2207051;
const IG_RESTRICTED = 2207050;
/** How long to wait before trying a publishing-quota refusal again. */
export const IG_QUOTA_WAIT_MS = 60 * 60_000;
/** Short wait for Instagram's own transient media failures. */
const IG_MEDIA_WAIT_MS = 60_000;

/** Technical tail for the person and support: Graph code, subcode and trace id. */
export function graphDetail(e: GraphErrorBody): string {
  return t('social_meta.error.detail', {
    code: e.code ?? '?',
    subcode: e.error_subcode ? `/${e.error_subcode}` : '',
    trace: e.fbtrace_id ? `, fbtrace_id ${e.fbtrace_id}` : '',
  });
}

/** The platform's own words for the person when it has them, else its technical message. */
function platformWords(e: GraphErrorBody): string {
  const words = (e.error_user_msg || e.message || '').trim().slice(0, 300);
  return words ? `${words} (${graphDetail(e)})` : graphDetail(e);
}

function authWhy(subcode: number | undefined): string {
  if (subcode === 463 || subcode === 464) return t('social_meta.error.auth.expired');
  if (subcode === 460) return t('social_meta.error.auth.password');
  if (subcode === 458 || subcode === 459) return t('social_meta.error.auth.app_removed');
  return t('social_meta.error.auth.invalid');
}

/**
 * Turns anything a Graph call threw into a classified PublishError (Spanish message for
 * the person, stable code for logs and tests). The rule that matters: `retryable` only
 * when it is proven nothing public was created; `unknown` when it may have been.
 */
export function classifyGraphError(err: unknown, ctx: GraphErrorContext): PublishError {
  if (err instanceof PublishError) return err;
  const { network, account, step } = ctx;
  const cause = err instanceof Error ? err : undefined;

  if (err instanceof GraphNetworkError) {
    if (!err.sent) return new PublishError('retryable', 'network_unreachable', t('social_meta.error.unreachable', { network, code: err.code }), { cause });
    if (step === 'publish') {
      return new PublishError('unknown', 'timeout_after_send', t('social_meta.error.timeout_after_send', { network, account, code: err.code }), { cause });
    }
    return new PublishError('retryable', 'network_error', t('social_meta.error.network', { network, code: err.code }), { cause });
  }

  if (!(err instanceof GraphApiError)) {
    const detail = err instanceof Error ? err.name : 'error';
    // An error we cannot read: at the publishing step the post may exist.
    const kind = step === 'publish' ? 'unknown' : 'failed';
    return new PublishError(kind, 'unexpected', t('social_meta.error.refused', { network, detail }), { cause });
  }

  const e = err.error;
  const code = e.code ?? 0;
  const sub = e.error_subcode;
  const detail = graphDetail(e);

  if (AUTH_CODES.has(code) || (e.type === 'OAuthException' && sub !== undefined && AUTH_SUBCODES.has(sub))) {
    return new PublishError('failed', 'auth_expired', t('social_meta.error.auth', { account: `${network} ${account}`, why: authWhy(sub), variable: ctx.tokenEnv }), {
      accountUnhealthy: true,
      cause,
    });
  }
  if (sub === IG_QUOTA) {
    return new PublishError('retryable', 'ig_quota', t('social_meta.error.ig_quota_refused', { account }), {
      retryInMs: IG_QUOTA_WAIT_MS,
      cause,
    });
  }
  if (sub === IG_SPAM) return new PublishError('failed', 'blocked', t('social_meta.error.blocked', { network, account, detail: platformWords(e) }), { cause });
  if (sub === IG_RESTRICTED) return new PublishError('failed', 'ig_restricted', t('social_meta.error.ig_restricted', { account, detail: platformWords(e) }), { cause });
  if (RATE_LIMIT_CODES.has(code) || isBucRateLimit(code) || err.status === 429) {
    // Meta's own time when it gave one; otherwise the bot's default wait, said as the bot's.
    const asked = graphAskedWaitMs(err.headers);
    const wait = asked ?? graphRetryAfterMs(err.headers);
    return new PublishError('retryable', 'rate_limited', t('social_meta.error.rate_limited', { network }), asked !== undefined ? { retryAfterMs: wait, cause } : { retryInMs: wait, cause });
  }
  if (code === 506) return new PublishError('unknown', 'duplicate', t('social_meta.error.duplicate', { network, account: `${network} ${account}` }), { cause });
  if (code === 368) return new PublishError('failed', 'blocked', t('social_meta.error.blocked', { network, account, detail: platformWords(e) }), { cause });
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new PublishError('failed', 'permission', t('social_meta.error.permission', { account: `${network} ${account}`, detail: platformWords(e) }), { cause });
  }
  if (sub !== undefined && IG_MEDIA_TRANSIENT.has(sub)) {
    // Retried only while creating the container: the container was not created.
    if (step !== 'publish') {
      return new PublishError('retryable', 'ig_media_fetch', t('social_meta.error.ig_media_fetch', { detail: platformWords(e) }), { retryInMs: IG_MEDIA_WAIT_MS, cause });
    }
    return new PublishError('failed', 'ig_media_refused', t('social_meta.error.ig_media_refused', { detail: platformWords(e) }), { cause });
  }
  if (sub !== undefined && IG_MEDIA_REFUSED.has(sub)) {
    return new PublishError('failed', 'ig_media_refused', t('social_meta.error.ig_media_refused', { detail: platformWords(e) }), { cause });
  }
  if (sub === IG_NOT_READY) {
    // An explicit "not ready": media_publish did nothing, a new attempt is safe.
    return new PublishError('retryable', 'ig_not_ready', t('social_meta.error.server', { network, detail: platformWords(e) }), { retryInMs: IG_MEDIA_WAIT_MS, cause });
  }
  if (err.status >= 500 || code === 1 || code === 2 || e.is_transient) {
    if (step === 'publish') {
      return new PublishError('unknown', 'server_error', t('social_meta.error.server_unknown', { network, account: `${network} ${account}`, detail }), { cause });
    }
    return new PublishError('retryable', 'server_error', t('social_meta.error.server', { network, detail }), { cause });
  }
  // A 4xx with an error object is a clear "no": nothing was created.
  return new PublishError('failed', 'refused', t('social_meta.error.refused', { network, detail: platformWords(e) }), { cause });
}

/** Runs one Graph call and classifies whatever it throws for the given step. */
export async function graphCall<T>(base: Omit<GraphErrorContext, 'step'>, step: GraphStep, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifyGraphError(err, { ...base, step });
  }
}
