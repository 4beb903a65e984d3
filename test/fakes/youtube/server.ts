import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Google OAuth token endpoint and YouTube Data API v3 (127.0.0.1, plain HTTP),
 * answering with Google's documented payloads:
 * - POST /token (grant_type=refresh_token) -> {access_token, expires_in, scope, token_type};
 *   a revoked grant -> 400 {"error": "invalid_grant", "error_description": ...}.
 * - POST /upload/youtube/v3/videos?uploadType=resumable&part=... -> 200 + Location (session).
 * - PUT <session> with Content-Range `bytes a-b/total` -> 308 + Range while incomplete,
 *   201 + the video resource when the last byte arrives; `bytes * /total` asks the status.
 * - DELETE /youtube/v3/videos?id= -> 204; GET /youtube/v3/channels?part=snippet&mine=true.
 * - POST /upload/youtube/v3/captions?uploadType=multipart&part=snippet (captions.insert):
 *   multipart/related, first the caption resource as JSON ({snippet: {videoId, language,
 *   name, isDraft}}), then the captions file -> 200 + the youtube#caption resource.
 * Errors use Google's shape: {"error": {"code", "message", "errors": [{"message", "domain",
 * "reason"}]}}. Uploaded bytes are hashed as they arrive, never held in memory.
 */
export interface FakeYoutubeAccount {
  refreshToken: string;
  channelId: string;
  title: string;
  revoked?: boolean;
}

export interface FakeSession {
  id: string;
  channelId: string;
  total: number;
  mime: string;
  metadata: { snippet?: { title?: string; description?: string; tags?: string[]; categoryId?: string }; status?: { privacyStatus?: string } };
  received: number;
  hash: Hash;
  sha256?: string;
  videoId?: string;
  /** Content-Range headers of every PUT, in order. */
  ranges: string[];
}

export interface FakeVideo {
  id: string;
  channelId: string;
  sha256: string;
  bytes: number;
  title: string;
  description: string;
  privacyStatus: string;
  categoryId: string;
  tags: string[];
  /** The fake's clock when the last byte arrived (the uploads playlist lists it `listingLagMs` later). */
  createdAt: number;
  /** What videos.list?part=statistics answers (counts as strings, as YouTube sends them). */
  stats?: { views: number; likes: number; comments: number };
}

/** A caption track received by captions.insert. */
export interface FakeCaption {
  id: string;
  videoId: string;
  language: string;
  name: string;
  isDraft: boolean;
  /** The captions file's bytes as received, and the part's Content-Type. */
  content: Buffer;
  contentType: string;
  /** Index in `requests` of the captions.insert call (to check it came after the upload). */
  requestIndex: number;
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

export interface FakeYoutube {
  url: string;
  env: { YOUTUBE_API_URL: string; YOUTUBE_UPLOAD_URL: string; YOUTUBE_OAUTH_URL: string };
  sessions: Map<string, FakeSession>;
  videos: Map<string, FakeVideo>;
  captions: FakeCaption[];
  /** refresh_token values received by the token endpoint, in order. */
  refreshTokensSeen: string[];
  /** Access tokens handed out (a log-hygiene test looks for them). */
  accessTokensIssued(): string[];
  requests: Array<{ method: string; path: string }>;
  /** Scripted answers for `token`, `insert`, `channels`, `delete`, `put`, `videos` (videos.list), `captions`. */
  script(route: 'token' | 'insert' | 'channels' | 'delete' | 'put' | 'videos' | 'captions', answer: Answer): void;
  /** How long a new video takes to show in the channel's uploads playlist (on `clock`). */
  listingLagMs: number;
  clock: () => number;
  /** Cuts the connection once the upload has received this many bytes in total (once). */
  cutUploadAt(bytes: number): void;
  close(): Promise<void>;
}

export const googleError = (code: number, reason: string, message: string, domain = 'youtube.api') => ({
  error: { code, message, errors: [{ message, domain, reason }] },
});

export const quotaExceeded = () =>
  googleError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'youtube.quota');

