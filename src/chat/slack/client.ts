import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../util/logger.ts';

type WebClientOptions = webApi.WebClientOptions;

/**
 * Whether a failed Web API call may be sent again. Only when it provably did not reach
 * Slack: the rate limiter's pause (Slack answered 429, nothing was done) or a refused
 * connection. A timeout or reset after sending may have posted the message already, and
 * posting it twice is worse than reporting the failure.
 */
export function isSafeToRetry(error: unknown): boolean {
  const e = error as { message?: string; original?: { message?: string; cause?: { code?: string }; code?: string } };
  // The client's own marker after it waited out Retry-After (it wraps it in a request error).
  const limited = (m: unknown) => typeof m === 'string' && m.includes('A rate limit was exceeded');
  if (limited(e?.message) || limited(e?.original?.message)) return true;
  const code = e?.original?.cause?.code ?? e?.original?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** Bolt's logger interface over the app's pino logger (secrets are masked there). */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ module: 'slack-bolt' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * Options of every Slack Web API client the adapter builds: the base URL from SLACK_API_URL
 * (GovSlack and the tests change it), the logger, and the retry rule above. Rate limits are
 * waited out by the client itself (it honours Retry-After).
 */
export function clientOptions(apiUrl: string, logger: Logger): WebClientOptions {
  return {
    slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    logger: boltLogger(logger),
    timeout: 30_000,
    // p-retry (which the client runs) reads onFailedAttempt; the SDK's type omits it.
    retryConfig: {
      retries: 4,
      factor: 2,
      minTimeout: 500,
      maxTimeout: 10_000,
      onFailedAttempt: (error: unknown) => {
        if (!isSafeToRetry(error)) throw error;
      },
    } as webApi.RetryOptions,
  };
}
