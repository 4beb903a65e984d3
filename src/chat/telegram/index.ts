import type { AdapterDeps } from '../adapters.ts';
import type { ChatAdapter } from '../port.ts';

/** The Telegram adapter (Telegraf). Not built yet. */
export function createTelegramAdapter(_deps: AdapterDeps): ChatAdapter {
  throw new Error('El adaptador de Telegram todavía no está disponible en esta versión.');
}
