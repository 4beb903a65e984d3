import type { Agent } from 'node:https';
import { IDENTITIES, type Destination } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import type { PublisherDeps } from '../../deps.ts';
import type { Publisher } from '../../port.ts';
import { XDryRunPublisher } from './dry-run.ts';
import { XPublisher } from './publisher.ts';
import { isHttpsUrl, missingVariables, noCredentialsReason } from './shared.ts';

export const DEFAULT_X_API_URL = 'https://api.x.com';

export interface XFactoryOptions {
  /**
   * TLS agent for the connection to X_API_URL. Production leaves it out (system CAs, or
   * NODE_EXTRA_CA_CERTS for a proxy's CA); tests pass one that trusts their certificate.
   */
  agent?: Agent;
}

/** X publishers, one per identity with an `x:` account in the config. */
export function createXPublishers(deps: PublisherDeps, options: XFactoryOptions = {}): Publisher[] {
  const baseUrl = deps.env.apis.x ?? DEFAULT_X_API_URL;
  const publishers: Publisher[] = [];
  for (const identity of IDENTITIES) {
    const account = deps.config.accounts[identity].x;
    if (!account) continue;
    const destination: Destination = `x:${identity}`;
    const touches = { signature: account.signature, hashtags: account.hashtags, mentions: account.mentions };
    const vars = [account.appKeyEnv, account.appSecretEnv, account.accessTokenEnv, account.accessSecretEnv];
    const credentials = deps.credentials.accounts[identity].x;
    const missing = missingVariables(credentials, vars);
    const dryRunReason = missing.length
      ? noCredentialsReason(missing)
      : !isHttpsUrl(baseUrl)
        ? t('xyt.bad_base_url', { name: 'X_API_URL', url: baseUrl })
        : undefined;
    if (dryRunReason || !credentials?.ok) {
      deps.logger.warn({ destination, missing }, 'x account falls back to dry-run');
      publishers.push(new XDryRunPublisher(destination, dryRunReason ?? noCredentialsReason(vars), touches));
      continue;
    }
    publishers.push(
      new XPublisher({
        destination,
        handle: account.handle.replace(/^@/, ''),
        credentials: credentials.values,
        credentialVars: vars,
        touches,
        lookupPosts: account.lookupPosts,
        baseUrl,
        ...(options.agent ? { agent: options.agent } : {}),
        timeZone: deps.config.office.timezone,
        now: deps.now,
        logger: deps.logger,
      }),
    );
  }
  return publishers;
}
