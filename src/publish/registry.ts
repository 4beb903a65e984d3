import { PLACEMENTS, SOCIAL_NETWORKS, IDENTITIES, type Destination } from '../domain/comunicado.ts';
import type { PublisherDeps } from './deps.ts';
import { DryRunPublisher } from './dry-run.ts';
import type { MediaHost, Publisher } from './port.ts';

export type PublisherFactory = (deps: PublisherDeps) => Publisher[];

/** Every portal and social destination the bot knows (email destinations come from the media list). */
export const KNOWN_DESTINATIONS: Destination[] = [
  ...PLACEMENTS.map((p) => `portal:${p}` as Destination),
  ...SOCIAL_NETWORKS.flatMap((n) => IDENTITIES.map((i) => `${n}:${i}` as Destination)),
];

/**
 * Destination -> publisher. Factories give the real publishers they can build; any other
 * destination gets a dry-run publisher that says it has no credentials. With `dryRunAll`
 * (console mode, no chat token) every destination is a dry run.
 */
export class PublisherRegistry {
  private readonly byDestination = new Map<string, Publisher>();

  constructor(publishers: Publisher[], options: { dryRunAll?: boolean } = {}) {
    for (const p of publishers) {
      if (options.dryRunAll && !p.dryRun) continue;
      this.byDestination.set(p.destination, p);
    }
  }

  static build(deps: PublisherDeps, factories: PublisherFactory[], options: { dryRunAll?: boolean } = {}): PublisherRegistry {
    return new PublisherRegistry(factories.flatMap((f) => f(deps)), options);
  }

  get(destination: string): Publisher {
    let p = this.byDestination.get(destination);
    if (!p) {
      p = new DryRunPublisher(destination as Destination, { reason: 'sin credenciales configuradas' });
      this.byDestination.set(destination, p);
    }
    return p;
  }

  /** The portal's media hosting, when a real portal is configured. */
  mediaHost(): MediaHost | undefined {
    for (const p of this.byDestination.values()) if (p.mediaHost) return p.mediaHost;
    return undefined;
  }

  all(): Publisher[] {
    return [...this.byDestination.values()];
  }
}
