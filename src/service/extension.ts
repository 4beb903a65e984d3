import type { ChatEvent, OutMessage } from '../chat/port.ts';
import type { ActionId } from '../chat/port.ts';
import type { ChatHub } from '../chat/hub.ts';
import type { Config } from '../config/schema.ts';
import type { Env } from '../config/env.ts';
import type { Comunicado, MessageRef } from '../domain/comunicado.ts';
import type { WorkflowRules } from '../domain/workflow.ts';
import type { PublishingEngine } from '../publish/engine.ts';
import type { PublisherRegistry } from '../publish/registry.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import type { ComunicadoService } from './comunicados.ts';
import type { TaskTracker } from './tasks.ts';
import type { RouteHandler } from '../http/server.ts';
import type { RecordLog } from '../record/log.ts';

/** Everything a command or an extension may use. Built once in src/app.ts. */
export interface Services {
  config: Config;
  env: Env;
  store: Store;
  engine: PublishingEngine;
  registry: PublisherRegistry;
  rules: WorkflowRules;
  chats: ChatHub;
  comunicados: ComunicadoService;
  tasks: TaskTracker;
  logger: Logger;
  dataDir: string;
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** The hash-chained record, when the app keeps one (src/record/). */
  record?: RecordLog;
}

export interface CommandContext {
  event: ChatEvent;
  services: Services;
  /** Replies in the thread of the message that carried the command. */
  reply(message: OutMessage | string): Promise<MessageRef | undefined>;
  /**
   * Replies only to the person: Slack ephemeral; a Telegram button press is answered with
   * an alert only they see; elsewhere (a Telegram reaction or command) a reply that tags them.
   */
  whisper(message: OutMessage | string): Promise<void>;
  /**
   * Tells the person only if it stays private (Slack ephemeral, Telegram button alert);
   * says nothing where the only way would be public. True when it was said.
   */
  privately(message: OutMessage | string): Promise<boolean>;
}

export type CommandHandler = (ctx: CommandContext, args: string) => Promise<void>;
export type ActionHandler = (ctx: CommandContext, value: string) => Promise<void>;

/**
 * A feature that plugs into the app (WhatsApp hand-off, digest, media email, scheduler):
 * its own commands and buttons, and hooks on the comunicado's life.
 */
export interface Extension {
  name: string;
  commands?: Record<string, CommandHandler>;
  actions?: Partial<Record<ActionId, ActionHandler>>;
  /** A reaction on a message the core does not know (e.g. ✅ on a hand-off DM). */
  onReaction?(ctx: CommandContext, emoji: string, message: MessageRef): Promise<boolean>;
  onApproved?(c: Comunicado): Promise<void>;
  /** A preview was posted for approval (a submission or an edit): links go out to approvers outside the chat. */
  onPreviewPosted?(c: Comunicado): Promise<void>;
  /** Publication settled (published, partially published or failed). */
  onSettled?(c: Comunicado): Promise<void>;
  onWithdrawn?(c: Comunicado): Promise<void>;
  /** HTTP routes the extension serves on the bot's one server (PORT), by path. */
  routes?: Record<string, RouteHandler>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  health?(): Record<string, unknown>;
}
