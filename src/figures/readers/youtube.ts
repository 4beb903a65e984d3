import type { AxiosInstance } from 'axios';
import { PublishError } from '../../publish/port.ts';
import { googleReason, nextQuotaReset } from '../../publish/social/youtube/google-error.ts';
import type { GoogleTokenSource } from '../../publish/social/youtube/token-source.ts';
import { parseRetryAfterMs } from '../../util/retry-after.ts';
import type { FigureReader, ReadResult, ReadTarget } from './types.ts';

interface VideoList {
  items?: Array<{ id?: string; statistics?: { viewCount?: string; likeCount?: string; commentCount?: string } }>;
}

const num = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

/**
 * A YouTube video: `videos.list?part=statistics` (1 quota unit): views, likes, comments.
 * An empty list means the video was deleted. `quotaExceeded` waits for the daily reset
 * (midnight Pacific time), a rate limit for Google's Retry-After.
 */
export class YoutubeFigures implements FigureReader {
  constructor(
    readonly destination: string,
    private readonly http: AxiosInstance,
    private readonly apiUrl: string,
    private readonly tokens: GoogleTokenSource,
    private readonly now: () => Date,
  ) {}

  async read(target: ReadTarget): Promise<ReadResult> {
    let token: string;
    try {
      token = await this.tokens.accessToken();
    } catch (err) {
      return { kind: 'error', detail: err instanceof PublishError ? err.message : 'token' };
    }
    let res;
    try {
      res = await this.http.get<VideoList>(`${this.apiUrl}/videos`, {
        params: { part: 'statistics', id: target.remoteId },
        headers: { Authorization: `Bearer ${token}` },
        validateStatus: () => true,
      });
    } catch (err) {
      return { kind: 'error', detail: (err as { code?: string })?.code ?? 'network' };
    }
    if (res.status === 200) {
      const item = res.data.items?.find((i) => i.id === target.remoteId) ?? res.data.items?.[0];
      if (!item) return { kind: 'gone' };
      const s = item.statistics ?? {};
      const metrics: Record<string, number> = {};
      for (const [k, v] of [['views', num(s.viewCount)], ['likes', num(s.likeCount)], ['comments', num(s.commentCount)]] as const) if (v !== undefined) metrics[k] = v;
      return { kind: 'ok', metrics };
    }
    const { reason, message } = googleReason(res.data);
    const now = this.now();
    if (reason === 'quotaExceeded' || reason === 'dailyLimitExceeded') return { kind: 'wait', waitMs: nextQuotaReset(now).getTime() - now.getTime(), detail: reason };
    if (res.status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
      const asked = parseRetryAfterMs((res.headers as Record<string, unknown>)['retry-after'], now);
      return { kind: 'wait', waitMs: Math.max(1000, asked ?? 60_000), detail: reason ?? 'HTTP 429' };
    }
    if (res.status === 401) {
      this.tokens.invalidate();
      return { kind: 'error', detail: message ?? 'HTTP 401' };
    }
    if (res.status === 403) return { kind: 'no_permission', permission: { permission: 'youtube.readonly', detail: message ?? reason ?? 'HTTP 403' } };
    if (res.status === 404) return { kind: 'gone' };
    return { kind: 'error', detail: message ?? `HTTP ${res.status}` };
  }
}
