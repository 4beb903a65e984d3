import { IDENTITIES, type Destination, type Identity } from '../../../domain/comunicado.ts';
import type { Resolved } from '../../../config/env.ts';
import { t } from '../../../messages/index.ts';
import type { SocialTouches } from '../../../render/facebook.ts';
import type { PublisherDeps } from '../../deps.ts';
import { DryRunPublisher, type DryRunOptions } from '../../dry-run.ts';
import type { Publisher } from '../../port.ts';
import type { AccountsConfig } from '../config.ts';
import { GraphClient } from './client.ts';
import { graphBaseUrl, touchesOf, type MetaPublisherOptions } from './shared.ts';

type MetaNetwork = 'facebook' | 'instagram';
type MetaAccount<N extends MetaNetwork> = NonNullable<AccountsConfig['alcaldia'][N]>;

export interface MetaFactoryParts<N extends MetaNetwork> {
  /** How the account is named in messages ("Alcaldía de Ibagué", "@alcaldiadeibague"). */
  label(account: MetaAccount<N>, identity: Identity, identityName: string | undefined): string;
  /** The dry run's text and warnings, for an account whose token is not set. */
  dryRun(touches: SocialTouches, reason: string): Omit<DryRunOptions, 'reason'>;
  real(destination: Destination, account: MetaAccount<N>, label: string, client: GraphClient, token: string): Publisher;
}

/**
 * One publisher per identity that has this Meta network in `accounts:`. Without its token
 * in the environment the destination is a dry run that names the missing variable and
 * still renders the real text for the preview.
 */
export function createMetaPublishers<N extends MetaNetwork>(deps: PublisherDeps, network: N, options: MetaPublisherOptions, parts: MetaFactoryParts<N>): Publisher[] {
  const out: Publisher[] = [];
  for (const identity of IDENTITIES) {
    const idConfig = deps.config.accounts[identity];
    const account = idConfig[network] as MetaAccount<N> | undefined;
    if (!account) continue;
    const destination = `${network}:${identity}` as Destination;
    const credentials: Resolved<{ token: string }> | undefined = deps.credentials.accounts[identity][network];
    const token = credentials?.ok ? credentials.values.token : undefined;
    if (!token) {
      const reason = t('social_meta.no_credentials', { variable: account.tokenEnv });
      out.push(new DryRunPublisher(destination, { reason, ...parts.dryRun(touchesOf(account), reason) }));
      continue;
    }
    const client = new GraphClient({ baseUrl: graphBaseUrl(deps.env), version: deps.config.accounts.graphVersion, token, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    out.push(parts.real(destination, account, parts.label(account, identity, idConfig.name), client, token));
  }
  return out;
}
