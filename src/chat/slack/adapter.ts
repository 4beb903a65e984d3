import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { Config } from '../../config/schema.ts';
import type { Actor, MessageRef } from '../../domain/comunicado.ts';
import { StartupError, UserFacingError } from '../../domain/errors.ts';
import type { HttpServer } from '../../http/server.ts';
import { t } from '../../messages/index.ts';
import type { Logger } from '../../util/logger.ts';
import type { ChatAdapter, ChatEvent, ChatEventHandler, OutMessage, Target } from '../port.ts';
import { toSlack } from './blocks.ts';
import { boltLogger, clientOptions } from './client.ts';
import type { SlackContext } from './context.ts';
import { incomingFile, type SlackFile } from './files.ts';
import { registerCommands } from './listeners/commands.ts';
import { registerEvents } from './listeners/events.ts';
import { registerInteractions } from './listeners/interactions.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
  config: Config;
  logger: Logger;
  http: HttpServer;
  /** Tests pin the clock for the modal's date checks. */
  now?: () => Date;
}

/** Errors where an ephemeral cannot reach the person, so a DM is sent instead. */
const EPHEMERAL_FALLBACK = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel', 'is_archived']);
const NAME_TTL_MS = 60 * 60 * 1000;

function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } })?.data?.error;
}

