import type { Comunicado, Delivery, Destination } from '../../../src/domain/comunicado.ts';
import type { PublishContext, Publisher, PublishResult, TakeDownResult } from '../../../src/publish/port.ts';
import { PLACEMENTS } from '../../../src/domain/comunicado.ts';

/** What the fake portal holds: items by id, and every publish / take-down call. */
export interface PortalState {
  items: Map<string, { placement: string; comunicado: string; status: 'publish' | 'draft' }>;
  publishes: Array<{ destination: string; comunicado: string; at: number }>;
  takeDowns: Array<{ destination: string; comunicado: string; at: number }>;
  /** Take-downs answer with this error while set. */
  failTakeDown?: Error;
}

export function newPortal(): PortalState {
  return { items: new Map(), publishes: [], takeDowns: [] };
}

/**
 * A portal publisher per placement over an in-memory portal: publish creates an item at
 * `https://portal.example.test/...`, takeDown turns it to draft like the WordPress
 * publisher does. Lets the scheduler tests count every call across restarts.
 */
export class FakePortalPublisher implements Publisher {
  readonly dryRun = false;
  constructor(
    readonly destination: Destination,
    private readonly portal: PortalState,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async publish(c: Comunicado, _ctx: PublishContext): Promise<PublishResult> {
    const placement = this.destination.split(':')[1]!;
    const id = `${placement}-${c.id}`;
    this.portal.items.set(id, { placement, comunicado: c.id, status: 'publish' });
    this.portal.publishes.push({ destination: this.destination, comunicado: c.id, at: this.now() });
    return { remoteId: id, url: `https://portal.example.test/${placement}/${c.id.toLowerCase()}?ref=portal` };
  }

  async takeDown(c: Comunicado, delivery: Delivery): Promise<TakeDownResult> {
    this.portal.takeDowns.push({ destination: this.destination, comunicado: c.id, at: this.now() });
    if (this.portal.failTakeDown) throw this.portal.failTakeDown;
    const item = delivery.remoteId ? this.portal.items.get(delivery.remoteId) : undefined;
    if (!item) return { outcome: 'not_found', detail: 'no estaba en el portal' };
    item.status = 'draft';
    return { outcome: 'draft', detail: `pasó a borrador (${delivery.remoteId})` };
  }
}

export function fakePortalPublishers(portal: PortalState, now?: () => number): Publisher[] {
  return PLACEMENTS.map((p) => new FakePortalPublisher(`portal:${p}` as Destination, portal, now));
}
