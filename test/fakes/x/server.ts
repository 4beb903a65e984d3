import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseOAuthHeader, verifyOAuth1 } from './oauth1.ts';
import { parseMultipart } from './multipart.ts';
import { testCertificate, type TestCertificate } from './certificate.ts';

/**
 * A local X API v2 over HTTPS (127.0.0.1, self-signed test certificate) answering with
 * X's documented payloads: POST /2/tweets, DELETE /2/tweets/:id, GET /2/users/me,
 * GET /2/users/:id/tweets (links shown as t.co), the v2
 * media upload (initialize / append / finalize) and POST /2/media/metadata. Requests
 * must carry a valid OAuth 1.0a signature for the URL they reached. Errors use X's
 * problem-details shape ({title, detail, type, status}); a revoked token answers 401, a
 * repeated text answers 403 "duplicate content", as X does.
 */
export interface FakeXAccount {
  consumerKey: string;
  consumerSecret: string;
  accessToken: string;
  accessSecret: string;
  userId: string;
  username: string;
  name: string;
  /** Token revoked: every call answers 401. */
  revoked?: boolean;
}

export interface FakeTweet {
  id: string;
  text: string;
  mediaIds: string[];
  authorId: string;
  /** What `tweet.fields=public_metrics` answers. */
  metrics?: { impression_count?: number; like_count?: number; reply_count?: number; retweet_count?: number; quote_count?: number; bookmark_count?: number };
}

export interface FakeMedia {
  id: string;
  mediaType: string;
  category: string | undefined;
  totalBytes: number;
  received: Buffer[];
  finalized: boolean;
  alt?: string;
  sha256?: string;
  ownerId: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  username?: string;
  body?: unknown;
}

/** One scripted answer for the next request matching `method path` (path may use :id). */
export type Scripted =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Reads the request, performs it, then cuts the connection before answering. */
  | { cut: 'after-effect' }
  /** Cuts the connection as soon as the request arrives (nothing done). */
  | { cut: 'before-effect' };

export interface FakeX {
  url: string;
  /** PEM of the test certificate (self-signed: it is its own CA). */
  ca: string;
  requests: RecordedRequest[];
  tweets: Map<string, FakeTweet>;
  media: Map<string, FakeMedia>;
  script(route: string, answer: Scripted): void;
  close(): Promise<void>;
}

const problem = (status: number, title: string, detail: string, type = 'about:blank') => ({ title, detail, type, status });

