import type { AdapterDeps } from '../adapters.ts';
import type { ChatAdapter } from '../port.ts';
import { TelegramAdapter, type TelegramOptions } from './adapter.ts';

export { TelegramAdapter, type TelegramOptions } from './adapter.ts';

/**
 * The Telegram adapter (Telegraf): long polling by default, a webhook on PORT when
 * TELEGRAM_WEBHOOK_URL is set. Refuses to be built with a webhook URL and no secret.
 */
export function createTelegramAdapter(deps: AdapterDeps, options: TelegramOptions = {}): ChatAdapter {
  return new TelegramAdapter(deps, options);
}
