import { readEnv, type Env } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Config } from '../../../src/config/schema.ts';
import type { Actor, MessageRef, Platform } from '../../../src/domain/comunicado.ts';
import type { ChatAdapter, ChatEventHandler, OutMessage, Target } from '../../../src/chat/port.ts';

export const AUTHOR: Actor = { platform: 'slack', userId: 'U0AUTHOR', name: 'Redactora' };
export const JEFE: Actor = { platform: 'slack', userId: 'U0JEFE', name: 'Jefe de Oficina' };
export const CHANNEL = 'C0COMUNICADOS';

/** The bench's config: the office, a Slack workspace, the Jefe as approver, plus `extra` sections. */
export function benchConfig(extra: Record<string, unknown> = {}): Config {
  return parseConfig({
    office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', timezone: 'America/Bogota' },
    approval: { approvers: { slack: [JEFE.userId], telegram: [], console: ['jefe'] } },
    chats: { slack: { comunicadosChannel: CHANNEL } },
    destinations: { default: ['portal:noticia', 'facebook:alcaldia'] },
    ...extra,
  });
}

export function benchEnv(dataDir: string, vars: Record<string, string> = {}): Env {
  return readEnv({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...vars });
}

/**
 * A chat that answers every post at once and remembers nothing: the benchmarks that are
 * not about the chat (history, fan-out) measure the core, not a chat fake.
 */
export class NullChat implements ChatAdapter {
  posts = 0;
  private seq = 0;
  constructor(readonly platform: Platform = 'slack') {}
  async start(_handler: ChatEventHandler): Promise<void> {}
  async stop(): Promise<void> {}
  async post(target: Target, _message: OutMessage): Promise<MessageRef> {
    this.posts += 1;
    return { platform: this.platform, channel: target.channel, messageId: `9${++this.seq}.000100`, ...(target.threadId ? { threadId: target.threadId } : {}) };
  }
  async update(): Promise<void> {}
  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    return this.post({ channel: `D${userId}` }, message);
  }
  async ephemeral(): Promise<void> {}
  async upload(): Promise<void> {}
  async uploadDm(): Promise<void> {}
  health() {
    return { ok: true };
  }
}
