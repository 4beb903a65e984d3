import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateBlocks, validateView } from './block-rules.ts';

/**
 * A local fake of the Slack Web API methods the adapter calls, on 127.0.0.1, answering with
 * the shapes Slack documents: `{ ok: true, ... }` or `{ ok: false, error }` with HTTP 200.
 * It checks the bearer token, keeps the messages it was sent (so chat.update of an unknown
 * ts fails as Slack's does), applies Block Kit's documented limits (invalid_blocks), serves
 * file downloads that need the bot token (without it Slack answers its HTML login page),
 * and takes files.uploadV2's external uploads.
 */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** Where the token came from: the client sends it as a bearer header. */
  auth: 'header' | 'body' | 'none';
}

export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  isBot?: boolean;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  threadTs?: string;
  updates: number;
}

export interface FakeFile {
  id: string;
  name: string;
  mimetype: string;
  filetype: string;
  data: Buffer;
  /** What Slack reports as the size (tests can make it lie). */
  size: number;
}

export interface SlackApiFakeOptions {
  botToken: string;
  /** App-level token (xapp-) for apps.connections.open (Socket Mode). */
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeUser[];
  /** Members per channel; when given, chat.postEphemeral to others fails (user_not_in_channel). */
  members?: Record<string, string[]>;
}

type Answer = Record<string, unknown>;

export class SlackApiFake {
  readonly calls: RecordedCall[] = [];
  readonly downloads: Array<{ fileId: string; authorized: boolean }> = [];
  readonly uploads: Array<{ fileId: string; bytes: number }> = [];
  readonly messages = new Map<string, FakeMessage>();
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  private readonly users = new Map<string, FakeUser>();
  private readonly files = new Map<string, FakeFile>();
  private readonly pendingUploads = new Map<string, { filename: string; length: number; done: boolean }>();
  private readonly failures = new Map<string, string[]>();
  private readonly holds = new Map<string, { release: Promise<void>; arrived: () => void }>();
  private readonly rateLimits = new Map<string, number>();
  private readonly drops = new Set<string>();
  private server: Server | undefined;
  private seq = 0;
  private tsBase = 1_767_000_000;
  origin = '';
  /** What apps.connections.open hands out (a SocketModeFake's url). */
  socketUrl = '';

  constructor(private readonly options: SlackApiFakeOptions) {
    this.teamId = options.teamId ?? 'T0IBAGUE';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botId = options.botId ?? 'B0BOT';
    for (const u of options.users ?? []) this.users.set(u.id, u);
    this.users.set(this.botUserId, { id: this.botUserId, name: 'comunicados', realName: 'Bot de comunicados', isBot: true });
  }

  /** The base for SLACK_API_URL. */
  get url(): string {
    return `${this.origin}/api/`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  /** The next call to `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** The next call to `method` is carried out, but the connection drops before the answer. */
  dropNext(method: string): void {
    this.drops.add(method);
  }

  /** The next call to `method` gets HTTP 429 with Retry-After (Slack's rate limiting). */
  rateLimitNext(method: string, seconds: number): void {
    this.rateLimits.set(method, seconds);
  }

  /**
   * Calls to `method` are received and recorded but not answered until the test calls
   * `release()`; `arrived` resolves when the first such call is in. Shows the bot answered
   * something else (an ack) while this call was still open, without measuring time.
   */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let release!: () => void;
    let arrived!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const came = new Promise<void>((r) => (arrived = r));
    this.holds.set(method, { release: released, arrived });
    return {
      arrived: came,
      release: () => {
        this.holds.delete(method);
        release();
      },
    };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A file someone shared; returns the file object as Slack puts it in events. */
  addFile(file: { id: string; name: string; mimetype: string; filetype: string; data: Buffer; size?: number }): Record<string, unknown> {
    const f: FakeFile = { ...file, size: file.size ?? file.data.length };
    this.files.set(f.id, f);
    return this.fileObject(f);
  }

  /** The message Slack would hold for channel/ts. */
  message(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.get(`${channel}:${ts}`);
  }

  /** Messages posted to a channel (top level and threads), in order. */
  posted(channel: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channel === channel);
  }

