import type { ChatAdapter, ChatEventHandler, OutMessage, Target } from '../../../src/chat/port.ts';
import type { MessageRef, Platform } from '../../../src/domain/comunicado.ts';

/** What reached a person or a channel: the fake's "inbox", shareable across restarts. */
export interface Inbox {
  dms: Array<{ platform: Platform; userId: string; message: OutMessage; ref: MessageRef; at: number }>;
  posts: Array<{ platform: Platform; target: Target; message: OutMessage; ref: MessageRef; at: number }>;
  updates: Array<{ ref: MessageRef; message: OutMessage }>;
  uploads: Array<{ target: Target; file: { filename: string; data: Buffer; title: string } }>;
  /** Calls answered with 429 (nothing delivered). */
  refused429: number;
  seq: number;
}

export function newInbox(): Inbox {
  return { dms: [], posts: [], updates: [], uploads: [], refused429: 0, seq: 0 };
}

export interface RecordingChatOptions {
  platform?: Platform;
  inbox?: Inbox;
  now?: () => number;
  /**
   * Rate limit on direct messages: at most `max` per `windowMs`; beyond that the call is
   * refused with a 429 carrying the wait (Slack or Telegram error shape).
   */
  dmLimit?: { max: number; windowMs: number; style: 'slack' | 'telegram' };
  /** Called before each dm; may throw (an error) or return a promise that never settles. */
  beforeDm?: (userId: string, n: number) => void | Promise<void>;
  /** Called before each channel post (a slow chat, to hold a digest mid-run). */
  beforePost?: (target: Target, message: OutMessage) => void | Promise<void>;
}

/** The errors the real client libraries throw on a 429, in their own shapes. */
function rateLimitError(style: 'slack' | 'telegram', seconds: number): Error {
  if (style === 'slack') {
    return Object.assign(new Error(`A rate limit was exceeded (retry after ${seconds}s)`), { code: 'slack_webapi_rate_limited_error', retryAfter: seconds });
  }
  return Object.assign(new Error(`429: Too Many Requests: retry after ${seconds}`), {
    code: 429,
    response: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } },
  });
}

/**
 * A chat adapter that records everything the bot sends, for the hand-off and digest
 * tests. It can answer direct messages with 429 like Slack or Telegram do when a bot
 * sends too fast, and it checks that messages are well-formed on the way in.
 */
export class RecordingChat implements ChatAdapter {
  readonly platform: Platform;
  readonly inbox: Inbox;
  private readonly now: () => number;
  private readonly sentAt: number[] = [];
  private dmCalls = 0;
  handler: ChatEventHandler | undefined;

  constructor(private readonly options: RecordingChatOptions = {}) {
    this.platform = options.platform ?? 'slack';
    this.inbox = options.inbox ?? newInbox();
    this.now = options.now ?? (() => Date.now());
  }

  private ref(channel: string, threadId?: string): MessageRef {
    const ref: MessageRef = { platform: this.platform, channel, messageId: `${++this.inbox.seq}` };
    if (threadId) ref.threadId = threadId;
    return ref;
  }

  async start(handler: ChatEventHandler): Promise<void> {
    this.handler = handler;
  }

  async stop(): Promise<void> {}

  async post(target: Target, message: OutMessage): Promise<MessageRef> {
    if (typeof message.text !== 'string') throw new Error('message without text');
    await this.options.beforePost?.(target, message);
    const ref = this.ref(target.channel, target.threadId);
    this.inbox.posts.push({ platform: this.platform, target, message, ref, at: this.now() });
    return ref;
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    this.inbox.updates.push({ ref, message });
  }

  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    const n = ++this.dmCalls;
    await this.options.beforeDm?.(userId, n);
    const limit = this.options.dmLimit;
    if (limit) {
      const t = this.now();
      while (this.sentAt.length && this.sentAt[0]! <= t - limit.windowMs) this.sentAt.shift();
      if (this.sentAt.length >= limit.max) {
        this.inbox.refused429++;
        const seconds = Math.max(1, Math.ceil((this.sentAt[0]! + limit.windowMs - t) / 1000));
        throw rateLimitError(limit.style, seconds);
      }
      this.sentAt.push(t);
    }
    const ref = this.ref(`D-${userId}`);
    this.inbox.dms.push({ platform: this.platform, userId, message, ref, at: this.now() });
    return ref;
  }

  async ephemeral(target: Target, userId: string, message: OutMessage): Promise<void> {
    this.inbox.posts.push({ platform: this.platform, target: { ...target, channel: `${target.channel}#only-${userId}` }, message, ref: this.ref(target.channel), at: this.now() });
  }

  async upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    this.inbox.uploads.push({ target, file });
  }
  async uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    await this.upload({ channel: `@${userId}` }, file);
  }

  health() {
    return { ok: true, detail: 'fake' };
  }
}
