import { Telegraf, TelegramError } from 'telegraf';
import { EventClaims } from '../../service/events.ts';
import type { CallbackQuery, Message, MessageReactionUpdated, ReplyParameters, Update, User, UserFromGetMe } from 'telegraf/types';
import type { Actor, MessageRef } from '../../domain/comunicado.ts';
import { StartupError, UserFacingError } from '../../domain/errors.ts';
import { t } from '../../messages/index.ts';
import type { AdapterDeps } from '../adapters.ts';
import type { ChatAdapter, ChatEvent, ChatEventHandler, IncomingFile, OutMessage, Origin, Target } from '../port.ts';
import { AlbumCollector, type AlbumItem, type AlbumTimers } from './albums.ts';
import { ResilientTelegram, redactToken } from './client.ts';
import { botCommands } from './commands.ts';
import { checkDownloadable, fileOf, incomingFile, type DownloadContext, type FileSpec } from './files.ts';
import { answerForm, FormStore, startForm, type FormChecks, type FormState as FormStateOf } from '../../service/form-conversation.ts';
import { defaultsForKind, parseKind } from '../../domain/kinds.ts';
import { CAPTION_LIMIT, renderChunks, TEXT_LIMIT } from './html.ts';
import { ALLOWED_UPDATES, actorOf, addedEmoji, displayName, parseCommand, textOf, withoutCommand } from './incoming.ts';
import { inlineKeyboard, parseCallback } from './keyboard.ts';
import { MessageIndex } from './message-index.ts';
import { ChatMigrations } from './migration.ts';
import { KeyedQueue } from '../../util/serial-queue.ts';
import { webhookHandler } from './webhook.ts';

/** A step-by-step form as this adapter keeps it: Telegram file ids. */
type FormState = FormStateOf<FileSpec>;

export interface TelegramOptions {
  /** Quiet time that closes an album (its photos arrive as separate updates); each new photo restarts it. */
  albumDebounceMs?: number;
  /** Ceiling: an album is closed at the latest this long after its first photo. */
  albumMaxMs?: number;
  /** Timers for albums (tests move them instead of waiting). */
  albumTimers?: AlbumTimers;
  /** Treat the Bot API as the public one (20 MB downloads); by default, when apiRoot is api.telegram.org. */
  publicApi?: boolean;
  now?: () => Date;
}

const SECRET_FORMAT = /^[A-Za-z0-9_-]{1,256}$/;
/** Telegram spreads an album over seconds: it stays open this long after each photo... */
const ALBUM_QUIET_MS = 4000;
/** ...and no longer than this after the first (a later photo is then added or told). */
const ALBUM_MAX_MS = 20_000;
/** answerCallbackQuery takes at most 200 characters of text. */
const CALLBACK_TEXT_LIMIT = 200;
/** A pressed button's spinner waits at most this long for the handler's private answer. */
const CALLBACK_ANSWER_MS = 8000;
const NAMES_KEPT = 1000;

