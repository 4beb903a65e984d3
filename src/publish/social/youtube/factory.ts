import axios from 'axios';
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { IDENTITIES, type Destination } from '../../../domain/comunicado.ts';
import type { PublisherDeps } from '../../deps.ts';
import type { Publisher } from '../../port.ts';
import { missingVariables, noCredentialsReason } from '../x/shared.ts';
import { YoutubeDryRunPublisher } from './dry-run.ts';
import { YoutubePublisher } from './publisher.ts';
import { CHUNK_UNIT, DEFAULT_CHUNK_SIZE } from './resumable-upload.ts';
import { GoogleTokenSource } from './token-source.ts';
import { sleep as wallSleep } from '../../../util/sleep.ts';

export const DEFAULT_YOUTUBE_API_URL = 'https://www.googleapis.com/youtube/v3';
export const DEFAULT_YOUTUBE_UPLOAD_URL = 'https://www.googleapis.com/upload/youtube/v3';
export const DEFAULT_YOUTUBE_OAUTH_URL = 'https://oauth2.googleapis.com/token';

export interface YoutubeFactoryOptions {
  /** Bytes per resumable chunk; rounded to a multiple of 256 KiB. Default 8 MiB. */
  chunkSize?: number;
  /** Minimum time between two progress messages in the thread. Default 5 s. */
  progressIntervalMs?: number;
  /** Consecutive broken connections without progress before the attempt gives up. Default 5. */
  maxBrokenInARow?: number;
  /** Wait between resume attempts (tests pass one that does not sleep). */
  sleep?: (ms: number) => Promise<void>;
  httpAgent?: HttpAgent;
  httpsAgent?: HttpsAgent;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/** YouTube publishers, one per identity with a `youtube:` account in the config. */
export function createYoutubePublishers(deps: PublisherDeps, options: YoutubeFactoryOptions = {}): Publisher[] {
  const { apis } = deps.env;
  const apiUrl = trimSlash(apis.youtube ?? DEFAULT_YOUTUBE_API_URL);
  const uploadUrl = trimSlash(apis.youtubeUpload ?? DEFAULT_YOUTUBE_UPLOAD_URL);
  const tokenUrl = apis.youtubeOauth ?? DEFAULT_YOUTUBE_OAUTH_URL;
  const chunkSize = Math.max(1, Math.round((options.chunkSize ?? DEFAULT_CHUNK_SIZE) / CHUNK_UNIT)) * CHUNK_UNIT;
  const sleep = options.sleep ?? wallSleep;
  const publishers: Publisher[] = [];
  for (const identity of IDENTITIES) {
    const account = deps.config.accounts[identity].youtube;
    if (!account) continue;
    const destination: Destination = `youtube:${identity}`;
    const channel = deps.config.accounts[identity].name ?? identity;
    const touches = { signature: account.signature, hashtags: account.hashtags, mentions: account.mentions };
    const vars = [account.clientIdEnv, account.clientSecretEnv, account.refreshTokenEnv];
    const credentials = deps.credentials.accounts[identity].youtube;
    const missing = missingVariables(credentials, vars);
    if (missing.length || !credentials?.ok) {
      deps.logger.warn({ destination, missing }, 'youtube account falls back to dry-run');
      publishers.push(new YoutubeDryRunPublisher(destination, noCredentialsReason(missing), touches));
      continue;
    }
    // One client per account; a stalled socket fails after a minute instead of hanging.
    const http = axios.create({
      timeout: 60_000,
      ...(options.httpAgent ? { httpAgent: options.httpAgent } : {}),
      ...(options.httpsAgent ? { httpsAgent: options.httpsAgent } : {}),
    });
    const tokens = new GoogleTokenSource({
      http,
      tokenUrl,
      ...credentials.values,
      channel,
      refreshTokenVar: account.refreshTokenEnv,
      clientVars: [account.clientIdEnv, account.clientSecretEnv],
      now: deps.now,
      logger: deps.logger,
    });
    publishers.push(
      new YoutubePublisher({
        destination,
        channel,
        channelId: account.channelId,
        http,
        tokens,
        refreshTokenVar: account.refreshTokenEnv,
        apiUrl,
        uploadUrl,
        privacy: account.privacy,
        categoryId: account.categoryId,
        touches,
        chunkSize,
        progressIntervalMs: options.progressIntervalMs ?? 5000,
        maxBrokenInARow: options.maxBrokenInARow ?? 5,
        sleep,
        timeZone: deps.config.office.timezone,
        now: deps.now,
        logger: deps.logger,
      }),
    );
  }
  return publishers;
}
