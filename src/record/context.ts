import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChatEvent } from '../chat/port.ts';

/** How a person acted, as the record writes it. */
export type Via = 'reaccion' | 'boton' | 'comando' | 'mensaje' | 'enlace' | 'cli';

const current = new AsyncLocalStorage<{ via: Via }>();

/**
 * Runs `fn` knowing how the person acted, so the record can say "approved by X, with a
 * reaction" without every call between the chat and the store passing it along.
 */
export function withVia<T>(via: Via, fn: () => T): T {
  return current.run({ via }, fn);
}

export function currentVia(): Via | undefined {
  return current.getStore()?.via;
}

/** The gesture a chat event is. */
export function viaOf(event: ChatEvent): Via | undefined {
  switch (event.type) {
    case 'reaction':
      return 'reaccion';
    case 'action':
      return 'boton';
    case 'command':
      return 'comando';
    case 'message':
      return 'mensaje';
    default:
      return undefined;
  }
}