type Markup =
  | { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
  | { force_reply: true; selective: true };

/**
 * The Telegram chat (Telegraf). Long polling by default; a webhook on the shared HTTP
 * server when TELEGRAM_WEBHOOK_URL is set (and then TELEGRAM_WEBHOOK_SECRET is required).
 * It turns updates into the core's neutral events and OutMessages into HTML messages.
 */
export class TelegramAdapter implements ChatAdapter {
  readonly platform = 'telegram' as const;
  private readonly bot: Telegraf;
  private readonly client: ResilientTelegram;
  private readonly migrations: ChatMigrations;
  private readonly claims: EventClaims;
  private readonly index: MessageIndex;
  private readonly forms: FormStore<FileSpec>;
  private readonly albums: AlbumCollector;
  private readonly queue = new KeyedQueue();
  private readonly names = new Map<string, string>();
  /** Mentioned ids Telegram would not name (not in that chat): asked once, not on every post. */
  private readonly unnamed = new Set<string>();
  private readonly unheard = new Set<string>();
  private readonly download: DownloadContext;
  private readonly webhook: { url: string; path: string; secret: string } | undefined;
  private readonly log;
  private handler: ChatEventHandler | undefined;
  private me: UserFromGetMe | undefined;
  private polling: Promise<void> | undefined;
  private running = false;
  private failure: string | undefined;
  private readonly stopSignal = new AbortController();
  private readonly clock: () => Date;
  private polled: (() => void) | undefined;

  constructor(
    private readonly deps: AdapterDeps,
    options: TelegramOptions = {},
  ) {
    const { env, store, logger } = deps;
    this.clock = options.now ?? (() => new Date());
    const token = env.telegram.botToken;
    if (!token) throw new Error('TELEGRAM_BOT_TOKEN is required for the Telegram adapter');
    this.webhook = webhookSettings(env.telegram.webhookUrl, env.telegram.webhookSecret);
    this.log = logger.child({ module: 'telegram' });
    const apiRoot = env.telegram.apiRoot;
    // Replies never ride on the webhook response: every call must report its own result.
    this.bot = new Telegraf(token, { handlerTimeout: Number.POSITIVE_INFINITY, telegram: { apiRoot, webhookReply: false } });
    this.client = new ResilientTelegram(token, { apiRoot, webhookReply: false });
    this.bot.telegram = this.client;
    this.migrations = new ChatMigrations(store, deps.config, this.log);
    this.claims = new EventClaims(store, this.log);
    this.client.attach({
      resolveChat: (id) => this.migrations.resolve(id),
      onMigrated: (from, to) => this.migrate(from, to),
      sleep: (ms) => this.sleep(ms),
      polled: () => this.polled?.(),
      logger: this.log,
    });
    this.index = new MessageIndex(store);
    this.forms = new FormStore<FileSpec>(store, options.now);
    this.albums = new AlbumCollector(
      { quietMs: options.albumDebounceMs ?? ALBUM_QUIET_MS, maxMs: options.albumMaxMs ?? ALBUM_MAX_MS, ...(options.albumTimers ? { timers: options.albumTimers } : {}) },
      (chat, items) => this.queue.run(chat, () => this.onMessages(chat, items)),
      (chat, item, album) => this.queue.run(chat, () => this.onLateAlbumPart(chat, item, album)),
    );
    this.download = { client: this.client, apiRoot, publicApi: options.publicApi ?? isPublicApi(apiRoot) };
    this.bot.use((ctx) => this.onUpdate(ctx.update));
    this.bot.catch((err, ctx) => {
      this.log.error({ err: redactToken(err, token), updateId: ctx.update.update_id }, 'telegram update failed');
    });
  }

  // ------------------------------------------------------------------ lifecycle

  async start(handler: ChatEventHandler): Promise<void> {
    this.handler = handler;
    await this.migrations.load();
    await this.index.load();
    try {
      this.me = await this.client.getMe();
    } catch (err) {
      throw startError(err);
    }
    this.bot.botInfo = this.me;
    await this.client.setMyCommands(botCommands()).catch((err) => this.log.warn({ err }, 'telegram: could not register the command menu'));
    if (this.webhook) {
      const { url, path, secret } = this.webhook;
      this.deps.http.route(path, webhookHandler({ secret, logger: this.log, handle: (u) => this.bot.handleUpdate(u) }));
      await this.client.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
      this.log.info({ path }, 'telegram: webhook set');
    } else {
      // launch() deletes any webhook (keeping pending updates) and polls until stop();
      // start() returns once the first getUpdates is out, or launch failed.
      const live = new Promise<void>((resolve) => (this.polled = resolve));
      let failed: unknown;
      this.polling = this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES], dropPendingUpdates: false }).catch((err: unknown) => {
        failed = err;
        if (!this.stopSignal.signal.aborted) {
          this.failure = `long polling detenido: ${(redactToken(err, this.client.token) as Error).message}`;
          this.log.error({ err }, 'telegram: long polling stopped');
        }
      });
      await Promise.race([live, this.polling]);
      this.polled = undefined;
      if (failed !== undefined) throw startError(failed);
      this.log.info({ bot: this.me.username }, 'telegram: long polling');
    }
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.polling) await this.stopPolling(this.polling);
    // Updates already taken are finished; a call still waiting out a long retry_after
    // gets a little while, then gives up so the process can exit.
    const settled = this.albums.drain().then(() => this.queue.idle());
    await Promise.race([settled, new Promise((r) => setTimeout(r, 10_000).unref())]);
    this.stopSignal.abort();
    await settled;
  }

  /**
   * Telegraf only accepts stop() once its polling loop exists, a moment after launch();
   * it then aborts the pending getUpdates and confirms the last offset to Telegram.
   */
  private async stopPolling(polling: Promise<void>): Promise<void> {
    let settled = false;
    void polling.then(() => (settled = true));
    for (let waited = 0; !settled && waited < 10_000; waited += 20) {
      try {
        this.bot.stop('stop');
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    await polling;
  }

  health() {
    if (this.failure) return { ok: false, detail: this.failure };
    if (!this.running) return { ok: false, detail: 'detenido' };
    return { ok: true, detail: this.webhook ? `webhook ${this.webhook.path}` : 'long polling' };
  }

  /** Waits, unless the adapter stops first (a long retry_after must not hold shutdown). */
  private sleep(ms: number): Promise<void> {
    const signal = this.stopSignal.signal;
    if (signal.aborted) return Promise.reject(new Error('telegram adapter stopped'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Error('telegram adapter stopped'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ------------------------------------------------------------------ incoming

  private async onUpdate(update: Update): Promise<void> {
    if ('message' in update) return this.onMessage(update.update_id, update.message);
    if ('callback_query' in update) return this.onCallback(update.update_id, update.callback_query);
    if ('message_reaction' in update) return this.onReaction(update.update_id, update.message_reaction);
  }

  private isConfiguredChat(chat: string): boolean {
    const tg = this.deps.config.chats.telegram;
    return !!tg && [...tg.chats, tg.approvalsChat, tg.digestChat].includes(chat);
  }

  private learn(user: User): void {
    this.names.delete(String(user.id));
    this.names.set(String(user.id), displayName(user));
    if (this.names.size > NAMES_KEPT) this.names.delete(this.names.keys().next().value!);
  }

  private async onMessage(updateId: number, message: Message): Promise<void> {
    const raw = String(message.chat.id);
    if ('migrate_to_chat_id' in message) {
      if (this.isConfiguredChat(this.migrations.resolve(raw))) await this.migrate(raw, String(message.migrate_to_chat_id));
      return;
    }
    if ('migrate_from_chat_id' in message) {
      const from = String(message.migrate_from_chat_id);
      if (this.isConfiguredChat(this.migrations.resolve(from))) await this.migrate(from, raw);
      return;
    }
    const chat = this.migrations.resolve(raw);
    if (!this.isConfiguredChat(chat)) {
      // Said once per chat at info level: it is how an office finds its group's id.
      if (!this.unheard.has(chat)) {
        this.unheard.add(chat);
        const title = 'title' in message.chat ? message.chat.title : undefined;
        this.log.info({ chat, title, type: message.chat.type }, 'telegram: ignoring a chat that is not in chats.telegram (add its id there to use it)');
      }
      return;
    }
    if (!message.from || message.from.id === this.me?.id || (message.from.is_bot && !message.sender_chat)) return;
    this.learn(message.from);
    if ('media_group_id' in message && message.media_group_id) {
      this.albums.add(chat, { updateId, message });
      return;
    }
    await this.queue.run(chat, () => this.onMessages(chat, [{ updateId, message }]));
  }

  /** One message, or every part of an album: a command, a form answer or a thread reply. */
  private async onMessages(chat: string, items: AlbumItem[]): Promise<void> {
    const eventKey = `update:${Math.min(...items.map((i) => i.updateId))}`;
    const commandOf = (m: Message) => parseCommand(textOf(m), this.me?.username);
    const lead = this.leadOf(items);
    const from = lead.from;
    if (!from) return;
    const cmd = commandOf(lead);
    if (cmd?.forOtherBot) return;
    const specs = items.flatMap(({ message }) => {
      const spec = fileOf(message);
      const caption = textOf(message).trim();
      if (!spec) return [];
      return [message !== lead || !cmd ? { ...spec, ...(caption ? { alt: caption } : {}) } : spec];
    });
    const actor = actorOf(from);
    const origin: Origin = { platform: 'telegram', channel: chat, messageId: String(lead.message_id) };
    const reply = 'reply_to_message' in lead ? lead.reply_to_message : undefined;
    const replyIsBot = !!reply && reply.from?.id === this.me?.id;

    if (lead.sender_chat) {
      // An anonymous admin: Telegram shows the group, not the person, so nobody can be credited.
      if (cmd) await this.post({ channel: chat, threadId: origin.messageId! }, { text: t('telegram.anonymous_admin') });
      return;
    }

    if (cmd) {
      if (cmd.name === 'cancelar') {
        if (!(await this.claim(eventKey))) return;
        const had = await this.forms.remove(chat, actor.userId);
        await this.post({ channel: chat, threadId: origin.messageId! }, { text: t(had ? 'telegram.form.cancelled' : 'telegram.form.nothing_to_cancel') });
        return;
      }
      // `/comunicado aviso` or `/comunicado convocatoria` alone starts the form for that kind.
      const formKind = cmd.name === 'comunicado' && !reply ? parseKind(cmd.args) : undefined;
      if (cmd.name === 'comunicado' && !reply && (!cmd.args.trim() || formKind)) {
        if (!(await this.claim(eventKey))) return;
        const form = startForm(chat, actor.userId, origin.messageId!, await this.downloadableFiles(chat, origin, specs), this.now(), formKind);
        const name = actor.name ?? actor.userId;
        await this.ask(form, origin.messageId!, form.tipo ? t('telegram.form.titulo_kind', { name, kind: t(`kind.article.${form.tipo}`) }) : t('telegram.form.titulo', { name }));
        return;
      }
      if (replyIsBot) {
        const thread = this.index.threadOf(chat, String(reply!.message_id)) ?? this.index.primaryOf(chat, String(reply!.message_id));
        origin.threadId = thread;
      }
      const event: ChatEvent = { type: 'command', name: cmd.name, text: cmd.args.trimStart(), files: this.files(specs), eventKey, actor, origin };
      if (reply && cmd.name === 'comunicado') event.replyTo = this.repliedSubmission(chat, reply);
      await this.emit(event);
      return;
    }

    const form = await this.forms.get(chat, actor.userId);
    if (form && (!replyIsBot || form.asked.includes(String(reply!.message_id)))) {
      await this.answer(form, actor, origin, textOf(lead), specs, eventKey);
      return;
    }

    // Plain talk in the group is not for the bot; a reply to one of its messages may be
    // (the reason after 👎). Replies between people are left alone (and not recorded).
    if (!reply || !replyIsBot) return;
    const repliedId = String(reply.message_id);
    const primary = this.index.primaryOf(chat, repliedId);
    origin.threadId = this.index.threadOf(chat, primary) ?? primary;
    const inReplyTo: MessageRef = { platform: 'telegram', channel: chat, messageId: primary };
    const thread = this.index.threadOf(chat, primary);
    if (thread) inReplyTo.threadId = thread;
    await this.emit({ type: 'message', text: textOf(lead), files: this.files(specs), inReplyTo, eventKey, actor, origin });
  }

  /** The message that speaks for an album: its command, else its caption, else its first part. */
  private leadOf(items: AlbumItem[]): Message {
    const commandOf = (m: Message) => parseCommand(textOf(m), this.me?.username);
    return items.find((i) => commandOf(i.message))?.message ?? items.find((i) => textOf(i.message))?.message ?? items[0]!.message;
  }

  /** An album photo that came after its album was handed over: the core adds it or tells the sender. */
  private async onLateAlbumPart(chat: string, item: AlbumItem, album: AlbumItem[]): Promise<void> {
    const { message } = item;
    const spec = fileOf(message);
    if (!spec || !message.from || !album.length) return;
    const caption = textOf(message).trim();
    const lead = this.leadOf(album);
    this.log.info({ chat, messageId: message.message_id, album: lead.message_id }, 'telegram: an album photo arrived after its album was closed');
    await this.emit({
      type: 'late_files',
      files: this.files([caption ? { ...spec, alt: caption } : spec]),
      submittedWith: { platform: 'telegram', channel: chat, messageId: String(lead.message_id) },
      eventKey: `update:${item.updateId}`,
      actor: actorOf(message.from),
      origin: { platform: 'telegram', channel: chat, messageId: String(message.message_id) },
    });
  }

  /** The message a `/comunicado` replied to: its text and files (the whole album if it was one). */
  private repliedSubmission(chat: string, reply: Message): { text: string; files: IncomingFile[] } {
    const group = 'media_group_id' in reply ? reply.media_group_id : undefined;
    const parts = (group && this.albums.album(chat, group)) || [reply];
    const captioned = parts.find((m) => textOf(m).trim()) ?? reply;
    const specs = parts.flatMap((m) => {
      const spec = fileOf(m);
      if (!spec) return [];
      const caption = textOf(m).trim();
      return [m !== captioned && caption ? { ...spec, alt: caption } : spec];
    });
    return { text: withoutCommand(textOf(captioned)).trim(), files: this.files(specs) };
  }

  private files(specs: FileSpec[]): IncomingFile[] {
    return specs.map((s) => incomingFile(s, this.download));
  }

  /** Files for a form: the ones Telegram will not hand over are refused right away. */
  private async downloadableFiles(chat: string, origin: Origin, specs: FileSpec[]): Promise<FileSpec[]> {
    const ok: FileSpec[] = [];
    for (const spec of specs) {
      const refusal = checkDownloadable(spec, this.download);
      if (refusal) await this.post({ channel: chat, threadId: origin.messageId! }, { text: refusal.message });
      else ok.push(spec);
    }
    return ok;
  }

  private async answer(form: FormState, actor: Actor, origin: Origin, text: string, specs: FileSpec[], eventKey: string): Promise<void> {
    if (!text.trim() && !specs.length) return;
    const outcome = answerForm(form, { text, files: specs }, this.deps.config.destinations.default, this.formChecks());
    if (outcome.kind === 'done') {
      // Not claimed here: the «listo» becomes the command event, and the dispatcher records
      // its key. The form goes only after the hand-over, so a crash in between loses nothing.
      await this.emit({
        type: 'command',
        name: 'comunicado',
        text: outcome.text,
        files: this.files(outcome.state.files),
        eventKey,
        actor,
        origin: { platform: 'telegram', channel: form.chat, messageId: form.commandMessageId },
      });
      await this.forms.remove(form.chat, form.user);
      return;
    }
    if (!(await this.claim(eventKey))) return;
    const kept = await this.downloadableFiles(form.chat, origin, specs);
    if (specs.length && !kept.length) {
      await this.forms.put(form);
      return;
    }
    const next = kept.length === specs.length ? outcome : answerForm(form, { text, files: kept }, this.deps.config.destinations.default, this.formChecks());
    if (next.kind === 'ask') await this.ask(next.state, origin.messageId!, next.text);
  }

  /** The rules the step-by-step form checks as it goes (the same as the plain-text form's). */
  private formChecks(): FormChecks {
    const { destinations, portal, office } = this.deps.config;
    return {
      defaultsFor: (kind) => defaultsForKind(kind, destinations.byKind, destinations.default),
      allowedLinkDomains: portal.allowedLinkDomains,
      timezone: office.timezone,
      now: this.now(),
    };
  }

  /** Posts the next question or notice (force_reply, so it is easy to answer) and saves the form. */
  private async ask(form: FormState, replyTo: string, text: string): Promise<void> {
    const ref = await this.post({ channel: form.chat, threadId: replyTo }, { text, mentions: [form.user], expectReply: true });
    await this.forms.put({ ...form, asked: [...form.asked, ref.messageId].slice(-20) });
  }

  private async onCallback(updateId: number, query: CallbackQuery): Promise<void> {
    this.learn(query.from);
    const data = 'data' in query ? query.data : undefined;
    const parsed = await parseCallback(this.deps.store, data);
    // One answer per press. A refusal or a note goes in it, as an alert only the person who
    // pressed sees; otherwise it is an empty answer that stops the spinner.
    let answered = false;
    const answer = async (text?: string, alert = true): Promise<boolean> => {
      if (answered) return false;
      answered = true;
      try {
        await this.client.answerCbQuery(query.id, text === undefined ? undefined : clip(text, CALLBACK_TEXT_LIMIT), text === undefined ? undefined : { show_alert: alert });
        return true;
      } catch (err) {
        this.log.warn({ err }, 'telegram: answerCallbackQuery failed');
        return false;
      }
    };
    if (!parsed || !query.message) {
      await answer(parsed ? undefined : t('telegram.button_expired'), false);
      return;
    }
    const chat = this.migrations.resolve(String(query.message.chat.id));
    const ref: MessageRef = { platform: 'telegram', channel: chat, messageId: this.index.primaryOf(chat, String(query.message.message_id)) };
    // The spinner does not wait for slow work: after a while it stops with no text.
    const fallback = setTimeout(() => void answer(), CALLBACK_ANSWER_MS);
    fallback.unref?.();
    try {
      await this.queue.run(chat, () =>
        this.emit({
          type: 'action',
          action: parsed.action,
          value: parsed.value,
          message: ref,
          answer: (text) => answer(text),
          eventKey: `update:${updateId}`,
          actor: actorOf(query.from),
          origin: { platform: 'telegram', channel: chat, messageId: ref.messageId },
        }),
      );
    } finally {
      clearTimeout(fallback);
      await answer();
    }
  }

  private async onReaction(updateId: number, reaction: MessageReactionUpdated): Promise<void> {
    // Anonymous admins react "as the group": nobody to hold to the approver list.
    if (!reaction.user || reaction.actor_chat || reaction.user.is_bot) return;
    this.learn(reaction.user);
    const chat = this.migrations.resolve(String(reaction.chat.id));
    const ref: MessageRef = { platform: 'telegram', channel: chat, messageId: this.index.primaryOf(chat, String(reaction.message_id)) };
    const actor = actorOf(reaction.user);
    const emoji = addedEmoji(reaction);
    await this.queue.run(chat, async () => {
      for (const [i, e] of emoji.entries()) {
        await this.emit({
          type: 'reaction',
          emoji: e,
          message: ref,
          eventKey: i === 0 ? `update:${updateId}` : `update:${updateId}:${i}`,
          actor,
          origin: { platform: 'telegram', channel: chat, messageId: ref.messageId },
        });
      }
    });
  }

  private async emit(event: ChatEvent): Promise<void> {
    await this.handler?.(event);
  }

  /** Records an update the adapter consumes itself (form steps), as the dispatcher does. */
  private claim(eventKey: string): Promise<boolean> {
    return this.claims.claim('telegram', eventKey);
  }

  private now(): Date {
    return this.clock();
  }

  // ------------------------------------------------------------------ migration

  private async migrate(from: string, to: string): Promise<void> {
    if (!(await this.migrations.migrate(from, to))) return;
    // Told in the group itself, so the office updates the config file.
    void this.post({ channel: to }, { text: t('telegram.migrated', { from, to }) }).catch((err) =>
      this.log.warn({ err }, 'telegram: could not announce the migration'),
    );
  }

  // ------------------------------------------------------------------ outgoing

  private nameOf = (userId: string): string | undefined => this.names.get(userId);

  private async markup(message: OutMessage): Promise<Markup | undefined> {
    if (message.buttons?.length) return { inline_keyboard: await inlineKeyboard(this.deps.store, message.buttons) };
    if (message.expectReply) return { force_reply: true, selective: true };
    return undefined;
  }

  /**
   * Names for the people a message tags: known from their own messages, else asked once
   * of Telegram (getChatMember), so a preview tags «Carolina Rojas», not a number.
   */
  private async learnMentioned(chat: string, message: OutMessage): Promise<void> {
    for (const id of message.mentions ?? []) {
      if (!/^\d+$/.test(id) || this.names.has(id) || this.unnamed.has(id)) continue;
      try {
        const member = await this.client.getChatMember(chat, Number(id));
        this.learn(member.user);
      } catch (err) {
        this.unnamed.add(id);
        this.log.debug({ err, userId: id }, 'telegram: no name for a mentioned user');
      }
    }
  }

  async post(target: Target, message: OutMessage): Promise<MessageRef> {
    const chat = this.migrations.resolve(target.channel);
    await this.learnMentioned(chat, message);
    // A public image, or a photo someone sent to this chat (its file_id), leads the message.
    const image = message.sections?.find((s) => s.image && (/^https?:\/\//i.test(s.image.url) || s.image.fileRef?.platform === 'telegram'))?.image;
    const photo = image ? (/^https?:\/\//i.test(image.url) ? image.url : image.fileRef!.id) : undefined;
    const chunks = renderChunks(message, this.nameOf, photo ? CAPTION_LIMIT : TEXT_LIMIT);
    const markup = await this.markup(message);
    const ids: string[] = [];
    let captioned = false;
    for (const [i, html] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const extra = {
        parse_mode: 'HTML' as const,
        ...(target.threadId ? { reply_parameters: { message_id: Number(target.threadId), allow_sending_without_reply: true } } : {}),
        ...(last && markup ? { reply_markup: markup } : {}),
      };
      let sent: { message_id: number } | undefined;
      if (i === 0 && photo) {
        try {
          sent = await this.client.sendPhoto(chat, photo, { ...extra, caption: html });
          captioned = true;
        } catch (err) {
          // Telegram refused the photo (a 400: it will not send that file again): the
          // message still goes, as text. Anything else may have been sent: it propagates.
          if (!(err instanceof TelegramError && err.code === 400)) throw err;
          this.log.warn({ description: err.description }, 'telegram: photo refused, text only');
        }
      }
      sent ??= await this.client.sendMessage(chat, html, extra);
      ids.push(String(sent.message_id));
    }
    const ref: MessageRef = { platform: 'telegram', channel: this.migrations.resolve(chat), messageId: ids[0]! };
    await this.index.record(ref.channel, ids, { ...(target.threadId ? { thread: target.threadId } : {}), ...(captioned ? { caption: true } : {}) });
    return ref;
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    const chat = this.migrations.resolve(ref.channel);
    const parts = this.index.partsOf(chat, ref.messageId);
    const caption = this.index.isCaption(chat, ref.messageId);
    const chunks = renderChunks(message, this.nameOf, caption ? CAPTION_LIMIT : TEXT_LIMIT);
    const markup = await this.markup(message);
    const ids: string[] = [];
    for (let i = 0; i < Math.max(parts.length, chunks.length); i++) {
      const html = chunks[i];
      const part = parts[i];
      const last = i === chunks.length - 1;
      const extra = { parse_mode: 'HTML' as const, ...(last && markup && 'inline_keyboard' in markup ? { reply_markup: markup } : {}) };
      if (html !== undefined && part !== undefined) {
        const edit = i === 0 && caption
          ? this.client.editMessageCaption(chat, Number(part), undefined, html, extra)
          : this.client.editMessageText(chat, Number(part), undefined, html, extra);
        await edit.catch((err) => {
          if (!(err instanceof TelegramError && /message is not modified/i.test(err.description))) throw err;
        });
        ids.push(part);
      } else if (html !== undefined) {
        const sent = await this.client.sendMessage(chat, html, {
          ...extra,
          reply_parameters: { message_id: Number(parts[0] ?? ref.messageId), allow_sending_without_reply: true },
        });
        ids.push(String(sent.message_id));
      } else if (part !== undefined) {
        await this.client.deleteMessage(chat, Number(part)).catch((err) => this.log.warn({ err }, 'telegram: could not delete a stale message part'));
      }
    }
    if (ids.join() !== parts.join()) {
      const thread = this.index.threadOf(chat, ref.messageId);
      await this.index.record(chat, ids, { ...(thread ? { thread } : {}), ...(caption ? { caption: true } : {}) });
    }
  }

  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    try {
      return await this.post({ channel: userId }, message);
    } catch (err) {
      if (err instanceof TelegramError && (err.code === 403 || /chat not found/i.test(err.description))) {
        throw new UserFacingError('telegram_dm_blocked', t('telegram.dm_blocked', { user: this.names.get(userId) ?? userId }), { cause: err });
      }
      throw err;
    }
  }

  /** A t.me link to a supergroup message (members open it); ordinary groups have none. */
  async link(ref: MessageRef): Promise<string | undefined> {
    const chat = this.migrations.resolve(ref.channel);
    return /^-100\d+$/.test(chat) ? `https://t.me/c/${chat.slice(4)}/${ref.messageId}` : undefined;
  }

  /** A private chat's id is the person's user id; it exists only once they wrote to the bot. */
  async uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    try {
      await this.upload({ channel: userId }, file);
    } catch (err) {
      if (err instanceof TelegramError && (err.code === 403 || /chat not found/i.test(err.description))) {
        throw new UserFacingError('telegram_dm_blocked', t('telegram.dm_blocked', { user: this.names.get(userId) ?? userId }), { cause: err });
      }
      throw err;
    }
  }

  /** Telegram has no private message inside a group: a reply that tags the person. */
  async ephemeral(target: Target, userId: string, message: OutMessage): Promise<void> {
    const mentions = [...new Set([...(message.mentions ?? []), userId])];
    await this.post(target, { ...message, mentions });
  }

  async upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    const chat = this.migrations.resolve(target.channel);
    const caption = renderChunks({ text: file.title }, this.nameOf, CAPTION_LIMIT)[0] ?? '';
    // An upload goes as multipart, where Telegraf sends only strings and files: an object
    // field would be dropped, so reply_parameters travels as the JSON the Bot API reads.
    const reply = target.threadId ? JSON.stringify({ message_id: Number(target.threadId), allow_sending_without_reply: true }) : undefined;
    await this.client.sendDocument(
      chat,
      { source: file.data, filename: file.filename },
      { caption, parse_mode: 'HTML', ...(reply ? { reply_parameters: reply as unknown as ReplyParameters } : {}) },
    );
  }
}

/** At most `limit` UTF-16 units (how Telegram counts), cut between characters. */
function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const chars = [...text];
  while (chars.join('').length > limit - 1) chars.pop();
  return `${chars.join('')}…`;
}

function isPublicApi(apiRoot: string): boolean {
  try {
    return new URL(apiRoot).hostname === 'api.telegram.org';
  } catch {
    return true;
  }
}

/** Webhook mode needs a URL Telegram can reach and the secret it will send back. */
function webhookSettings(url: string | undefined, secret: string | undefined): { url: string; path: string; secret: string } | undefined {
  if (!url) return undefined;
  if (!secret) throw new StartupError('telegram_webhook_secret_missing', 'TELEGRAM_WEBHOOK_SECRET', t('telegram.webhook_secret_missing'));
  if (!SECRET_FORMAT.test(secret)) throw new StartupError('telegram_webhook_secret_invalid', 'TELEGRAM_WEBHOOK_SECRET', t('telegram.webhook_secret_invalid'));
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw new StartupError('telegram_webhook_url_invalid', 'TELEGRAM_WEBHOOK_URL', t('telegram.webhook_url_invalid', { url }));
  }
  return { url, path, secret };
}

function startError(err: unknown): UserFacingError {
  if (err instanceof TelegramError && (err.code === 401 || err.code === 404)) {
    return new StartupError('telegram_token_refused', 'TELEGRAM_BOT_TOKEN', t('telegram.token_refused', { detail: err.description }), { cause: err });
  }
  return new UserFacingError('telegram_unreachable', t('telegram.unreachable', { detail: (err as Error)?.message ?? String(err) }), { cause: err });
}
