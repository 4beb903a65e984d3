import type { Env } from '../config/env.ts';
import type { Config } from '../config/schema.ts';
import type { HttpServer } from '../http/server.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import type { ChatAdapter } from './port.ts';
import { createSlackAdapter } from './slack/index.ts';
import { createTelegramAdapter } from './telegram/index.ts';

export interface AdapterDeps {
  env: Env;
  config: Config;
  logger: Logger;
  http: HttpServer;
  store: Store;
}

/** The chat adapters the environment asks for: Slack and/or Telegram, by their tokens. */
export function buildChatAdapters(deps: AdapterDeps): ChatAdapter[] {
  const adapters: ChatAdapter[] = [];
  if (deps.env.slack.botToken) adapters.push(createSlackAdapter(deps));
  if (deps.env.telegram.botToken) adapters.push(createTelegramAdapter(deps));
  return adapters;
}
