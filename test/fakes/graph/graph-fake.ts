import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { graphErrors, type FakeGraphError } from './errors.ts';

/**
 * A local fake of the parts of the Meta Graph API the Facebook and Instagram publishers
 * use, on 127.0.0.1, answering with the documented payloads and error objects:
 * Pages (/me, /debug_token, /{page}/feed, /{page}/photos, permalink_url, DELETE) and
 * Instagram content publishing (/{ig-user}, /content_publishing_limit, /media containers
 * with status_code, carousels, /media_publish, permalink). It keeps state, so a second post
 * of the same text gets Facebook's real answer (#506), and it really downloads every
 * image_url (as Instagram does) and checks it is a JPEG within 4:5..1.91:1.
 */

export interface FakeToken {
  kind: 'PAGE' | 'USER';
  /** The page id for a page token (GET /me answers it). */
  id: string;
  name: string;
  valid?: boolean;
  /** Unix seconds; 0 = never. */
  expiresAt?: number;
  dataAccessExpiresAt?: number;
  scopes?: string[];
}

export interface FakePost {
  id: string;
  /** The fake's clock when it was created (listings may show it only after `listingLagMs`). */
  createdAt: number;
  pageId: string;
  message?: string;
  link?: string;
  attached: string[];
  deleted: boolean;
}

export interface FakePhoto {
  id: string;
  pageId: string;
  published: boolean;
  message?: string;
  alt?: string;
  filename?: string;
  type?: string;
  size: number;
}

export interface FakeContainer {
  id: string;
  userId: string;
  mediaType: 'IMAGE' | 'CAROUSEL';
  carouselItem: boolean;
  imageUrl?: string;
  caption?: string;
  altText?: string;
  children: string[];
  statuses: string[];
  polls: number;
  published: boolean;
}

export interface FakeIgMedia {
  id: string;
  createdAt: number;
  userId: string;
  containerId: string;
  caption?: string;
  permalink: string;
  deleted?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path without the version prefix, e.g. `123/feed`. */
  path: string;
  version: string;
  query: Record<string, string>;
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; type: string; size: number }>;
  /** Where the token came from: never expected in the query string. */
  tokenIn: 'header' | 'query' | 'none';
  /** Whose token it was (`PAGE:111`, `USER:9001`), for per-user call counts. */
  caller?: string;
}

export interface Injection {
  method?: string;
  /** Matched against the path without the version. */
  path: RegExp;
  /** How many matching requests it affects (default 1). */
  times?: number;
  /**
   * `respond` (default): answer `status` with `error` and `headers`;
   * `destroy`: close the socket without answering (connection reset after sending);
   * `hang`: never answer (a client timeout);
   * `hang_after`: do the real work, then never answer (the post exists, the client cannot know).
   */
  action?: 'respond' | 'destroy' | 'hang' | 'hang_after';
  status?: number;
  error?: FakeGraphError;
  /** A raw body instead of a Graph error object (what a proxy or load balancer sends). */
  rawBody?: string;
  headers?: Record<string, string>;
}

const DEFAULT_SCOPES = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'read_insights', 'instagram_basic', 'instagram_content_publish', 'instagram_manage_insights'];

const fbtrace = () => randomBytes(8).toString('base64url');

