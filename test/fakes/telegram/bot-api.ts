import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseHtml, type ParsedEntity } from './html.ts';
import { readMultipart } from '../form-data.ts';

/**
 * A local Telegram Bot API on 127.0.0.1 for tests: the real Telegraf client talks to it
 * through `apiRoot`. It serves updates by long polling (getUpdates honours offset, limit,
 * timeout and allowed_updates, and refuses while a webhook is set), keeps the chats and
 * their messages, serves file downloads at /file/bot<token>/<path>, records every call,
 * and answers in the Bot API's documented shapes: `{ok:true,result}` or `{ok:false,
 * error_code, description, parameters?}` — 429 with retry_after, 400 with
 * migrate_to_chat_id for a group that became a supergroup, HTML parse errors, limits.
 */

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
}

export type Json = Record<string, any>;

export interface RecordedCall {
  method: string;
  payload: Json;
  /** The answer given: ok, or the error code. */
  status: 'ok' | number;
  /** What an ok call returned (the sent Message, for the send methods). */
  result?: unknown;
  at: number;
}

export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

interface ChatState {
  chat: TgChat;
  nextId: number;
  messages: Map<number, Json>;
  migratedTo?: number;
}

interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_size: number;
  file_path: string;
  data?: Buffer;
}

/** The reactions a person can set (ReactionTypeEmoji, Bot API): no ✅, ❌ or ✏️ among them. */
export const REACTION_EMOJI = new Set(
  '👍 👎 ❤ 🔥 🥰 👏 😁 🤔 🤯 😱 🤬 😢 🎉 🤩 🤮 💩 🙏 👌 🕊 🤡 🥱 🥴 😍 🐳 ❤‍🔥 🌚 🌭 💯 🤣 ⚡ 🍌 🏆 💔 🤨 😐 🍓 🍾 💋 🖕 😈 😴 😭 🤓 👻 👨‍💻 👀 🎃 🙈 😇 😨 🤝 ✍ 🤗 🫡 🎅 🎄 ☃ 💅 🤪 🗿 🆒 💘 🙉 🦄 😘 💊 🙊 😎 👾 🤷‍♂ 🤷 🤷‍♀ 😡'.split(' '),
);

/** Updates the Bot API sends when allowed_updates is empty (message_reaction is opt-in). */
const DEFAULT_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'inline_query', 'my_chat_member'];
const PUBLIC_FILE_LIMIT = 20 * 1024 * 1024;

export class FakeBotApi {
  readonly bot: TgUser;
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  /** People seen in each chat (they wrote or reacted there), for getChatMember. */
  private readonly members = new Map<number, Map<number, TgUser>>();
  private readonly history: Json[] = [];
  private confirmedBelow = 0;
  private nextUpdateId = 100_000;
  private allowed: string[] = DEFAULT_UPDATES;
  private waiters = new Set<() => void>();
  private readonly failures: Array<{ method: string; error: ApiError; times: number }> = [];
  private fileSeq = 0;
  private callbackSeq = 0;
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  commands: Array<{ command: string; description: string }> = [];

  constructor(
    readonly token = '123456789:AAH-fake-token-for-tests-0000000000',
    options: { publicFileLimit?: boolean } = {},
  ) {
    this.bot = { id: Number(token.split(':')[0]), is_bot: true, first_name: 'Comunicados', username: 'ComunicadosIbagueBot' };
    this.publicFileLimit = options.publicFileLimit ?? false;
  }

  private readonly publicFileLimit: boolean;

