import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, MessageRef } from '../../domain/comunicado.ts';
import { t } from '../../messages/index.ts';
import type { ActionId, ChatAdapter, ChatEvent, ChatEventHandler, IncomingFile, OutMessage, Target } from '../port.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  user: string;
  channel: string;
  /** Called once the input ended and every event read was handled. */
  onEnd?: () => void;
  /** Show a prompt (interactive terminal). */
  prompt?: boolean;
  outboxDir?: string;
  /** False when DRY_RUN=0 asked for real publishing from the console. */
  dryRun?: boolean;
}

const BUTTON_WORDS: Record<string, ActionId> = {
  aprobar: 'approve',
  rechazar: 'reject',
  cambios: 'request_changes',
  revisado: 'review',
  reintentar: 'retry',
  publicado: 'confirm_published',
  'no-publicado': 'confirm_not_published',
  compartido: 'handoff_shared',
};

/**
 * The terminal chat: a newcomer runs the whole flow with `npm start` and no tokens, and a
 * script can drive it through a pipe (`npm start < guion.txt`). Bot messages are numbered
 * (m1, m2...) so a person can react to them (`/reaccionar m3 ✅`) or press their buttons
 * (`/boton aprobar C-2026-0001`).
 */
export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  /** One terminal, one reader: «solo para …» is as private as it gets. */
  readonly privateEphemeral = true;
  private user: string;
  private seq = 0;
  private eventSeq = 0;
  private readonly session = Date.now().toString(36);
  private readonly messages = new Map<string, { target: Target; message: OutMessage }>();
  private handler: ChatEventHandler | undefined;
  private queue: Promise<void> = Promise.resolve();
  private lastExpectingReply: MessageRef | undefined;
  private ended = false;
  private stopped = false;

  constructor(private readonly options: ConsoleOptions) {
    this.user = options.user;
  }

  private actor(): Actor {
    return { platform: 'console', userId: this.user, name: this.user };
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async start(handler: ChatEventHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    const welcome = this.options.dryRun === false ? 'console.welcome_real' : 'console.welcome';
    this.write(t(welcome, { user: this.user, outbox: this.options.outboxDir ?? 'data/outbox' }));
    const rl = createInterface({ input: this.options.input, terminal: false });
    let form: { name: string; lines: string[] } | undefined;
    const promptNow = () => {
      if (this.options.prompt && !this.ended) this.options.output.write(`${this.user}> `);
    };
    promptNow();
    rl.on('line', (line) => {
      if (form) {
        if (line.trim() === '.') {
          const done = form;
          form = undefined;
          this.enqueue(() => this.submitCommand(done.name, done.lines));
        } else {
          form.lines.push(line);
        }
        return;
      }
      const trimmed = line.trim();
      if (!trimmed) return;
      const m = /^\/(\S+)\s*(.*)$/.exec(trimmed);
      if (m && m[1]!.toLowerCase() === 'comunicado') {
        form = { name: 'comunicado', lines: m[2] ? [m[2]] : [] };
        return;
      }
      this.enqueue(() => this.handleLine(trimmed));
    });
    rl.on('close', () => {
      if (form) {
        const done = form;
        form = undefined;
        this.enqueue(() => this.submitCommand(done.name, done.lines));
      }
      this.ended = true;
      void this.queue.then(() => this.options.onEnd?.());
    });
    this.promptAfter = promptNow;
  }

  private promptAfter: () => void = () => {};

  /** Handles lines one at a time, in order, as a person would see them answered. */
  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(task)
      .catch((err) => this.write(`! ${(err as Error).message}`))
      .then(() => this.promptAfter());
  }

  private nextKey(): string {
    return `${this.session}-${++this.eventSeq}`;
  }

  private origin() {
    return { platform: 'console' as const, channel: this.options.channel, messageId: `u${this.eventSeq}` };
  }

  private async emit(event: ChatEvent): Promise<void> {
    await this.handler?.(event);
  }

  private fileFrom(spec: string): IncomingFile {
    const [pathPart, alt] = spec.split('|').map((s) => s.trim()) as [string, string | undefined];
    const path = resolve(pathPart);
    if (!existsSync(path)) throw new Error(t('console.file_missing', { path: pathPart }));
    return {
      filename: basename(path),
      size: statSync(path).size,
      ...(alt ? { alt } : {}),
      open: async () => createReadStream(path),
    };
  }

  private async submitCommand(name: string, lines: string[]): Promise<void> {
    const files: IncomingFile[] = [];
    const text: string[] = [];
    for (const line of lines) {
      const m = /^\s*adjunto\s*:\s*(.+)$/i.exec(line);
      if (m) files.push(this.fileFrom(m[1]!));
      else text.push(line);
    }
    const eventKey = this.nextKey();
    await this.emit({ type: 'command', name, text: text.join('\n'), files, eventKey, actor: this.actor(), origin: this.origin() });
  }

  private async handleLine(line: string): Promise<void> {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    const eventKey = this.nextKey();
    if (!m) {
      const event: ChatEvent = { type: 'message', text: line, files: [], eventKey, actor: this.actor(), origin: this.origin() };
      if (this.lastExpectingReply) event.inReplyTo = this.lastExpectingReply;
      await this.emit(event);
      return;
    }
    const [, name, rest] = m as unknown as [string, string, string];
    switch (name.toLowerCase()) {
      case 'como': {
        if (rest.trim()) this.user = rest.trim();
        this.write(t('console.as', { user: this.user }));
        return;
      }
      case 'reaccionar': {
        const r = /^(m\d+)\s+(\S+)/.exec(rest);
        if (!r) return this.write(t('console.usage_react'));
        if (!this.messages.has(r[1]!)) return this.write(t('console.no_message', { ref: r[1]! }));
        const message: MessageRef = { platform: 'console', channel: this.messages.get(r[1]!)!.target.channel, messageId: r[1]! };
        await this.emit({ type: 'reaction', emoji: r[2]!, message, eventKey, actor: this.actor(), origin: this.origin() });
        return;
      }
      case 'boton': {
        const b = /^(\S+)\s+(\S+)(?:\s+(\S+))?/.exec(rest);
        const action = b ? BUTTON_WORDS[b[1]!.toLowerCase()] : undefined;
        if (!b || !action) return this.write(t('console.usage_button'));
        const value = b[3] ? `${b[2]!.toUpperCase()}|${b[3]}` : b[2]!.toUpperCase();
        await this.emit({ type: 'action', action, value, eventKey, actor: this.actor(), origin: this.origin() });
        return;
      }
      default:
        await this.emit({ type: 'command', name, text: rest, files: [], eventKey, actor: this.actor(), origin: this.origin() });
    }
  }

  private render(ref: string, message: OutMessage, note?: string): string {
    const out: string[] = [];
    out.push(`┌─ bot [${ref}]${note ? ` (${note})` : ''}`);
    const body: string[] = [];
    if (message.sections?.length) {
      for (const s of message.sections) {
        if (s.heading) body.push(s.heading);
        if (s.body) body.push(s.body);
        for (const [k, v] of s.fields ?? []) body.push(`${k}: ${v}`);
        if (s.image) body.push(`[imagen: ${s.image.alt}] ${s.image.url}`.trimEnd());
      }
    } else {
      body.push(message.text);
    }
    for (const l of message.links ?? []) body.push(`• ${l.label}: ${l.url}`);
    if (message.mentions?.length) body.push(`@ ${message.mentions.join(', ')}`);
    for (const line of body.join('\n').split('\n')) out.push(`│ ${line}`);
    if (message.buttons?.length) {
      const word = (id: ActionId) => Object.entries(BUTTON_WORDS).find(([, a]) => a === id)?.[0] ?? id;
      out.push(`│ ${t('console.buttons')}: ${message.buttons.map((b) => `[${b.label}] /boton ${word(b.id)} ${b.value.replace('|', ' ')}`).join('  ')}`);
    }
    out.push('└─');
    return out.join('\n');
  }

  async post(target: Target, message: OutMessage): Promise<MessageRef> {
    const ref = `m${++this.seq}`;
    this.messages.set(ref, { target, message });
    this.write(this.render(ref, message));
    const r: MessageRef = { platform: 'console', channel: target.channel, messageId: ref };
    if (target.threadId) r.threadId = target.threadId;
    if (message.expectReply) this.lastExpectingReply = r;
    return r;
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    const prev = this.messages.get(ref.messageId);
    this.messages.set(ref.messageId, { target: prev?.target ?? { channel: ref.channel }, message });
    this.write(this.render(ref.messageId, message, t('console.edited')));
  }

  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    return this.post({ channel: `@${userId}` }, message);
  }

  async ephemeral(_target: Target, userId: string, message: OutMessage): Promise<void> {
    this.write(this.render(t('console.only_for', { user: userId }), message));
  }

  async upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    this.write(`┌─ bot → ${target.channel}: ${t('console.file', { title: file.title, file: file.filename, bytes: file.data.length })}\n└─`);
  }

  async uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    await this.upload({ channel: `@${userId}` }, file);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
  }

  health() {
    return this.stopped || !this.handler ? { ok: false, detail: t('console.health.stopped') } : { ok: true, detail: 'consola' };
  }
}