  private fileObject(f: FakeFile): Record<string, unknown> {
    const base = `/files-pri/${this.teamId}-${f.id}`;
    const name = encodeURIComponent(f.name);
    return {
      id: f.id,
      created: 1_767_000_000,
      timestamp: 1_767_000_000,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: f.filetype,
      pretty_type: f.filetype.toUpperCase(),
      user: 'U0REDACTORA',
      user_team: this.teamId,
      mode: 'hosted',
      editable: false,
      is_external: false,
      external_type: '',
      size: f.size,
      url_private: `${this.origin}${base}/${name}`,
      url_private_download: `${this.origin}${base}/download/${name}`,
      permalink: `https://ibague.slack.com/files/U0REDACTORA/${f.id}/${encodeURIComponent(f.name)}`,
    };
  }

  private nextTs(): string {
    this.seq += 1;
    return `${this.tsBase + this.seq}.${String(this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) return this.download(url, req, res);
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) return this.receiveUpload(url, req, res);
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const raw = await readBody(req);
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const header = req.headers.authorization;
    const bodyToken = typeof args.token === 'string' ? args.token : undefined;
    delete args.token;
    const auth: RecordedCall['auth'] = header ? 'header' : bodyToken ? 'body' : 'none';
    this.calls.push({ method, args, auth });
    const limited = this.rateLimits.get(method);
    if (limited !== undefined) {
      this.rateLimits.delete(method);
      res.writeHead(429, { 'retry-after': String(limited), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const held = this.holds.get(method);
    if (held) {
      held.arrived();
      await held.release;
    }
    const token = header?.replace(/^Bearer\s+/i, '') ?? bodyToken;
    let answer: Answer;
    // apps.connections.open takes only the app-level token; everything else the bot token.
    const appLevel = method === 'apps.connections.open';
    if (!token) answer = { ok: false, error: 'not_authed' };
    else if (appLevel && token === this.options.botToken) answer = { ok: false, error: 'not_allowed_token_type' };
    else if (token !== (appLevel ? this.options.appToken : this.options.botToken)) answer = { ok: false, error: 'invalid_auth' };
    else {
      const failure = this.failures.get(method)?.shift();
      answer = failure ? { ok: false, error: failure } : this.answer(method, args);
    }
    if (this.drops.delete(method)) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  }

  private answer(method: string, a: Record<string, unknown>): Answer {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://alcaldia-ibague.slack.com/',
          team: 'Alcaldía de Ibagué',
          user: 'comunicados',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'internal_error' };
      case 'users.info': {
        const u = this.users.get(String(a.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: this.teamId,
            name: u.name,
            deleted: false,
            real_name: u.realName ?? u.name,
            is_bot: !!u.isBot,
            profile: { real_name: u.realName ?? u.name, display_name: u.displayName ?? '' },
          },
        };
      }
      case 'chat.postMessage':
        return this.postMessage(a);
      case 'chat.update': {
        const m = this.messages.get(`${a.channel}:${a.ts}`);
        if (!m) return { ok: false, error: 'message_not_found' };
        const blocks = parseJson(a.blocks) as FakeMessage['blocks'] | undefined;
        const problems = validateBlocks(blocks ?? []);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        m.text = String(a.text ?? '');
        m.blocks = blocks ?? [];
        m.updates += 1;
        return { ok: true, channel: m.channel, ts: m.ts, text: m.text, message: { type: 'message', text: m.text, user: this.botUserId, bot_id: this.botId, blocks: m.blocks } };
      }
      case 'chat.getPermalink': {
        // https://docs.slack.dev/reference/methods/chat.getPermalink
        const m = this.messages.get(`${a.channel}:${a.message_ts}`);
        if (!m) return { ok: false, error: 'message_not_found' };
        return { ok: true, channel: m.channel, permalink: `https://alcaldia-ibague.slack.com/archives/${m.channel}/p${m.ts.replace('.', '')}` };
      }
      case 'chat.postEphemeral': {
        const members = this.options.members?.[String(a.channel)];
        if (members && !members.includes(String(a.user))) return { ok: false, error: 'user_not_in_channel' };
        const problems = validateBlocks((parseJson(a.blocks) as FakeMessage['blocks'] | undefined) ?? []);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'conversations.open': {
        const user = String(a.users ?? '');
        if (!this.users.has(user)) return { ok: false, error: 'user_not_found' };
        return { ok: true, channel: { id: `D0${user.slice(1)}` } };
      }
      case 'views.open': {
        if (!a.trigger_id) return { ok: false, error: 'invalid_arguments' };
        const view = parseJson(a.view) as Record<string, unknown> | undefined;
        const problems = view ? validateView(view) : ['view is required'];
        if (problems.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        return { ok: true, view: { id: `V0${this.seq++}`, team_id: this.teamId, ...view, state: { values: {} }, hash: `${Date.now()}.abc` } };
      }
      case 'files.info': {
        const f = this.files.get(String(a.file));
        return f ? { ok: true, file: this.fileObject(f) } : { ok: false, error: 'file_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const id = `F0UP${++this.seq}`;
        this.pendingUploads.set(id, { filename: String(a.filename), length: Number(a.length), done: false });
        return { ok: true, upload_url: `${this.origin}/upload/v1/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (parseJson(a.files) as Array<{ id: string; title?: string }> | undefined) ?? [];
        for (const f of files) if (!this.pendingUploads.get(f.id)?.done) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? this.pendingUploads.get(f.id)!.filename })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private postMessage(a: Record<string, unknown>): Answer {
    const channel = String(a.channel ?? '');
    if (!channel) return { ok: false, error: 'channel_not_found' };
    const blocks = (parseJson(a.blocks) as FakeMessage['blocks'] | undefined) ?? [];
    if (!a.text && blocks.length === 0) return { ok: false, error: 'no_text' };
    const problems = validateBlocks(blocks);
    if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
    const ts = this.nextTs();
    const m: FakeMessage = { channel, ts, text: String(a.text ?? ''), blocks, updates: 0 };
    if (a.thread_ts) m.threadTs = String(a.thread_ts);
    this.messages.set(`${channel}:${ts}`, m);
    const message: Record<string, unknown> = { type: 'message', text: m.text, user: this.botUserId, bot_id: this.botId, ts, blocks };
    if (m.threadTs) message.thread_ts = m.threadTs;
    return { ok: true, channel, ts, message };
  }

  private download(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const id = url.pathname.split('/')[2]?.split('-').pop() ?? '';
    const f = this.files.get(id);
    const authorized = req.headers.authorization === `Bearer ${this.options.botToken}`;
    this.downloads.push({ fileId: id, authorized });
    if (!authorized) {
      // What Slack does without a valid token: 200 with the sign-in page.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
      return;
    }
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.mimetype, 'content-length': String(f.data.length) }).end(f.data);
  }

  private async receiveUpload(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = url.pathname.split('/').pop() ?? '';
    const pending = this.pendingUploads.get(id);
    const body = await readBody(req);
    if (!pending) {
      res.writeHead(404).end();
      return;
    }
    pending.done = true;
    this.uploads.push({ fileId: id, bytes: body.length });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${body.length}`);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** The client sends form-encoded arguments (objects as JSON strings) or JSON. */
function parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) return JSON.parse(text || '{}') as Record<string, unknown>;
  if (contentType.includes('multipart/form-data')) return { multipart: raw.length };
  return Object.fromEntries(new URLSearchParams(text));
}