  get url(): string {
    const a = this.server?.address() as AddressInfo | undefined;
    if (!a) throw new Error('fake Bot API not started');
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ test controls

  /** Someone who is in a chat without having written yet (for getChatMember). */
  addMember(chatId: number, user: TgUser): this {
    const m = this.members.get(chatId) ?? new Map<number, TgUser>();
    m.set(user.id, user);
    this.members.set(chatId, m);
    return this;
  }

  addChat(chat: TgChat): this {
    this.chats.set(chat.id, { chat, nextId: 1, messages: new Map() });
    return this;
  }

  /** The next `times` calls of `method` fail with `error`. */
  failNext(method: string, error: ApiError, times = 1): this {
    this.failures.push({ method, error, times });
    return this;
  }

  /** A file Telegram holds; `size` may claim more than the bytes (a big video, cheaply). */
  addFile(data: Buffer | undefined, options: { path?: string; size?: number } = {}): StoredFile {
    const n = ++this.fileSeq;
    const f: StoredFile = {
      file_id: `AgACAgEAAxkBAAI${n}fileid`,
      file_unique_id: `AQAD${n}`,
      file_size: options.size ?? data?.length ?? 0,
      file_path: options.path ?? `photos/file_${n}.jpg`,
      ...(data ? { data } : {}),
    };
    this.files.set(f.file_id, f);
    return f;
  }

  /**
   * Turns a group into a supergroup, as Telegram does: the old id refuses every call with
   * migrate_to_chat_id, and both chats get the service message.
   */
  migrateChat(oldId: number, newId: number, options: { serviceMessages?: boolean } = {}): void {
    const old = this.chats.get(oldId);
    if (!old) throw new Error(`no chat ${oldId}`);
    old.migratedTo = newId;
    this.addChat({ id: newId, type: 'supergroup', ...(old.chat.title ? { title: old.chat.title } : {}) });
    for (const user of this.members.get(oldId)?.values() ?? []) this.addMember(newId, user);
    if (options.serviceMessages) {
      const admin: TgUser = { id: 1, is_bot: false, first_name: 'Admin' };
      this.pushMessage(oldId, admin, { migrate_to_chat_id: newId }, { allowMigrated: true });
      this.pushMessage(newId, admin, { migrate_from_chat_id: oldId });
    }
  }

  /** A person writes in a chat: the message is stored and an update queued. */
  pushMessage(chatId: number, from: TgUser, fields: Json, options: { allowMigrated?: boolean } = {}): { updateId: number; message: Json } {
    const state = this.chat(chatId);
    if (state.migratedTo && !options.allowMigrated) throw new Error(`chat ${chatId} migrated`);
    this.addMember(chatId, from);
    const message: Json = { message_id: state.nextId++, from, chat: state.chat, date: now(), ...fields };
    if (typeof fields['reply_to_message_id'] === 'number') {
      delete message['reply_to_message_id'];
      const replied = state.messages.get(fields['reply_to_message_id']);
      if (!replied) throw new Error(`no message ${fields['reply_to_message_id']} in ${chatId}`);
      // Telegram nests one level only: the replied message without its own reply.
      const { reply_to_message: _drop, ...shallow } = replied;
      message['reply_to_message'] = shallow;
    }
    for (const key of ['text', 'caption'] as const) {
      const text = message[key];
      const m = typeof text === 'string' ? /^\/[A-Za-z0-9_@]+/.exec(text) : null;
      if (m) message[key === 'text' ? 'entities' : 'caption_entities'] = [{ type: 'bot_command', offset: 0, length: m[0].length }];
    }
    state.messages.set(message['message_id'], message);
    return { updateId: this.pushUpdate({ message }), message };
  }

  /** A photo message: sizes as Telegram makes them (the file is the largest). */
  photoFields(file: StoredFile, caption?: string, extra: Json = {}): Json {
    return {
      photo: [
        { file_id: `${file.file_id}-s`, file_unique_id: `${file.file_unique_id}-s`, width: 90, height: 60, file_size: 1200 },
        { file_id: file.file_id, file_unique_id: file.file_unique_id, width: 1280, height: 853, file_size: file.file_size },
      ],
      ...(caption !== undefined ? { caption } : {}),
      ...extra,
    };
  }

  documentFields(file: StoredFile, fileName: string, mime: string, caption?: string): Json {
    return {
      document: { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: fileName, mime_type: mime, file_size: file.file_size },
      ...(caption !== undefined ? { caption } : {}),
    };
  }

  /** A reaction change by a person (`user`) or an anonymous admin (`actor_chat`). */
  pushReaction(chatId: number, messageId: number, by: { user: TgUser } | { actor_chat: TgChat }, emoji: string[], old: string[] = []): number {
    const chat = this.chat(chatId).chat;
    for (const e of emoji) if (!REACTION_EMOJI.has(e)) throw new Error(`fake: ${e} is not a reaction Telegram offers`);
    const kind = (e: string) => ({ type: 'emoji', emoji: e });
    return this.pushUpdate({
      message_reaction: { chat, message_id: messageId, ...by, date: now(), old_reaction: old.map(kind), new_reaction: emoji.map(kind) },
    });
  }

  /** A person presses an inline button under a bot message. */
  pushButton(chatId: number, messageId: number, from: TgUser, data: string): number {
    const message = this.chat(chatId).messages.get(messageId);
    if (!message) throw new Error(`no message ${messageId}`);
    return this.pushUpdate({
      callback_query: { id: `${++this.callbackSeq}0000000000`, from, message, chat_instance: '-7000000000000', data },
    });
  }

  pushUpdate(body: Json, updateId = this.nextUpdateId++): number {
    const update = { update_id: updateId, ...body };
    this.history.push(update);
    for (const wake of [...this.waiters]) wake();
    return updateId;
  }

  /**
   * As if the bot's confirmation of `updateId` (the next getUpdates offset) never reached
   * Telegram: the update is served again to whoever polls next.
   */
  unconfirm(updateId: number): void {
    this.confirmedBelow = Math.min(this.confirmedBelow, updateId);
  }

  /**
   * True once the bot asked for updates past `updateId`: Telegraf's polling loop finishes
   * handling a batch before it asks for the next, so the update has been fully handled.
   */
  handled(updateId: number): boolean {
    return this.confirmedBelow > updateId;
  }

  /** The bot's own messages (sendMessage/sendPhoto/sendDocument) that went through, in order. */
  sent(chatId?: number): Array<RecordedCall & { text: string; entities: ParsedEntity[]; messageId: number }> {
    return this.calls
      .filter((c) => c.status === 'ok' && ['sendMessage', 'sendPhoto', 'sendDocument'].includes(c.method))
      .filter((c) => chatId === undefined || String(c.payload['chat_id']) === String(chatId))
      .map((c) => {
        const html = String(c.payload['text'] ?? c.payload['caption'] ?? '');
        const parsed = c.payload['parse_mode'] === 'HTML' ? parseHtml(html) : { ok: true as const, text: html, entities: [] };
        const messageId = Number((c.result as Json | undefined)?.['message_id']);
        return { ...c, text: parsed.ok ? parsed.text : html, entities: parsed.ok ? parsed.entities : [], messageId };
      });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  message(chatId: number, messageId: number): Json | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Resolves when `check` holds (polled), or fails with what was last seen. */
  async waitFor<T>(check: () => T | undefined | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => `${c.method}:${c.status}`).join(', ')}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  // ------------------------------------------------------------------ HTTP

  private chat(id: number): ChatState {
    const c = this.chats.get(id);
    if (!c) throw new Error(`fake: no chat ${id}`);
    return c;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (file) return this.download(file[1]!, decodeURIComponent(file[2]!), res);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const body = await readBody(req);
    if (m[1] !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2]!;
    const payload = await decodePayload(body, String(req.headers['content-type'] ?? ''), req.url ?? '');
    const failure = this.failures.find((f) => f.method === method && f.times > 0);
    if (failure) {
      failure.times--;
      this.calls.push({ method, payload, status: failure.error.error_code, at: Date.now() });
      return send(res, failure.error.error_code, { ok: false, ...failure.error });
    }
    // Recorded on arrival: a long poll is visible while it waits.
    const call: RecordedCall = { method, payload, status: 'ok', at: Date.now() };
    this.calls.push(call);
    try {
      call.result = method === 'getUpdates' ? await this.getUpdates(payload, req) : this.handle(method, payload);
    } catch (err) {
      if (err instanceof BotApiError) {
        call.status = err.error.error_code;
        return send(res, err.error.error_code, { ok: false, ...err.error });
      }
      throw err;
    }
    send(res, 200, { ok: true, result: call.result });
  }

  private download(token: string, filePath: string, res: ServerResponse): void {
    if (token !== this.token) return void res.writeHead(401).end();
    const f = [...this.files.values()].find((x) => x.file_path === filePath);
    if (!f?.data) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.data.length }).end(f.data);
  }

  private async getUpdates(p: Json, req: IncomingMessage): Promise<Json[]> {
    if (this.webhook) {
      throw new BotApiError({ error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" });
    }
    const offset = Number(p['offset'] ?? 0);
    if (offset > this.confirmedBelow) this.confirmedBelow = offset;
    if (Array.isArray(p['allowed_updates'])) this.allowed = p['allowed_updates'].length ? p['allowed_updates'] : DEFAULT_UPDATES;
    const limit = Math.min(100, Math.max(1, Number(p['limit'] ?? 100)));
    const timeout = Number(p['timeout'] ?? 0);
    const pending = () =>
      this.history
        .filter((u) => u['update_id'] >= this.confirmedBelow && u['update_id'] >= offset)
        .filter((u) => Object.keys(u).some((k) => k !== 'update_id' && this.allowed.includes(k)))
        .slice(0, limit);
    let ready = pending();
    if (ready.length || timeout <= 0) return ready;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        req.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeout * 1000);
      this.waiters.add(done);
      req.on('close', done); // the client gave up (Telegraf aborts on stop)
    });
    ready = pending();
    return ready;
  }

  private handle(method: string, p: Json): unknown {
    switch (method) {
      case 'getMe':
        return { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'setMyCommands': {
        const commands = p['commands'] as Array<{ command: string; description: string }>;
        for (const c of commands) {
          if (!/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256) {
            throw new BotApiError({ error_code: 400, description: 'Bad Request: BOT_COMMAND_INVALID' });
          }
        }
        this.commands = commands;
        return true;
      }
      case 'setWebhook':
        if (p['secret_token'] !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(p['secret_token'])) {
          throw new BotApiError({ error_code: 400, description: 'Bad Request: secret token contains unallowed characters' });
        }
        this.webhook = { url: p['url'], ...(p['secret_token'] ? { secret_token: p['secret_token'] } : {}), ...(p['allowed_updates'] ? { allowed_updates: p['allowed_updates'] } : {}) };
        return true;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: 0 };
      case 'getFile': {
        const f = this.files.get(String(p['file_id']));
        if (!f) throw new BotApiError({ error_code: 400, description: 'Bad Request: invalid file_id' });
        if (this.publicFileLimit && f.file_size > PUBLIC_FILE_LIMIT) throw new BotApiError({ error_code: 400, description: 'Bad Request: file is too big' });
        return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
      }
      case 'sendMessage':
        return this.store(p, 'text', 4096, 'Bad Request: message is too long');
      case 'sendPhoto':
        return this.store(p, 'caption', 1024, 'Bad Request: message caption is too long', { photo: [{ file_id: 'sent-photo', file_unique_id: 'sent', width: 800, height: 600 }] });
      case 'sendDocument':
        return this.store(p, 'caption', 1024, 'Bad Request: message caption is too long', { document: { file_id: 'sent-doc', file_unique_id: 'sentdoc', file_name: p['document']?.filename } });
      case 'editMessageText':
      case 'editMessageCaption':
        return this.edit(method, p);
      case 'deleteMessage': {
        const state = this.target(p);
        if (!state.messages.delete(Number(p['message_id']))) throw new BotApiError({ error_code: 400, description: 'Bad Request: message to delete not found' });
        return true;
      }
      case 'answerCallbackQuery': {
        // https://core.telegram.org/bots/api#answercallbackquery: text is 0-200 characters.
        if (!p['callback_query_id']) throw new BotApiError({ error_code: 400, description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' });
        if (typeof p['text'] === 'string' && p['text'].length > 200) throw new BotApiError({ error_code: 400, description: 'Bad Request: MESSAGE_TOO_LONG' });
        return true;
      }
      case 'getChatMember': {
        this.target(p);
        const user = this.members.get(Number(p['chat_id']))?.get(Number(p['user_id']));
        if (!user) throw new BotApiError({ error_code: 400, description: 'Bad Request: user not found' });
        return { status: 'member', user };
      }
      default:
        throw new BotApiError({ error_code: 404, description: 'Not Found' });
    }
  }

  /** The chat a call is for: unknown -> "chat not found"; migrated -> the documented 400. */
  private target(p: Json): ChatState {
    const id = Number(p['chat_id']);
    const state = this.chats.get(id);
    // A person who never opened the bot's chat: Telegram forbids the bot to write first.
    if (!state && id > 0) throw new BotApiError({ error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    if (!state) throw new BotApiError({ error_code: 400, description: 'Bad Request: chat not found' });
    if (state.migratedTo !== undefined) {
      throw new BotApiError({ error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: state.migratedTo } });
    }
    return state;
  }

  private parsed(p: Json, field: 'text' | 'caption', limit: number, tooLong: string): { text: string; entities: ParsedEntity[] } {
    const raw = String(p[field] ?? '');
    let text = raw;
    let entities: ParsedEntity[] = [];
    if (p['parse_mode'] === 'HTML') {
      const r = parseHtml(raw);
      if (!r.ok) throw new BotApiError({ error_code: 400, description: r.error });
      ({ text, entities } = r);
    } else if (p['parse_mode'] !== undefined) {
      throw new BotApiError({ error_code: 400, description: `Bad Request: unsupported parse_mode ${p['parse_mode']}` });
    }
    if (field === 'text' && !text.trim()) throw new BotApiError({ error_code: 400, description: 'Bad Request: message text is empty' });
    if (text.length > limit) throw new BotApiError({ error_code: 400, description: tooLong });
    return { text, entities };
  }

  private checkMarkup(p: Json): void {
    const markup = typeof p['reply_markup'] === 'string' ? JSON.parse(p['reply_markup']) : p['reply_markup'];
    for (const row of markup?.inline_keyboard ?? []) {
      for (const b of row) {
        if (!b.text) throw new BotApiError({ error_code: 400, description: 'Bad Request: text buttons are unallowed in the inline keyboard' });
        if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) < 1 || Buffer.byteLength(b.callback_data) > 64)) {
          throw new BotApiError({ error_code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
        }
      }
    }
    if (markup) p['reply_markup'] = markup;
  }

  private store(p: Json, field: 'text' | 'caption', limit: number, tooLong: string, media: Json = {}): Json {
    const state = this.target(p);
    const { text, entities } = this.parsed(p, field, limit, tooLong);
    this.checkMarkup(p);
    const message: Json = { message_id: state.nextId++, from: this.bot, chat: state.chat, date: now(), ...media };
    if (text) message[field] = text;
    if (entities.length) message[field === 'text' ? 'entities' : 'caption_entities'] = entities;
    const reply = typeof p['reply_parameters'] === 'string' ? JSON.parse(p['reply_parameters']) : p['reply_parameters'];
    if (reply?.message_id !== undefined) {
      const replied = state.messages.get(Number(reply.message_id));
      if (!replied && !reply.allow_sending_without_reply) throw new BotApiError({ error_code: 400, description: 'Bad Request: message to be replied not found' });
      if (replied) {
        const { reply_to_message: _drop, ...shallow } = replied;
        message['reply_to_message'] = shallow;
      }
    }
    if (p['reply_markup']?.inline_keyboard) message['reply_markup'] = p['reply_markup'];
    state.messages.set(message['message_id'], message);
    return message;
  }

  private edit(method: string, p: Json): Json {
    const state = this.target(p);
    const message = state.messages.get(Number(p['message_id']));
    if (!message) throw new BotApiError({ error_code: 400, description: 'Bad Request: message to edit not found' });
    if (message['from']?.id !== this.bot.id) throw new BotApiError({ error_code: 400, description: "Bad Request: message can't be edited" });
    const field = method === 'editMessageText' ? 'text' : 'caption';
    if (field === 'text' && message['text'] === undefined) throw new BotApiError({ error_code: 400, description: 'Bad Request: there is no text in the message to edit' });
    const { text, entities } = this.parsed(p, field, field === 'text' ? 4096 : 1024, field === 'text' ? 'Bad Request: MESSAGE_TOO_LONG' : 'Bad Request: message caption is too long');
    this.checkMarkup(p);
    const markup = p['reply_markup']?.inline_keyboard ? p['reply_markup'] : undefined;
    if (message[field] === text && JSON.stringify(message['reply_markup']) === JSON.stringify(markup)) {
      throw new BotApiError({
        error_code: 400,
        description: 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      });
    }
    message[field] = text;
    if (entities.length) message[field === 'text' ? 'entities' : 'caption_entities'] = entities;
    else delete message[field === 'text' ? 'entities' : 'caption_entities'];
    if (markup) message['reply_markup'] = markup;
    else delete message['reply_markup'];
    message['edit_date'] = now();
    return message;
  }
}

class BotApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.description);
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, multipart or query string, as the Bot API accepts them. */
async function decodePayload(body: Buffer, contentType: string, url: string): Promise<Json> {
  if (contentType.includes('application/json') && body.length) return JSON.parse(body.toString('utf8')) as Json;
  if (contentType.includes('multipart/form-data')) {
    const out: Json = {};
    for (const part of await readMultipart(body, contentType)) {
      out[part.name] = part.filename !== undefined ? { filename: part.filename, size: part.data.length } : part.data.toString('utf8');
    }
    return out;
  }
  const query = url.includes('?') ? Object.fromEntries(new URLSearchParams(url.split('?')[1])) : {};
  return query;
}
