import type { Env } from '../config/env.ts';
import type { Config } from '../config/schema.ts';
import type { HttpServer } from '../http/server.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import type { ChatAdapter } from './port.ts';

export interface AdapterDeps {
  env: Env;
  config: Config;
  logger: Logger;
  http: HttpServer;
  store: Store;
  /** The config file's path, to name it in a config error. */
  configFile?: string;
}

/**
 * The chat adapters the environment asks for: Slack and/or Telegram, by their tokens.
 * Each is loaded only when asked for, so the console chat does not pay for Bolt or Telegraf.
 */
export async function buildChatAdapters(deps: AdapterDeps): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (deps.env.slack.botToken) adapters.push((await import('./slack/index.ts')).createSlackAdapter(deps));
  if (deps.env.telegram.botToken) adapters.push((await import('./telegram/index.ts')).createTelegramAdapter(deps));
  return adapters;
}
