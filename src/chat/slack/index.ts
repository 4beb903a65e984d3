import type { AdapterDeps } from '../adapters.ts';
import type { ChatAdapter } from '../port.ts';

/** The Slack adapter (Bolt). Not built yet. */
export function createSlackAdapter(_deps: AdapterDeps): ChatAdapter {
  throw new Error('El adaptador de Slack todavía no está disponible en esta versión.');
}
