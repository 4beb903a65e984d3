import axios from 'axios';
import type { Agent } from 'node:https';
import { resolveCredentials, type Credentials, type Env } from '../../config/env.ts';
import type { Config } from '../../config/schema.ts';
import { IDENTITIES, PLACEMENTS } from '../../domain/comunicado.ts';
import { GraphClient } from '../../publish/social/graph/client.ts';
import { graphBaseUrl } from '../../publish/social/graph/shared.ts';
import { DEFAULT_X_API_URL } from '../../publish/social/x/factory.ts';
import { DEFAULT_YOUTUBE_API_URL, DEFAULT_YOUTUBE_OAUTH_URL } from '../../publish/social/youtube/factory.ts';
import { GoogleTokenSource } from '../../publish/social/youtube/token-source.ts';
import type { Logger } from '../../util/logger.ts';
import { FacebookFigures, InstagramFigures } from './graph.ts';
import { HttpPortalFigures, WordPressFigures } from './portal.ts';
import type { FigureReader } from './types.ts';
import { XFigures } from './x.ts';
import { YoutubeFigures } from './youtube.ts';

export interface ReaderDeps {
  config: Config;
  env: Env;
  credentials?: Credentials;
  now(): Date;
  logger: Logger;
  /** TLS agent for X (tests pass one that trusts their certificate). */
  xAgent?: Agent;
}

/**
 * A figures reader for every destination whose account has credentials. Destinations
 * without one (dry runs) get no reader: their deliveries are simulations with no figures.
 */
export function createFigureReaders(deps: ReaderDeps): Map<string, FigureReader> {
  const { config, env, now } = deps;
  const creds = deps.credentials ?? resolveCredentials(config, env);
  const out = new Map<string, FigureReader>();
  const portal = creds.portal;
  if (portal?.ok && config.figures.portal.views === 'auto') {
    const p = portal.values;
    for (const placement of PLACEMENTS) {
      const dest = `portal:${placement}`;
      out.set(dest, p.type === 'http' ? new HttpPortalFigures(dest, p.url, p.secret, now) : new WordPressFigures(dest, p.url, p.user, p.password));
    }
  }
  const graph = (token: string) => new GraphClient({ baseUrl: graphBaseUrl(env), version: config.accounts.graphVersion, token, timeoutMs: 30_000 });
  const ytHttp = axios.create({ timeout: 30_000 });
  for (const identity of IDENTITIES) {
    const accounts = config.accounts[identity];
    const c = creds.accounts[identity];
    if (accounts.facebook && c.facebook?.ok) {
      out.set(`facebook:${identity}`, new FacebookFigures(`facebook:${identity}`, graph(c.facebook.values.token), config.figures.facebook.metrics, now));
    }
    if (accounts.instagram && c.instagram?.ok) {
      out.set(`instagram:${identity}`, new InstagramFigures(`instagram:${identity}`, graph(c.instagram.values.token), config.figures.instagram.metrics, now));
    }
    if (accounts.youtube && c.youtube?.ok) {
      const account = accounts.youtube;
      const tokens = new GoogleTokenSource({
        http: ytHttp,
        tokenUrl: env.apis.youtubeOauth ?? DEFAULT_YOUTUBE_OAUTH_URL,
        ...c.youtube.values,
        channel: accounts.name ?? identity,
        refreshTokenVar: account.refreshTokenEnv,
        clientVars: [account.clientIdEnv, account.clientSecretEnv],
        now,
        logger: deps.logger,
      });
      const apiUrl = (env.apis.youtube ?? DEFAULT_YOUTUBE_API_URL).replace(/\/+$/, '');
      out.set(`youtube:${identity}`, new YoutubeFigures(`youtube:${identity}`, ytHttp, apiUrl, tokens, now));
    }
    if (accounts.x && c.x?.ok && config.figures.x.read) {
      out.set(`x:${identity}`, new XFigures(`x:${identity}`, c.x.values, env.apis.x ?? DEFAULT_X_API_URL, now, deps.xAgent));
    }
  }
  return out;
}