export class GraphFake {
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly tokens = new Map<string, FakeToken>();
  readonly pages = new Map<string, { id: string; name: string }>();
  readonly posts = new Map<string, FakePost>();
  readonly photos = new Map<string, FakePhoto>();
  readonly igUsers = new Map<string, { id: string; username: string; quotaUsage: number; quotaTotal: number }>();
  readonly containers = new Map<string, FakeContainer>();
  readonly igMedia = new Map<string, FakeIgMedia>();
  /** Status sequence a new container goes through, one step per status check; the last sticks. */
  containerStatuses: string[] = ['FINISHED'];
  /**
   * How long a new post or media item takes to show in the listings (published_posts,
   * /{ig-user}/media), as Facebook and Instagram do while they process a photo. It exists
   * (and its own node answers) at once. Measured on `clock`, which tests move.
   */
  listingLagMs = 0;
  clock: () => number = () => Date.now();
  /**
   * Figures per post or media id, as the network would count them: `reactions`,
   * `comments`, `shares` (Page post fields) and insights metric values by their Graph name.
   */
  readonly figures = new Map<string, Record<string, number>>();
  /** Page post insights metrics Graph still offers (the `post_impressions*` family was retired in 2025). */
  postMetrics = new Set(['post_total_media_view_unique', 'post_media_view', 'post_clicks', 'post_reactions_by_type_total', 'post_video_views']);
  /** Instagram media insights metrics Graph offers (v22+: `impressions`, `plays` retired). */
  mediaMetrics = new Set(['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'profile_visits', 'follows']);
  private readonly injections: Injection[] = [];
  private server: Server | undefined;
  private seq = 1_000;
  private readonly hanging = new Set<ServerResponse>();

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) this.send(res, 500, { error: { message: String(err), type: 'FakeError', code: 1 } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addToken(token: string, info: FakeToken): this {
    this.tokens.set(token, info);
    return this;
  }
  addPage(id: string, name: string): this {
    this.pages.set(id, { id, name });
    return this;
  }
  addIgUser(id: string, username: string, quota: { usage?: number; total?: number } = {}): this {
    this.igUsers.set(id, { id, username, quotaUsage: quota.usage ?? 0, quotaTotal: quota.total ?? 50 });
    return this;
  }
  inject(injection: Injection): this {
    this.injections.push({ times: 1, ...injection });
    return this;
  }

  livePosts(pageId: string): FakePost[] {
    return [...this.posts.values()].filter((p) => p.pageId === pageId && !p.deleted);
  }
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private nextId(): string {
    return String(++this.seq);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const data = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(data), ...headers });
    res.end(data);
  }

  private fail(res: ServerResponse, status: number, error: FakeGraphError, headers: Record<string, string> = {}): void {
    this.send(res, status, { error: { ...error, fbtrace_id: fbtrace() } }, { 'www-authenticate': error.code === 190 ? 'OAuth "Facebook Platform" "invalid_token"' : '', ...headers });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/(v\d+\.\d+)\/(.*)$/.exec(url.pathname);
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const { fields, files } = await parseBody(req.headers['content-type'] ?? '', body);
    const auth = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1] ?? query['access_token'] ?? fields['access_token'];
    const tokenIn = auth ? 'header' : token ? 'query' : 'none';
    const path = m?.[2] ?? url.pathname.replace(/^\//, '');
    const rec: RecordedRequest = {
      method,
      path,
      version: m?.[1] ?? '',
      query,
      fields: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'access_token')),
      files: files.map((f) => ({ field: f.field, filename: f.filename, type: f.type, size: f.data.length })),
      tokenIn,
    };
    const caller = token ? this.tokens.get(token) : undefined;
    if (caller) rec.caller = `${caller.kind}:${caller.id}`;
    this.requests.push(rec);
    if (!m) return this.fail(res, 400, graphErrors.invalidParameter('Unknown path components: missing version'));

