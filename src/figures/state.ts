import type { Store } from '../store/port.ts';

/** Store doc `figures-state`: what the poller learned about each account. */
export interface FiguresState {
  /** Metrics a destination's network no longer offers (asked once, not again). */
  gone: Record<string, string[]>;
  /** A permission an account lacks for its figures; cleared by a complete reading. */
  permissions: Record<string, { permission: string; detail: string; at: string }>;
  /** The platform asked to wait until then (429, daily quota). */
  waits: Record<string, string>;
}
export const STATE_DOC = 'figures-state';
export const emptyState = (): FiguresState => ({ gone: {}, permissions: {}, waits: {} });

export async function readFiguresState(store: Store): Promise<FiguresState> {
  return { ...emptyState(), ...(await store.readDoc<Partial<FiguresState>>(STATE_DOC, {})) };
}

export function updateFiguresState(store: Store, fn: (s: FiguresState) => void): Promise<unknown> {
  return store.updateDoc<Partial<FiguresState>>(STATE_DOC, {}, (doc) => {
    const s = { ...emptyState(), ...doc };
    fn(s);
    return s;
  });
}

/** Store doc `figures-open`: comunicados with readings still to come. */
export const OPEN_DOC = 'figures-open';
export interface OpenDoc {
  ids: string[];
}
