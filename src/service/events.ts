import type { Platform } from '../domain/comunicado.ts';
import { StoreWriteError } from '../store/errors.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';

/** The key an event is recorded under in the store: one format for the dispatcher and adapters. */
export function eventClaimKey(platform: Platform, eventKey: string): string {
  return `${platform}:${eventKey}`;
}

/**
 * Records that a platform event was handled, so each is handled once, also across restarts.
 * The dispatcher claims every event it routes; an adapter that consumes an update itself
 * (a step of the Telegram form) claims it here too, under the same key.
 */
export class EventClaims {
  // Events claimed while the disk refused writes: still handled once by this process, so a
  // full disk does not also stop /estado and /ayuda from answering.
  private readonly inMemory = new Set<string>();

  constructor(
    private readonly store: Pick<Store, 'claimEvent'>,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  /** True the first time this event is seen; false for a repeated delivery. */
  async claim(platform: Platform, eventKey: string): Promise<boolean> {
    const key = eventClaimKey(platform, eventKey);
    if (this.inMemory.has(key)) return false;
    try {
      return await this.store.claimEvent(key);
    } catch (err) {
      if (!(err instanceof StoreWriteError)) throw err;
      this.log.warn({ err, key }, 'event id not persisted (store refuses writes); deduplicated in memory only');
      this.inMemory.add(key);
      return true;
    }
  }
}