    const injection = this.injections.find((i) => (i.times ?? 1) > 0 && (!i.method || i.method === method) && i.path.test(path));
    if (injection) {
      injection.times = (injection.times ?? 1) - 1;
      const action = injection.action ?? 'respond';
      if (action === 'destroy') return void req.socket.destroy();
      if (action === 'hang') return void this.hanging.add(res);
      if (action === 'respond' && injection.rawBody !== undefined) {
        res.writeHead(injection.status ?? 500, { 'content-type': 'text/html', ...injection.headers }).end(injection.rawBody);
        return;
      }
      if (action === 'respond') {
        return this.fail(res, injection.status ?? 400, injection.error ?? graphErrors.serviceUnavailable(), injection.headers ?? {});
      }
      // hang_after: fall through, do the work, never answer.
      const sink = { writeHead: () => sink, end: () => undefined, headersSent: false } as unknown as ServerResponse;
      this.hanging.add(res);
      return this.route(sink, method, path, query, fields, files, token);
    }
    return this.route(res, method, path, query, fields, files, token);
  }

  private async route(
    res: ServerResponse,
    method: string,
    path: string,
    query: Record<string, string>,
    fields: Record<string, string>,
    files: ParsedFile[],
    token: string | undefined,
  ): Promise<void> {
    const who = token ? this.tokens.get(token) : undefined;
    if (!who) return this.fail(res, 400, graphErrors.invalidToken());
    if (who.valid === false) return this.fail(res, 400, graphErrors.expiredToken());
    const [id = '', edge, ...rest] = path.split('/').map(decodeURIComponent);
    if (rest.length) return this.fail(res, 400, graphErrors.invalidParameter('Unknown path components'));

    if (method === 'GET' && id === 'me' && !edge) return this.send(res, 200, { id: who.id, name: who.name });
    if (method === 'GET' && id === 'debug_token') return this.debugToken(res, query['input_token']);

    if (this.pages.has(id) && edge) {
      if (who.kind !== 'PAGE' || who.id !== id) return this.fail(res, 403, graphErrors.permission());
      if (method === 'POST' && edge === 'feed') return this.feed(res, id, fields);
      if (method === 'GET' && edge === 'published_posts') {
        const limit = Number(query['limit'] ?? 25);
        const data = this.livePosts(id)
          .filter((p) => this.listed(p.createdAt))
          .reverse()
          .slice(0, limit)
          .map((p) => ({ id: p.id, created_time: '2026-03-10T15:00:00+0000', ...(p.message ? { message: p.message } : {}), permalink_url: this.permalink(p.id) }));
        return this.send(res, 200, { data, paging: { cursors: { before: 'QVFIUmFh', after: 'QVFIUmJi' } } });
      }
      if (method === 'POST' && edge === 'photos') return this.photo(res, id, fields, files);
    }
    if (this.igUsers.has(id) && edge) {
      if (method === 'GET' && edge === 'content_publishing_limit') {
        const u = this.igUsers.get(id)!;
        return this.send(res, 200, { data: [{ quota_usage: u.quotaUsage, config: { quota_total: u.quotaTotal, quota_duration: 86_400 } }] });
      }
      if (method === 'POST' && edge === 'media') return this.createContainer(res, id, fields);
      if (method === 'GET' && edge === 'media') {
        const data = [...this.igMedia.values()]
          .filter((m) => m.userId === id && this.listed(m.createdAt))
          .reverse()
          .slice(0, Number(query['limit'] ?? 25))
          .map((m) => ({ id: m.id, timestamp: '2026-03-10T15:00:00+0000', permalink: m.permalink, ...(m.caption !== undefined ? { caption: m.caption } : {}) }));
        return this.send(res, 200, { data });
      }
      if (method === 'POST' && edge === 'media_publish') return this.mediaPublish(res, id, fields);
    }
    if (method === 'GET' && edge === 'insights') return this.insights(res, who, id, query);
    if (!edge && method === 'GET') return this.readNode(res, id, query);
    if (!edge && method === 'DELETE') {
      const post = this.posts.get(id);
      if (!post || post.deleted) return this.fail(res, 400, graphErrors.noSuchObject(id));
      post.deleted = true;
      return this.send(res, 200, { success: true });
    }
    return this.fail(res, 400, graphErrors.invalidParameter(`Unsupported ${method} request to ${path}`));
  }

  private listed(createdAt: number): boolean {
    return this.clock() >= createdAt + this.listingLagMs;
  }

  private debugToken(res: ServerResponse, input: string | undefined): void {
    const t = input ? this.tokens.get(input) : undefined;
    if (!t) return this.send(res, 200, { data: { is_valid: false, error: { code: 190, message: 'Invalid OAuth access token.' }, scopes: [] } });
    return this.send(res, 200, {
      data: {
        app_id: '1234567890',
        type: t.kind,
        application: 'Comunicados Ibagué',
        data_access_expires_at: t.dataAccessExpiresAt ?? 0,
        expires_at: t.expiresAt ?? 0,
        is_valid: t.valid !== false,
        issued_at: 1_760_000_000,
        ...(t.kind === 'PAGE' ? { profile_id: t.id } : {}),
        scopes: t.scopes ?? DEFAULT_SCOPES,
        user_id: '99887766',
      },
    });
  }

  private feed(res: ServerResponse, pageId: string, fields: Record<string, string>): void {
    const message = fields['message'];
    const attached: string[] = [];
    for (const [k, v] of Object.entries(fields)) {
      if (!/^attached_media\[\d+\]$/.test(k)) continue;
      const fbid = (JSON.parse(v) as { media_fbid?: string }).media_fbid ?? '';
      const photo = this.photos.get(fbid);
      if (!photo || photo.pageId !== pageId || photo.published) return this.fail(res, 400, graphErrors.invalidParameter(`Invalid media_fbid ${fbid}`));
      attached.push(fbid);
    }
    if (!message && !fields['link'] && !attached.length) return this.fail(res, 400, graphErrors.invalidParameter('The post is empty'));
    if (message && this.livePosts(pageId).some((p) => p.message === message)) return this.fail(res, 400, graphErrors.duplicate());
    const post: FakePost = { id: `${pageId}_${this.nextId()}`, createdAt: this.clock(), pageId, attached, deleted: false };
    if (message) post.message = message;
    if (fields['link']) post.link = fields['link'];
    this.posts.set(post.id, post);
    for (const fbid of attached) this.photos.get(fbid)!.published = true;
    return this.send(res, 200, { id: post.id });
  }

  private photo(res: ServerResponse, pageId: string, fields: Record<string, string>, files: ParsedFile[]): void {
    const source = files.find((f) => f.field === 'source');
    if (!source && !fields['url']) return this.fail(res, 400, graphErrors.invalidParameter('Requires upload file'));
    const published = fields['published'] !== 'false';
    const photo: FakePhoto = { id: this.nextId(), pageId, published, size: source?.data.length ?? 0 };
    if (fields['message']) photo.message = fields['message'];
    if (fields['alt_text_custom']) photo.alt = fields['alt_text_custom'];
    if (source) {
      photo.filename = source.filename;
      photo.type = source.type;
    }
    this.photos.set(photo.id, photo);
    if (!published) return this.send(res, 200, { id: photo.id });
    const post: FakePost = { id: `${pageId}_${this.nextId()}`, createdAt: this.clock(), pageId, attached: [photo.id], deleted: false };
    if (photo.message) post.message = photo.message;
    this.posts.set(post.id, post);
    return this.send(res, 200, { id: photo.id, post_id: post.id });
  }

  private permalink(postId: string): string {
    const [page, num] = postId.split('_');
    return `https://www.facebook.com/${page}/posts/pfbid0${num}`;
  }

  /**
   * GET /{post-or-media-id}/insights?metric=a,b: one entry per metric,
   * `{name, period: "lifetime", values: [{value}], title, description, id}`. A metric Graph
   * does not offer fails the whole request with (#100) "The value must be a valid insights
   * metric"; a token without `read_insights` (Pages) or `instagram_manage_insights`
   * (Instagram) gets (#10).
   */
  private insights(res: ServerResponse, who: FakeToken, id: string, query: Record<string, string>): void {
    const post = this.posts.get(id);
    const media = this.igMedia.get(id);
    if ((!post || post.deleted) && (!media || media.deleted)) return this.fail(res, 400, graphErrors.noSuchObject(id));
    const needed = post ? 'read_insights' : 'instagram_manage_insights';
    if (!(who.scopes ?? DEFAULT_SCOPES).includes(needed)) return this.fail(res, 403, graphErrors.missingPermission(needed));
    const valid = post ? this.postMetrics : this.mediaMetrics;
    const metrics = (query['metric'] ?? '').split(',').filter(Boolean);
    if (!metrics.length) return this.fail(res, 400, { message: '(#100) The parameter metric is required', type: 'OAuthException', code: 100 });
    if (metrics.some((m) => !valid.has(m))) return this.fail(res, 400, graphErrors.invalidMetric());
    const counts = this.figures.get(id) ?? {};
    const data = metrics.map((name) => ({
      name,
      period: 'lifetime',
      values: [{ value: counts[name] ?? 0 }],
      title: name,
      description: `Lifetime ${name}`,
      id: `${id}/insights/${name}/lifetime`,
    }));
    return this.send(res, 200, { data, paging: { previous: 'https://graph.facebook.com/prev', next: 'https://graph.facebook.com/next' } });
  }

  private readNode(res: ServerResponse, id: string, query: Record<string, string>): void {
    const post = this.posts.get(id);
    if (post && !post.deleted && /reactions|comments|shares/.test(query['fields'] ?? '')) {
      // Page post engagement as the fields ask it: edges with `summary.total_count`
      // (limit(0): no rows), and `shares` left out when nobody shared.
      const f = this.figures.get(id) ?? {};
      return this.send(res, 200, {
        id,
        reactions: { data: [], summary: { total_count: f['reactions'] ?? 0, viewer_reaction: 'NONE' } },
        comments: { data: [], summary: { order: 'ranked', total_count: f['comments'] ?? 0, can_comment: true } },
        ...(f['shares'] ? { shares: { count: f['shares'] } } : {}),
      });
    }
    if (post && !post.deleted) return this.send(res, 200, { id, permalink_url: this.permalink(id) });
    const user = this.igUsers.get(id);
    if (user) return this.send(res, 200, { id, username: user.username });
    const container = this.containers.get(id);
    if (container) {
      const status = container.statuses[Math.min(container.polls, container.statuses.length - 1)] ?? 'FINISHED';
      container.polls += 1;
      const wantsStatus = (query['fields'] ?? '').split(',').includes('status');
      return this.send(res, 200, {
        status_code: status,
        ...(wantsStatus && status === 'ERROR' ? { status: 'Error: Media upload has failed with error code 2207026' } : {}),
        id,
      });
    }
    const media = this.igMedia.get(id);
    if (media && !media.deleted) return this.send(res, 200, { permalink: media.permalink, id });
    const page = this.pages.get(id);
    if (page) return this.send(res, 200, page);
    return this.fail(res, 400, {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
  }

  private async createContainer(res: ServerResponse, userId: string, fields: Record<string, string>): Promise<void> {
    const base = { id: this.nextId(), userId, statuses: [...this.containerStatuses], polls: 0, published: false };
    if (fields['media_type'] === 'CAROUSEL') {
      const children = (fields['children'] ?? '').split(',').filter(Boolean);
      if (children.length < 2 || children.length > 10) return this.fail(res, 400, graphErrors.invalidParameter('The carousel must have between 2 and 10 children'));
      for (const child of children) {
        const c = this.containers.get(child);
        if (!c || c.userId !== userId || !c.carouselItem) return this.fail(res, 400, graphErrors.invalidParameter(`Invalid child ${child}`));
      }
      const container: FakeContainer = { ...base, mediaType: 'CAROUSEL', carouselItem: false, children };
      if (fields['caption'] !== undefined) container.caption = fields['caption'];
      this.containers.set(container.id, container);
      return this.send(res, 200, { id: container.id });
    }
    const imageUrl = fields['image_url'];
    if (!imageUrl) return this.fail(res, 400, graphErrors.invalidParameter('The parameter image_url is required'));
    // Instagram downloads the image itself: so does the fake.
    let bytes: Buffer;
    try {
      const r = await fetch(imageUrl);
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      bytes = Buffer.from(await r.arrayBuffer());
    } catch {
      return this.fail(res, 400, graphErrors.mediaFetchFailed(imageUrl));
    }
    if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) {
      return this.fail(res, 400, graphErrors.invalidParameter('Only photo or video can be accepted as media type.'));
    }
    const meta = await sharp(bytes).metadata();
    const ratio = (meta.width ?? 0) / (meta.height ?? 1);
    if (ratio < 0.8 - 1e-9 || ratio > 1.91 + 1e-9) return this.fail(res, 400, graphErrors.aspectRatio(ratio.toFixed(3)));
    const container: FakeContainer = { ...base, mediaType: 'IMAGE', carouselItem: fields['is_carousel_item'] === 'true', imageUrl, children: [] };
    if (fields['caption'] !== undefined) container.caption = fields['caption'];
    if (fields['alt_text'] !== undefined) container.altText = fields['alt_text'];
    this.containers.set(container.id, container);
    return this.send(res, 200, { id: container.id });
  }

  private mediaPublish(res: ServerResponse, userId: string, fields: Record<string, string>): void {
    const user = this.igUsers.get(userId)!;
    const container = this.containers.get(fields['creation_id'] ?? '');
    if (!container || container.userId !== userId || container.carouselItem) return this.fail(res, 400, graphErrors.invalidParameter('Invalid creation_id'));
    if (user.quotaUsage >= user.quotaTotal) return this.fail(res, 400, graphErrors.quotaReached());
    const current = container.statuses[Math.min(Math.max(container.polls - 1, 0), container.statuses.length - 1)];
    if (current !== 'FINISHED' || container.published) return this.fail(res, 400, graphErrors.notReady());
    container.published = true;
    user.quotaUsage += 1;
    const id = this.nextId();
    const media: FakeIgMedia = { id, createdAt: this.clock(), userId, containerId: container.id, permalink: `https://www.instagram.com/p/C${id}xYz/` };
    if (container.caption !== undefined) media.caption = container.caption;
    this.igMedia.set(id, media);
    return this.send(res, 200, { id });
  }
}

interface ParsedFile {
  field: string;
  filename: string;
  type: string;
  data: Buffer;
}

/** Form-encoded, multipart (parsed by the platform's own Fetch Request) or JSON bodies. */
async function parseBody(contentType: string, body: Buffer): Promise<{ fields: Record<string, string>; files: ParsedFile[] }> {
  const fields: Record<string, string> = {};
  const files: ParsedFile[] = [];
  if (!body.length) return { fields, files };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) fields[k] = v;
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
    for (const [k, v] of form.entries()) {
      if (typeof v === 'string') fields[k] = v;
      else files.push({ field: k, filename: v.name, type: v.type, data: Buffer.from(await v.arrayBuffer()) });
    }
  } else if (contentType.startsWith('application/json')) {
    for (const [k, v] of Object.entries(JSON.parse(body.toString('utf8')) as Record<string, unknown>)) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { fields, files };
}
