import type { MessageRef, Platform } from '../domain/comunicado.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../util/logger.ts';
import type { ChatAdapter, Origin, OutMessage, Target } from './port.ts';

/**
 * The running chat adapters, by platform, and where each kind of message goes. Both Slack
 * and Telegram may run in one process; a comunicado always answers on its own platform.
 */
export class ChatHub {
  private readonly adapters = new Map<Platform, ChatAdapter>();

  constructor(
    adapters: ChatAdapter[],
    private readonly config: Config,
    private readonly logger: Logger,
  ) {
    for (const a of adapters) this.adapters.set(a.platform, a);
  }

  list(): ChatAdapter[] {
    return [...this.adapters.values()];
  }

  get(platform: Platform): ChatAdapter {
    const a = this.adapters.get(platform);
    if (!a) throw new Error(`no ${platform} chat is running`);
    return a;
  }

  has(platform: Platform): boolean {
    return this.adapters.has(platform);
  }

  /** The thread of a message: replies to it go there. */
  static threadOf(ref: { channel: string; messageId?: string; threadId?: string }): Target {
    const threadId = ref.threadId ?? ref.messageId;
    return threadId ? { channel: ref.channel, threadId } : { channel: ref.channel };
  }

  /** Where previews go: the configured approvals channel, else the thread of origin. */
  approvalsTarget(origin: Origin): Target {
    const { slack, telegram } = this.config.chats;
    if (origin.platform === 'slack' && slack?.approvalsChannel && slack.approvalsChannel !== origin.channel) {
      return { channel: slack.approvalsChannel };
    }
    if (origin.platform === 'telegram' && telegram?.approvalsChat && telegram.approvalsChat !== origin.channel) {
      return { channel: telegram.approvalsChat };
    }
    return ChatHub.threadOf(origin);
  }

  /** Where the digest goes on each platform. */
  digestTargets(): Array<{ platform: Platform; target: Target }> {
    const out: Array<{ platform: Platform; target: Target }> = [];
    const { slack, telegram, console: cons } = this.config.chats;
    if (this.has('slack') && slack) out.push({ platform: 'slack', target: { channel: slack.digestChannel ?? slack.comunicadosChannel } });
    if (this.has('telegram') && telegram) out.push({ platform: 'telegram', target: { channel: telegram.digestChat ?? telegram.chats[0]! } });
    if (this.has('console')) out.push({ platform: 'console', target: { channel: cons.channel } });
    return out;
  }

  /** Whether the bot listens to this chat at all (only configured chats are heard). */
  isHeard(origin: Origin): boolean {
    const { slack, telegram } = this.config.chats;
    switch (origin.platform) {
      case 'console':
        return true;
      case 'slack':
        return !!slack && [slack.comunicadosChannel, slack.approvalsChannel, slack.digestChannel].includes(origin.channel);
      case 'telegram':
        return !!telegram && [...telegram.chats, telegram.approvalsChat, telegram.digestChat].includes(origin.channel);
    }
  }

  post(platform: Platform, target: Target, message: OutMessage): Promise<MessageRef> {
    return this.get(platform).post(target, message);
  }

  update(ref: MessageRef, message: OutMessage): Promise<void> {
    return this.get(ref.platform).update(ref, message);
  }

  /** Posts without failing the caller: the chat being down must not undo recorded work. */
  async tryPost(platform: Platform, target: Target, message: OutMessage): Promise<MessageRef | undefined> {
    try {
      return await this.post(platform, target, message);
    } catch (err) {
      this.logger.error({ err, platform, channel: target.channel }, 'could not post to chat');
      return undefined;
    }
  }
}
