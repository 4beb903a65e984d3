import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/** A message the fake accepted (answered 250 to its DATA), parsed by mailparser. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
  /** SMTP user the session authenticated as, if any. */
  user?: string;
}

/** A scripted answer: an SMTP reply code (4xx deferred, 5xx refused) and its text. */
export interface Reply {
  code: number;
  message?: string;
}

type Stage = 'rcpt' | 'data';

function smtpError(reply: Reply): Error & { responseCode: number } {
  const err = new Error(reply.message ?? (reply.code >= 500 ? 'Mailbox unavailable' : 'Try again later')) as Error & { responseCode: number };
  err.responseCode = reply.code;
  return err;
}

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package: the whole protocol), for
 * the media email tests. It records every message it accepted, parsed with mailparser,
 * and can answer 4xx/5xx per recipient at RCPT TO or at DATA, once or every time.
 * `onAccept` lets a test act at the moment a message arrives, BEFORE the 250 goes back
 * (a crash test kills the sender there).
 */
export class SmtpFake {
  readonly received: ReceivedMail[] = [];
  /** Every RCPT TO seen, answered or not (the client's attempts). */
  readonly attempts: string[] = [];
  private server: SMTPServer | undefined;
  private port = 0;
  private readonly scripted = new Map<string, Array<{ stage: Stage; reply: Reply }>>();
  private readonly always = new Map<string, { stage: Stage; reply: Reply }>();
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  /** Called with each message before it is acknowledged; a returned Reply rejects it. */
  onAccept: ((mail: ReceivedMail, index: number) => Reply | void | Promise<Reply | void>) | undefined;

  constructor(private readonly options: { users?: Record<string, string> } = {}) {}

  get portNumber(): number {
    return this.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** URL with credentials, for a fake started with `users`. */
  urlFor(user: string, password: string): string {
    return `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  /** Answers `reply` to this recipient the next `times` attempts, then accepts. */
  failNext(address: string, reply: Reply, options: { times?: number; stage?: Stage } = {}): this {
    const list = this.scripted.get(address.toLowerCase()) ?? [];
    for (let i = 0; i < (options.times ?? 1); i++) list.push({ stage: options.stage ?? 'rcpt', reply });
    this.scripted.set(address.toLowerCase(), list);
    return this;
  }

  /** Answers `reply` to this recipient every time. */
  failAlways(address: string, reply: Reply, stage: Stage = 'rcpt'): this {
    this.always.set(address.toLowerCase(), { stage, reply });
    return this;
  }

  private scriptedFor(address: string, stage: Stage): Reply | undefined {
    const key = address.toLowerCase();
    const fixed = this.always.get(key);
    if (fixed?.stage === stage) return fixed.reply;
    const list = this.scripted.get(key);
    if (list?.[0]?.stage === stage) return list.shift()!.reply;
    return undefined;
  }

  /** Listens on `port` (0: any free one; a restarted fake can take its old port back). */
  async start(port = 0): Promise<void> {
    const users = this.options.users;
    this.server = new SMTPServer({
      logger: false,
      disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !users,
      allowInsecureAuth: true,
      size: 50 * 1024 * 1024,
      onAuth: (auth, _session, callback) => {
        if (users && auth.username && users[auth.username] === auth.password) return callback(null, { user: auth.username });
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback) => {
        this.attempts.push(address.address.toLowerCase());
        const reply = this.scriptedFor(address.address, 'rcpt');
        callback(reply ? smtpError(reply) : null);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          void (async () => {
            const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const dataReply = to.map((a) => this.scriptedFor(a, 'data')).find(Boolean);
            if (dataReply) return callback(smtpError(dataReply));
            const raw = Buffer.concat(chunks);
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            const mail: ReceivedMail = {
              envelope: { from, to },
              raw,
              parsed: await simpleParser(raw),
              ...(typeof session.user === 'string' ? { user: session.user } : {}),
            };
            const veto = await this.onAccept?.(mail, this.received.length);
            if (veto) return callback(smtpError(veto));
            this.received.push(mail);
            this.notify();
            callback();
          })().catch((err: Error) => callback(err));
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.received.length >= w.n) w.resolve();
      return this.received.length < w.n;
    });
  }

  /** Resolves once `n` messages were accepted. */
  waitFor(n: number, timeoutMs = 20_000): Promise<void> {
    if (this.received.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`SMTP fake: ${this.received.length} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Messages accepted for one address (envelope recipient). */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelope.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
