import { IDENTITIES, SOCIAL_NETWORKS } from '../domain/comunicado.ts';
import { secret, type Env } from '../config/env.ts';
import type { Config } from '../config/schema.ts';

export interface MissingCredentials {
  /** `facebook:alcaldia`, `portal`, `email`. */
  destination: string;
  variables: string[];
}

/**
 * Every configured destination whose credential variables are not set. Each account's
 * variables are its `*Env` fields, so a new field in the schema is covered without a list.
 * Such a destination silently becomes a dry run; with DRY_RUN=0 the bot refuses to start.
 */
export function missingCredentials(config: Config, env: Env): MissingCredentials[] {
  const out: MissingCredentials[] = [];
  const unset = (names: string[]) => names.filter((n) => !secret(env, n));
  const p = config.portal;
  if (p.type !== 'dry-run') {
    const vars = unset(p.type === 'wordpress' ? [p.urlEnv, p.userEnv, p.passwordEnv] : [p.urlEnv, p.secretEnv]);
    if (vars.length) out.push({ destination: 'portal', variables: vars });
  }
  for (const identity of IDENTITIES) {
    const accounts = config.accounts[identity] as Record<string, unknown>;
    for (const network of SOCIAL_NETWORKS) {
      const account = accounts[network];
      if (!account || typeof account !== 'object') continue;
      const names = Object.entries(account)
        .filter(([k, v]) => k.endsWith('Env') && typeof v === 'string')
        .map(([, v]) => v as string);
      const vars = unset(names);
      if (vars.length) out.push({ destination: `${network}:${identity}`, variables: vars });
    }
  }
  if (config.destinations.default.some((d) => d.startsWith('email:')) && !secret(env, 'SMTP_URL')) {
    out.push({ destination: 'email', variables: ['SMTP_URL'] });
  }
  return out;
}
