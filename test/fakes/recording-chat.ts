import type { MessageRef } from '../../src/domain/comunicado.ts';
import type { ChatAdapter, ChatEventHandler, OutMessage, Target } from '../../src/chat/port.ts';

/** A chat that records what the bot posts, edits, whispers and uploads (platform `console`, so every channel is heard). */
export class RecordingChat implements ChatAdapter {
  readonly platform = 'console' as const;
  readonly posts: Array<{ ref: MessageRef; target: Target; message: OutMessage }> = [];
  readonly updates: Array<{ ref: MessageRef; message: OutMessage }> = [];
  readonly whispers: Array<{ userId: string; message: OutMessage }> = [];
  readonly dms: Array<{ userId: string; message: OutMessage }> = [];
  readonly uploads: Array<{ target: Target; filename: string; data: Buffer }> = [];
  private seq = 0;

  async start(_handler: ChatEventHandler): Promise<void> {}
  async stop(): Promise<void> {}

  async post(target: Target, message: OutMessage): Promise<MessageRef> {
    const ref: MessageRef = { platform: 'console', channel: target.channel, messageId: `m${++this.seq}`, ...(target.threadId ? { threadId: target.threadId } : {}) };
    this.posts.push({ ref, target, message });
    return ref;
  }
  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    this.updates.push({ ref, message });
  }
  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    this.dms.push({ userId, message });
    return this.post({ channel: `@${userId}` }, message);
  }
  async ephemeral(_t: Target, userId: string, message: OutMessage): Promise<void> {
    this.whispers.push({ userId, message });
  }
  async upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    this.uploads.push({ target, filename: file.filename, data: file.data });
  }
  async uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    await this.upload({ channel: `@${userId}` }, file);
  }
  health() {
    return { ok: true };
  }

  /** Every text the bot showed, latest versions of edited messages included. */
  texts(): string[] {
    return [...this.posts.map((p) => p.message.text), ...this.updates.map((u) => u.message.text), ...this.whispers.map((w) => w.message.text)];
  }
  lastWhisper(): string {
    return this.whispers.at(-1)?.message.text ?? '';
  }
}
