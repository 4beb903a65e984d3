import axios, { type AxiosInstance } from 'axios';
import { signatureHeaders } from '../../publish/portal/http/signature.ts';
import type { FigureReader, ReadResult, ReadTarget } from './types.ts';

const views = (data: unknown): number | undefined => {
  const v = (data as { views?: unknown } | null)?.views;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
};

/**
 * Views of a portal item on the generic http portal: `GET {url}?stats=1&id=<id>`, signed
 * like every other request (docs/portal-http.md), answered `{"id", "views"}`. A portal that
 * does not offer it (400, 404 without item, 501) gets `ok` with no views: the bot's own
 * clicks stand in.
 */
export class HttpPortalFigures implements FigureReader {
  private readonly http: AxiosInstance;

  constructor(
    readonly destination: string,
    private readonly url: string,
    private readonly secret: string,
    private readonly now: () => Date,
  ) {
    this.http = axios.create({ timeout: 30_000, maxRedirects: 0, validateStatus: () => true });
  }

  async read(target: ReadTarget): Promise<ReadResult> {
    const query = new URLSearchParams({ stats: '1', id: target.remoteId }).toString();
    let res;
    try {
      res = await this.http.get(`${this.url}${this.url.includes('?') ? '&' : '?'}${query}`, { headers: signatureHeaders(this.secret, query, this.now()) });
    } catch (err) {
      return { kind: 'error', detail: (err as { code?: string })?.code ?? 'network' };
    }
    const v = views(res.data);
    if (res.status === 200 && v !== undefined) return { kind: 'ok', metrics: { views: v } };
    if (res.status === 410) return { kind: 'gone' };
    if (res.status === 429 || res.status === 503) {
      const s = Number(res.headers['retry-after']);
      return { kind: 'wait', waitMs: Number.isFinite(s) && s > 0 ? s * 1000 : 5 * 60_000, detail: `HTTP ${res.status}` };
    }
    return { kind: 'ok', metrics: {} };
  }
}

/**
 * Views of a WordPress post through an optional REST route a plugin may add:
 * `GET /wp-json/comunicados/v1/stats/<id>` -> `{"views": N}` (docs/portal-wordpress.md).
 * WordPress answers `rest_no_route` when no plugin offers it: the bot's clicks stand in.
 */
export class WordPressFigures implements FigureReader {
  private readonly http: AxiosInstance;

  constructor(
    readonly destination: string,
    site: string,
    user: string,
    password: string,
  ) {
    this.http = axios.create({
      baseURL: `${site.replace(/\/+$/, '')}/wp-json/`,
      timeout: 30_000,
      auth: { username: user, password },
      validateStatus: () => true,
    });
  }

  async read(target: ReadTarget): Promise<ReadResult> {
    let res;
    try {
      res = await this.http.get(`comunicados/v1/stats/${encodeURIComponent(target.remoteId)}`);
    } catch (err) {
      return { kind: 'error', detail: (err as { code?: string })?.code ?? 'network' };
    }
    const v = views(res.data);
    if (res.status === 200 && v !== undefined) return { kind: 'ok', metrics: { views: v } };
    return { kind: 'ok', metrics: {} };
  }
}