/**
 * The Slack chat (Bolt 5). With SLACK_APP_TOKEN it connects by Socket Mode (no public URL);
 * otherwise Bolt's HTTP receiver, with its signature verification, answers at
 * /slack/events on the process's one HTTP server. Listeners translate Slack's payloads into
 * neutral ChatEvents; post/update/dm/ephemeral/upload translate back through Block Kit.
 */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly privateEphemeral = true;
  readonly mode: 'socket' | 'http';
  private readonly client: webApi.WebClient;
  private readonly receiver: Receiver;
  private readonly log: Logger;
  private bolt: App | undefined;
  private handler: ChatEventHandler | undefined;
  private bot: { userId: string; botId?: string; teamId?: string; name?: string } | undefined;
  private stopped = false;
  /** Socket Mode only: the WebSocket's state, which the client reconnects on its own. */
  private socketState: 'connecting' | 'connected' | 'reconnecting' | 'disconnected' = 'connecting';
  private readonly inFlight = new Set<Promise<void>>();
  private readonly names = new Map<string, { name: string | undefined; at: number }>();

  constructor(private readonly options: SlackAdapterOptions) {
    this.log = options.logger.child({ module: 'slack' });
    this.client = new webApi.WebClient(options.botToken, clientOptions(options.apiUrl, options.logger));
    const logger = boltLogger(options.logger);
    if (options.appToken) {
      this.mode = 'socket';
      const receiver = new SocketModeReceiver({
        appToken: options.appToken,
        logger,
        installerOptions: { clientOptions: { slackApiUrl: clientOptions(options.apiUrl, options.logger).slackApiUrl } },
      });
      // `close` comes first when the link drops; `reconnecting` only after the client's
      // back-off (seconds later), and `connected` once Slack says hello again.
      const states = { close: 'disconnected', disconnected: 'disconnected', reconnecting: 'reconnecting', connected: 'connected' } as const;
      for (const [event, state] of Object.entries(states)) {
        receiver.client.on(event, () => {
          if (state === this.socketState) return;
          if (state !== 'connected' && !this.stopped) this.log.warn({ state }, 'slack: socket mode connection lost');
          else if (this.socketState !== 'connecting') this.log.info('slack: socket mode connection restored');
          this.socketState = state;
        });
      }
      this.receiver = receiver;
    } else if (options.signingSecret) {
      this.mode = 'http';
      const receiver = new HTTPReceiver({
        signingSecret: options.signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        logger,
        // Ack first, work after: Slack wants an answer within three seconds.
        processBeforeResponse: false,
      });
      this.receiver = receiver;
      options.http.route(SLACK_EVENTS_PATH, (req, res) => this.serveHttp(receiver, req, res));
    } else {
      throw new StartupError('slack_no_secret', 'SLACK_SIGNING_SECRET', t('slack.start.no_secret'));
    }
  }

  private serveHttp(receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse): void {
    if (!this.bolt || this.stopped) {
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      // Bolt throws for what it does not route (a GET, a sub-path): not ours to answer.
      if (!res.headersSent) res.writeHead(404).end();
    }
  }

  async start(handler: ChatEventHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    let auth: webApi.AuthTestResponse;
    try {
      auth = await this.client.auth.test();
    } catch (err) {
      const code = slackError(err);
      if (code) throw new StartupError('slack_token_refused', 'SLACK_BOT_TOKEN', t('slack.start.bad_token', { error: code }), { cause: err });
      throw new UserFacingError('slack_unreachable', t('slack.start.unreachable', { url: this.options.apiUrl, error: (err as Error).message }), { cause: err });
    }
    this.bot = { userId: auth.user_id!, botId: auth.bot_id, teamId: auth.team_id, name: auth.user };
    const slack = this.options.config.chats.slack;
    if (!slack) this.log.warn('chats.slack is not configured: the bot hears no Slack channel');
    if (slack?.teamId && auth.team_id && slack.teamId !== auth.team_id) {
      this.log.warn({ configured: slack.teamId, token: auth.team_id }, 'the bot token belongs to another workspace than chats.slack.teamId');
    }

    // Built now, with the ids auth.test gave, so Bolt does not call auth.test again.
    const bolt = new App({
      token: this.options.botToken,
      botId: auth.bot_id,
      botUserId: auth.user_id,
      receiver: this.receiver,
      clientOptions: clientOptions(this.options.apiUrl, this.options.logger),
      logger: boltLogger(this.options.logger),
      // The listeners drop the bot's own events themselves, and log it.
      ignoreSelf: false,
      convoStore: false,
    });
    // Every listener run is tracked, from the ack on (views.open after a slash command too).
    bolt.use(async ({ next }) => this.track(next()));
    bolt.error(async (error) => {
      this.log.error({ err: error, code: error.code }, 'slack: unhandled error in a listener');
    });
    const ctx = this.context();
    registerCommands(bolt, ctx);
    registerInteractions(bolt, ctx);
    registerEvents(bolt, ctx);
    this.bolt = bolt;
    if (this.mode === 'socket') await bolt.start();
    this.log.info({ mode: this.mode, bot: auth.user, team: auth.team_id }, 'slack adapter started');
  }

  private context(): SlackContext {
    const bot = this.bot!;
    return {
      config: this.options.config,
      logger: this.log,
      client: this.client,
      bot,
      emit: (event) => this.emit(event),
      actor: (userId, fallback) => this.actor(userId, fallback),
      knownName: (userId) => this.names.get(userId)?.name,
      file: (file: SlackFile, alt?: string) =>
        incomingFile(
          file,
          { client: this.client, botToken: this.options.botToken, apiUrl: this.options.apiUrl, maxBytes: this.options.config.attachments.maxBytes },
          alt,
        ),
      now: this.options.now ?? (() => new Date()),
    };
  }

  /** Feeds the core; errors are the dispatcher's to report, this only keeps Bolt clean. */
  private async emit(event: ChatEvent): Promise<void> {
    try {
      await this.handler?.(event);
    } catch (err) {
      this.log.error({ err, eventKey: event.eventKey }, 'slack: event handler failed');
    }
  }

  /** Work in progress, so stop() and the tests can wait for it. */
  private track<T>(work: Promise<T>): Promise<T> {
    const done = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
    return work;
  }

  /** Resolves when every event handed to the core so far has been handled. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** A display name for messages like "aprobado por María"; users.info, cached an hour. */
  private async actor(userId: string, fallback?: string): Promise<Actor> {
    const cached = this.names.get(userId);
    let name = cached && Date.now() - cached.at < NAME_TTL_MS ? cached.name : undefined;
    if (!cached || Date.now() - cached.at >= NAME_TTL_MS) {
      try {
        const res = await this.client.users.info({ user: userId });
        const u = res.user;
        name = u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || undefined;
      } catch (err) {
        this.log.debug({ err: slackError(err) ?? (err as Error).message, user: userId }, 'slack: users.info failed');
      }
      this.names.set(userId, { name, at: Date.now() });
    }
    const actor: Actor = { platform: 'slack', userId };
    const shown = name ?? fallback;
    if (shown) actor.name = shown;
    return actor;
  }

  async post(target: Target, message: OutMessage): Promise<MessageRef> {
    const payload = toSlack(message);
    const res = await this.client.chat.postMessage({
      channel: target.channel,
      ...payload,
      ...(target.threadId ? { thread_ts: target.threadId } : {}),
      unfurl_links: false,
      unfurl_media: false,
    } as webApi.ChatPostMessageArguments);
    const ref: MessageRef = { platform: 'slack', channel: res.channel ?? target.channel, messageId: res.ts! };
    if (target.threadId) ref.threadId = target.threadId;
    return ref;
  }

  async update(ref: MessageRef, message: OutMessage): Promise<void> {
    await this.client.chat.update({ channel: ref.channel, ts: ref.messageId, ...toSlack(message) } as webApi.ChatUpdateArguments);
  }

  async link(ref: MessageRef): Promise<string | undefined> {
    const res = await this.client.chat.getPermalink({ channel: ref.channel, message_ts: ref.messageId });
    return res.permalink;
  }

  async dm(userId: string, message: OutMessage): Promise<MessageRef> {
    const res = await this.client.conversations.open({ users: userId });
    const channel = res.channel?.id;
    if (!channel) throw new Error(`conversations.open gave no channel for ${userId}`);
    return this.post({ channel }, message);
  }

  /**
   * Only `userId` sees it. Posted at channel level, where the person is looking when they
   * react or press a button (an ephemeral inside a closed thread goes unseen). If Slack
   * cannot show it there (the person is not in the channel), it goes as a DM.
   */
  async ephemeral(target: Target, userId: string, message: OutMessage): Promise<void> {
    try {
      await this.client.chat.postEphemeral({ channel: target.channel, user: userId, ...toSlack(message) } as webApi.ChatPostEphemeralArguments);
    } catch (err) {
      if (!EPHEMERAL_FALLBACK.has(slackError(err) ?? '')) throw err;
      this.log.info({ user: userId, error: slackError(err) }, 'slack: ephemeral not possible, sending a DM');
      await this.dm(userId, message);
    }
  }

  async upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    await this.client.filesUploadV2({
      channel_id: target.channel,
      ...(target.threadId ? { thread_ts: target.threadId } : {}),
      file: file.data,
      filename: file.filename,
      title: file.title,
    } as webApi.FilesUploadV2Arguments);
  }

  async uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void> {
    const res = await this.client.conversations.open({ users: userId });
    const channel = res.channel?.id;
    if (!channel) throw new Error(`conversations.open gave no channel for ${userId}`);
    await this.upload({ channel }, file);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.mode === 'socket' && this.bolt) await this.bolt.stop().catch((err: unknown) => this.log.warn({ err }, 'slack: stop failed'));
    await this.settled();
  }

  health(): { ok: boolean; detail?: string } {
    if (!this.bot || this.stopped) return { ok: false, detail: t('slack.health.stopped') };
    const bot = this.bot.name ?? this.bot.userId;
    if (this.mode === 'http') return { ok: true, detail: t('slack.health.http', { bot }) };
    if (this.socketState !== 'connected') return { ok: false, detail: t('slack.health.socket_down', { bot, state: this.socketState }) };
    return { ok: true, detail: t('slack.health.socket', { bot }) };
  }
}