function route(method: string, path: string): string {
  // Ids are long numbers; the API version segment (`/2/`) is not one.
  return `${method} ${path.replace(/\/\d{5,}(?=\/|$)/g, '/:id')}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeX(options: { accounts: FakeXAccount[]; certificate?: TestCertificate }): Promise<FakeX> {
  const cert = options.certificate ?? (await testCertificate());
  const requests: RecordedRequest[] = [];
  const tweets = new Map<string, FakeTweet>();
  const media = new Map<string, FakeMedia>();
  const scripts = new Map<string, Scripted[]>();
  let seq = 1_880_000_000_000_000_000n;
  const nextId = () => String(++seq);

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '99',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
      ...headers,
    });
    res.end(payload);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    const method = req.method ?? 'GET';
    const key = route(method, url.pathname);
    const scripted = scripts.get(key)?.shift();
    if (scripted && 'cut' in scripted && scripted.cut === 'before-effect') {
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    const oauth = parseOAuthHeader(req.headers.authorization);
    const account = options.accounts.find((a) => a.consumerKey === oauth?.oauth_consumer_key && a.accessToken === oauth?.oauth_token);
    const valid =
      !!account &&
      !!oauth &&
      verifyOAuth1({
        method,
        baseUrl: `${url.origin}${url.pathname}`,
        query: url.searchParams,
        oauth,
        consumerSecret: account.consumerSecret,
        tokenSecret: account.accessSecret,
      });
    const contentType = req.headers['content-type'] ?? '';
    const body: unknown = contentType.startsWith('application/json') && raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    requests.push({ method, path: url.pathname, ...(account ? { username: account.username } : {}), ...(body !== undefined ? { body } : {}) });

    if (!valid || !account || account.revoked) {
      send(res, 401, problem(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (scripted && 'status' in scripted) {
      send(res, scripted.status, scripted.body, scripted.headers);
      return;
    }
    const answer = perform(key, url, account, body, raw, contentType);
    if (scripted && 'cut' in scripted) {
      // The effect happened (post stored) but the answer never arrives.
      req.socket.destroy();
      return;
    }
    send(res, answer.status, answer.body);
  }

  function perform(routeKey: string, url: URL, account: FakeXAccount, body: unknown, raw: Buffer, contentType: string): { status: number; body: unknown } {
    let key = routeKey;
    const parts = url.pathname.split('/');
    // User ids of the test accounts may be short: the timeline is matched on its shape.
    if (key.startsWith('GET ') && /^\/2\/users\/\d+\/tweets$/.test(url.pathname)) key = 'GET /2/users/:id/tweets';
    switch (key) {
      case 'GET /2/users/me':
        return { status: 200, body: { data: { id: account.userId, name: account.name, username: account.username } } };
      case 'POST /2/tweets': {
        const b = body as { text?: string; media?: { media_ids?: string[] } } | undefined;
        const text = b?.text ?? '';
        if (!text && !b?.media?.media_ids?.length) return { status: 400, body: problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.twitter.com/2/problems/invalid-request') };
        if ([...tweets.values()].some((tw) => tw.authorId === account.userId && tw.text === text)) {
          return { status: 403, body: problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.') };
        }
        const mediaIds = b?.media?.media_ids ?? [];
        for (const id of mediaIds) {
          const m = media.get(id);
          if (!m?.finalized || m.ownerId !== account.userId) {
            return { status: 400, body: problem(400, 'Invalid Request', `Your media IDs are invalid.`, 'https://api.twitter.com/2/problems/invalid-request') };
          }
        }
        const id = nextId();
        tweets.set(id, { id, text, mediaIds, authorId: account.userId });
        return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
      }
      case 'GET /2/users/:id/tweets': {
        // The user's latest posts, newest first; links come back shortened to t.co.
        const userId = parts[3] ?? '';
        const max = Math.min(100, Math.max(5, Number(url.searchParams.get('max_results') ?? 10)));
        const mine = [...tweets.values()].filter((tw) => tw.authorId === userId).reverse().slice(0, max);
        const data = mine.map((tw) => ({ id: tw.id, text: tw.text.replace(/https?:\/\/\S+/g, () => `https://t.co/${tw.id.slice(-10)}`), edit_history_tweet_ids: [tw.id] }));
        const meta = data.length ? { result_count: data.length, newest_id: data[0]!.id, oldest_id: data[data.length - 1]!.id } : { result_count: 0 };
        return { status: 200, body: { ...(data.length ? { data } : {}), meta } };
      }
      case 'GET /2/tweets/:id': {
        // Post lookup; a missing post is a 200 with only `errors`, as X answers it.
        const id = parts[3] ?? '';
        const tw = tweets.get(id);
        if (!tw) {
          return {
            status: 200,
            body: { errors: [{ value: id, detail: `Could not find tweet with id: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'id', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }] },
          };
        }
        const fields = (url.searchParams.get('tweet.fields') ?? '').split(',');
        const m = tw.metrics ?? {};
        const public_metrics = { retweet_count: m.retweet_count ?? 0, reply_count: m.reply_count ?? 0, like_count: m.like_count ?? 0, quote_count: m.quote_count ?? 0, bookmark_count: m.bookmark_count ?? 0, impression_count: m.impression_count ?? 0 };
        return { status: 200, body: { data: { id, text: tw.text, edit_history_tweet_ids: [id], ...(fields.includes('public_metrics') ? { public_metrics } : {}) } } };
      }
      case 'DELETE /2/tweets/:id': {
        const id = parts[3] ?? '';
        const tw = tweets.get(id);
        if (!tw || tw.authorId !== account.userId) {
          return { status: 404, body: problem(404, 'Not Found Error', `Could not find tweet with id: [${id}].`, 'https://api.twitter.com/2/problems/resource-not-found') };
        }
        tweets.delete(id);
        return { status: 200, body: { data: { deleted: true } } };
      }
      case 'POST /2/media/upload/initialize': {
        const b = body as { media_type?: string; total_bytes?: number; media_category?: string };
        if (!b?.media_type || !b.total_bytes) return { status: 400, body: problem(400, 'Invalid Request', 'media_type and total_bytes are required.') };
        const id = nextId();
        media.set(id, { id, mediaType: b.media_type, category: b.media_category, totalBytes: b.total_bytes, received: [], finalized: false, ownerId: account.userId });
        return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } } };
      }
      case 'POST /2/media/upload/:id/append': {
        const m = media.get(parts[4] ?? '');
        if (!m) return { status: 400, body: problem(400, 'Invalid Request', 'Unknown media id.') };
        const form = parseMultipart(raw, contentType);
        const index = Number(form.get('segment_index')?.toString('utf8'));
        const chunk = form.get('media');
        if (!chunk || !Number.isInteger(index)) return { status: 400, body: problem(400, 'Invalid Request', 'media and segment_index are required.') };
        m.received[index] = chunk;
        return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } } };
      }
      case 'POST /2/media/upload/:id/finalize': {
        const m = media.get(parts[4] ?? '');
        if (!m) return { status: 400, body: problem(400, 'Invalid Request', 'Unknown media id.') };
        const all = Buffer.concat(m.received);
        if (all.length !== m.totalBytes) return { status: 400, body: problem(400, 'Invalid Request', `Expected ${m.totalBytes} bytes, got ${all.length}.`) };
        m.finalized = true;
        m.sha256 = createHash('sha256').update(all).digest('hex');
        return { status: 200, body: { data: { id: m.id, media_key: `3_${m.id}`, size: all.length, expires_after_secs: 86_400 } } };
      }
      case 'POST /2/media/metadata': {
        const b = body as { id?: string; metadata?: { alt_text?: { text?: string } } };
        const m = media.get(b?.id ?? '');
        if (!m) return { status: 400, body: problem(400, 'Invalid Request', 'Unknown media id.') };
        if (b.metadata?.alt_text?.text !== undefined) m.alt = b.metadata.alt_text.text;
        return { status: 200, body: { data: { id: m.id, associated_metadata: b.metadata ?? {} } } };
      }
      default:
        return { status: 404, body: problem(404, 'Not Found', `No route for ${key}`) };
    }
  }

  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, problem(500, 'Internal Error', String(err))));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    ca: cert.cert,
    requests,
    tweets,
    media,
    script(r, answer) {
      const list = scripts.get(r) ?? [];
      list.push(answer);
      scripts.set(r, list);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