export const rateLimitExceeded = () => googleError(403, 'rateLimitExceeded', 'The request cannot be completed because you have exceeded your rate limit.', 'usageLimits');

export async function startFakeYoutube(options: { accounts: FakeYoutubeAccount[]; clientId: string; clientSecret: string }): Promise<FakeYoutube> {
  const sessions = new Map<string, FakeSession>();
  const videos = new Map<string, FakeVideo>();
  const captions: FakeCaption[] = [];
  const accessTokens = new Map<string, string>(); // token -> channelId
  const refreshTokensSeen: string[] = [];
  const requests: Array<{ method: string; path: string }> = [];
  const scripts = new Map<string, Answer[]>();
  let cutAt: number | undefined;
  let base = '';

  const next = (route: string) => scripts.get(route)?.shift();
  const send = (res: ServerResponse, a: Answer) => {
    res.writeHead(a.status, { ...(a.body !== undefined ? { 'content-type': 'application/json; charset=UTF-8' } : {}), ...a.headers });
    res.end(a.body !== undefined ? JSON.stringify(a.body) : undefined);
  };
  const readText = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const authorized = (req: IncomingMessage): string | undefined => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return m ? accessTokens.get(m[1]!) : undefined;
  };
  const unauthorized = googleError(401, 'authError', 'Invalid Credentials', 'global');

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readText(req));
    const refresh = form.get('refresh_token') ?? '';
    refreshTokensSeen.push(refresh);
    const scripted = next('token');
    if (scripted) return send(res, scripted);
    if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
      return send(res, { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } });
    }
    const account = options.accounts.find((a) => a.refreshToken === refresh);
    if (form.get('grant_type') !== 'refresh_token' || !account || account.revoked) {
      return send(res, { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    }
    const access = `ya29.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(access, account.channelId);
    send(res, {
      status: 200,
      body: { access_token: access, expires_in: 3599, scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube', token_type: 'Bearer' },
    });
  }

  async function insert(req: IncomingMessage, res: ServerResponse, url: URL) {
    const body = await readText(req);
    const channelId = authorized(req);
    if (!channelId) return send(res, { status: 401, body: unauthorized });
    const scripted = next('insert');
    if (scripted) return send(res, scripted);
    if (url.searchParams.get('uploadType') !== 'resumable') return send(res, { status: 400, body: googleError(400, 'badRequest', 'uploadType must be resumable') });
    const total = Number(req.headers['x-upload-content-length']);
    const metadata = JSON.parse(body) as FakeSession['metadata'];
    const title = metadata.snippet?.title ?? '';
    const description = metadata.snippet?.description ?? '';
    if (!title || Array.from(title).length > 100 || /[<>]/.test(title)) return send(res, { status: 400, body: googleError(400, 'invalidTitle', 'The request metadata specifies an invalid video title.') });
    if (Buffer.byteLength(description) > 5000 || /[<>]/.test(description)) {
      return send(res, { status: 400, body: googleError(400, 'invalidDescription', 'The request metadata specifies an invalid video description.') });
    }
    const id = randomBytes(16).toString('hex');
    sessions.set(id, { id, channelId, total, mime: String(req.headers['x-upload-content-type'] ?? ''), metadata, received: 0, hash: createHash('sha256'), ranges: [] });
    // The session URL names the host the client asked (so it stays behind a proxy in front of the fake).
    const host = req.headers.host ? `http://${req.headers.host}` : base;
    send(res, { status: 200, headers: { location: `${host}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` } });
  }

  /** captions.insert: a multipart/related body, the resource then the file, as Google documents it. */
  async function captionsInsert(req: IncomingMessage, res: ServerResponse, url: URL) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const channelId = authorized(req);
    if (!channelId) return send(res, { status: 401, body: unauthorized });
    const scripted = next('captions');
    if (scripted) return send(res, scripted);
    if (url.searchParams.get('uploadType') !== 'multipart' || url.searchParams.get('part') !== 'snippet') {
      return send(res, { status: 400, body: googleError(400, 'badRequest', 'captions.insert needs uploadType=multipart and part=snippet') });
    }
    const boundary = /boundary="?([^";]+)"?/.exec(String(req.headers['content-type'] ?? ''))?.[1];
    if (!/^multipart\/related/.test(String(req.headers['content-type'] ?? '')) || !boundary) {
      return send(res, { status: 400, body: googleError(400, 'badContent', 'The request body must be multipart/related.') });
    }
    const parts = splitMultipart(body, boundary);
    if (parts.length !== 2) return send(res, { status: 400, body: googleError(400, 'badContent', 'Expected the metadata part and the media part.') });
    let snippet: { videoId?: string; language?: string; name?: string; isDraft?: boolean };
    try {
      snippet = (JSON.parse(parts[0]!.body.toString('utf8')) as { snippet?: typeof snippet }).snippet ?? {};
    } catch {
      return send(res, { status: 400, body: googleError(400, 'parseError', 'The metadata part is not JSON.') });
    }
    if (!snippet.language) return send(res, { status: 400, body: googleError(400, 'invalidMetadata', 'The request metadata is invalid: snippet.language is required.') });
    const v = videos.get(snippet.videoId ?? '');
    if (!v || v.channelId !== channelId) return send(res, { status: 404, body: googleError(404, 'videoNotFound', 'The video identified by the <code><a href="/youtube/v3/docs/captions#snippet.videoId">videoId</a></code> parameter could not be found.') });
    if (captions.some((c) => c.videoId === v.id && c.language === snippet.language && c.name === (snippet.name ?? ''))) {
      return send(res, { status: 409, body: googleError(409, 'captionExists', 'The video associated with the caption track already has a caption track with the same language and name.') });
    }
    const id = `AUieDa${randomBytes(12).toString('base64url')}`;
    captions.push({ id, videoId: v.id, language: snippet.language, name: snippet.name ?? '', isDraft: snippet.isDraft === true, content: parts[1]!.body, contentType: parts[1]!.contentType, requestIndex: requests.length - 1 });
    send(res, {
      status: 200,
      body: {
        kind: 'youtube#caption',
        etag: createHash('md5').update(id).digest('base64url'),
        id,
        snippet: {
          videoId: v.id,
          lastUpdated: new Date(fake.clock()).toISOString(),
          trackKind: 'standard',
          language: snippet.language,
          name: snippet.name ?? '',
          audioTrackType: 'unknown',
          isCC: false,
          isLarge: false,
          isEasyReader: false,
          isDraft: snippet.isDraft === true,
          isAutoSynced: false,
          status: 'serving',
        },
      },
    });
  }

  function status(res: ServerResponse, s: FakeSession) {
    if (s.videoId) return send(res, { status: 201, body: resource(videos.get(s.videoId)!) });
    send(res, { status: 308, headers: s.received > 0 ? { range: `bytes=0-${s.received - 1}` } : {} });
  }

  async function put(req: IncomingMessage, res: ServerResponse, url: URL) {
    const s = sessions.get(url.searchParams.get('upload_id') ?? '');
    if (!s) return send(res, { status: 404, body: googleError(404, 'notFound', 'Upload session not found.') });
    const range = String(req.headers['content-range'] ?? '');
    s.ranges.push(range);
    const scripted = next('put');
    if (scripted) {
      req.resume();
      return send(res, scripted);
    }
    if (range.startsWith('bytes */')) {
      req.resume();
      return status(res, s);
    }
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    if (!m || Number(m[1]) !== s.received) {
      // Out of step: say what was kept, as Google does, and let the client resync.
      req.resume();
      return status(res, s);
    }
    const cutting = cutAt !== undefined;
    for await (const chunk of req) {
      let buf = chunk as Buffer;
      if (cutting && cutAt !== undefined && s.received + buf.length >= cutAt) {
        buf = buf.subarray(0, cutAt - s.received);
        s.hash.update(buf);
        s.received += buf.length;
        cutAt = undefined;
        // Like Google, a session that got its last byte creates the video even if the
        // answer never reaches the client.
        if (s.received >= s.total) finish(s);
        req.socket.destroy();
        return;
      }
      s.hash.update(buf);
      s.received += buf.length;
    }
    if (s.received < s.total) return status(res, s);
    send(res, { status: 201, body: resource(finish(s)) });
  }

  function finish(s: FakeSession): FakeVideo {
    s.sha256 = s.hash.digest('hex');
    const id = randomBytes(8).toString('base64url').slice(0, 11);
    const v: FakeVideo = {
      id,
      channelId: s.channelId,
      sha256: s.sha256,
      bytes: s.received,
      title: s.metadata.snippet?.title ?? '',
      description: s.metadata.snippet?.description ?? '',
      privacyStatus: s.metadata.status?.privacyStatus ?? 'public',
      categoryId: s.metadata.snippet?.categoryId ?? '22',
      tags: s.metadata.snippet?.tags ?? [],
      createdAt: fake.clock(),
    };
    videos.set(id, v);
    s.videoId = id;
    return v;
  }

  function resource(v: FakeVideo) {
    return {
      kind: 'youtube#video',
      etag: createHash('md5').update(v.id).digest('base64url'),
      id: v.id,
      snippet: { publishedAt: new Date().toISOString(), channelId: v.channelId, title: v.title, description: v.description, tags: v.tags, categoryId: v.categoryId },
      status: { uploadStatus: 'uploaded', privacyStatus: v.privacyStatus, license: 'youtube', embeddable: true, publicStatsViewable: true },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    requests.push({ method, path: url.pathname });
    if (method === 'POST' && url.pathname === '/token') return token(req, res);
    if (method === 'POST' && url.pathname === '/upload/youtube/v3/videos') return insert(req, res, url);
    if (method === 'PUT' && url.pathname === '/upload/youtube/v3/videos') return put(req, res, url);
    if (method === 'POST' && url.pathname === '/upload/youtube/v3/captions') return captionsInsert(req, res, url);
    req.resume();
    const channelId = authorized(req);
    if (!channelId) return send(res, { status: 401, body: unauthorized });
    if (method === 'DELETE' && url.pathname === '/youtube/v3/videos') {
      const scripted = next('delete');
      if (scripted) return send(res, scripted);
      const v = videos.get(url.searchParams.get('id') ?? '');
      if (!v || v.channelId !== channelId) return send(res, { status: 404, body: googleError(404, 'videoNotFound', 'The video that you are trying to delete cannot be found.') });
      videos.delete(v.id);
      return send(res, { status: 204 });
    }
    if (method === 'GET' && url.pathname === '/youtube/v3/playlistItems') {
      // The uploads playlist id is the channel id with UC -> UU, as YouTube assigns it.
      const playlistId = url.searchParams.get('playlistId') ?? '';
      const owner = options.accounts.find((a) => `UU${a.channelId.slice(2)}` === playlistId);
      if (!owner) return send(res, { status: 404, body: googleError(404, 'playlistNotFound', 'The playlist identified with the request\'s <code>playlistId</code> parameter cannot be found.') });
      const max = Math.min(50, Number(url.searchParams.get('maxResults') ?? 5));
      const listed = [...videos.values()].filter((v) => v.channelId === owner.channelId && fake.clock() >= v.createdAt + fake.listingLagMs).reverse().slice(0, max);
      return send(res, {
        status: 200,
        body: {
          kind: 'youtube#playlistItemListResponse',
          etag: 'etag-playlist-items',
          pageInfo: { totalResults: listed.length, resultsPerPage: max },
          items: listed.map((v, position) => ({
            kind: 'youtube#playlistItem',
            etag: `etag-${v.id}`,
            id: Buffer.from(`${playlistId}.${v.id}`).toString('base64url'),
            snippet: {
              publishedAt: new Date(v.createdAt).toISOString(),
              channelId: v.channelId,
              title: v.title,
              description: v.description,
              thumbnails: { default: { url: `https://i.ytimg.com/vi/${v.id}/default.jpg`, width: 120, height: 90 } },
              channelTitle: owner.title,
              playlistId,
              position,
              resourceId: { kind: 'youtube#video', videoId: v.id },
              videoOwnerChannelTitle: owner.title,
              videoOwnerChannelId: v.channelId,
            },
          })),
        },
      });
    }
    if (method === 'GET' && url.pathname === '/youtube/v3/videos') {
      const scripted = next('videos');
      if (scripted) return send(res, scripted);
      const ids = (url.searchParams.get('id') ?? '').split(',').filter(Boolean);
      const items = ids.map((id) => videos.get(id)).filter((v): v is FakeVideo => !!v && v.channelId === channelId);
      const parts = (url.searchParams.get('part') ?? '').split(',');
      // A deleted video is simply absent from the list (videos.list never answers 404 for it).
      const body = (v: FakeVideo) =>
        parts.includes('statistics')
          ? { kind: 'youtube#video', etag: `etag-${v.id}`, id: v.id, statistics: { viewCount: String(v.stats?.views ?? 0), likeCount: String(v.stats?.likes ?? 0), favoriteCount: '0', commentCount: String(v.stats?.comments ?? 0) } }
          : resource(v);
      return send(res, { status: 200, body: { kind: 'youtube#videoListResponse', etag: 'etag-videos', pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items: items.map(body) } });
    }
    if (method === 'GET' && url.pathname === '/youtube/v3/channels') {
      const scripted = next('channels');
      if (scripted) return send(res, scripted);
      const account = options.accounts.find((a) => a.channelId === channelId)!;
      const withUploads = (url.searchParams.get('part') ?? '').split(',').includes('contentDetails');
      return send(res, {
        status: 200,
        body: {
          kind: 'youtube#channelListResponse',
          etag: 'etag-channels',
          pageInfo: { totalResults: 1, resultsPerPage: 5 },
          items: [
            {
              kind: 'youtube#channel',
              etag: 'etag-1',
              id: account.channelId,
              snippet: { title: account.title, description: '', publishedAt: '2016-01-01T00:00:00Z', localized: { title: account.title, description: '' } },
              ...(withUploads ? { contentDetails: { relatedPlaylists: { likes: '', uploads: `UU${account.channelId.slice(2)}` } } } : {}),
            },
          ],
        },
      });
    }
    send(res, { status: 404, body: googleError(404, 'notFound', `No route ${method} ${url.pathname}`) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: googleError(500, 'backendError', String(err)) });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeYoutube = {
    url: base,
    env: { YOUTUBE_API_URL: `${base}/youtube/v3`, YOUTUBE_UPLOAD_URL: `${base}/upload/youtube/v3`, YOUTUBE_OAUTH_URL: `${base}/token` },
    sessions,
    videos,
    captions,
    refreshTokensSeen,
    accessTokensIssued: () => [...accessTokens.keys()],
    requests,
    listingLagMs: 0,
    clock: () => Date.now(),
    script(route, answer) {
      const list = scripts.get(route) ?? [];
      list.push(answer);
      scripts.set(route, list);
    },
    cutUploadAt(bytes) {
      cutAt = bytes;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return fake;
}

/** The parts of a multipart body: each with its Content-Type and its bytes. */
function splitMultipart(body: Buffer, boundary: string): Array<{ contentType: string; body: Buffer }> {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Array<{ contentType: string; body: Buffer }> = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const raw = body.subarray(start + 2, next - 2); // after CRLF, before the CRLF that precedes the delimiter
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, split).toString('utf8');
    parts.push({ contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? '', body: raw.subarray(split + 4) });
    at = next;
  }
  return parts;
}
