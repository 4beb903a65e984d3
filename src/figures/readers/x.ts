import type { Agent } from 'node:https';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import { baseUrlPlugin } from '../../publish/social/x/base-url-plugin.ts';
import type { FigureReader, ReadResult, ReadTarget } from './types.ts';

/**
 * An X post's `public_metrics` (GET /2/tweets/:id?tweet.fields=public_metrics). Only built
 * when `figures.x.read` is on: X bills every post read. A 429 waits until
 * x-rate-limit-reset; a 402/403 names the missing access (credits or app permission).
 */
export class XFigures implements FigureReader {
  private readonly client: TwitterApi;

  constructor(
    readonly destination: string,
    credentials: { appKey: string; appSecret: string; accessToken: string; accessSecret: string },
    baseUrl: string,
    private readonly now: () => Date,
    agent?: Agent,
  ) {
    this.client = new TwitterApi(credentials, { plugins: [baseUrlPlugin(baseUrl, { timeoutMs: 30_000 })], ...(agent ? { httpAgent: agent } : {}) });
  }

  async read(target: ReadTarget): Promise<ReadResult> {
    try {
      const res = await this.client.v2.singleTweet(target.remoteId, { 'tweet.fields': ['public_metrics'] });
      const m = res.data?.public_metrics as Record<string, number | undefined> | undefined;
      if (!res.data) return { kind: 'gone' };
      const metrics: Record<string, number> = {};
      const put = (k: string, v: number | undefined) => {
        if (typeof v === 'number') metrics[k] = v;
      };
      put('views', m?.['impression_count']);
      put('likes', m?.['like_count']);
      put('comments', m?.['reply_count']);
      put('shares', m?.['retweet_count']);
      put('quotes', m?.['quote_count']);
      return { kind: 'ok', metrics };
    } catch (err) {
      if (err instanceof ApiResponseError) {
        if (err.code === 404 || (err.data as { errors?: Array<{ type?: string }> })?.errors?.some((e) => /resource-not-found/.test(e.type ?? ''))) return { kind: 'gone' };
        if (err.code === 429) {
          const reset = err.rateLimit?.reset;
          const waitMs = reset ? Math.max(1000, reset * 1000 - this.now().getTime()) : 15 * 60_000;
          return { kind: 'wait', waitMs, detail: 'HTTP 429' };
        }
        const detail = String((err.data as { detail?: unknown; title?: unknown })?.detail ?? (err.data as { title?: unknown })?.title ?? `HTTP ${err.code}`).slice(0, 300);
        if (err.code === 402) return { kind: 'no_permission', permission: { permission: 'créditos de la API de X', detail } };
        if (err.code === 403) return { kind: 'no_permission', permission: { permission: 'lectura de posts (tweet.read)', detail } };
        return { kind: 'error', detail };
      }
      return { kind: 'error', detail: (err as { code?: string })?.code ?? 'network' };
    }
  }
}
