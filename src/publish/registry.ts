import { PLACEMENTS, SOCIAL_NETWORKS, IDENTITIES, type Destination } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { PublisherDeps } from './deps.ts';
import { DryRunPublisher, type DryRunOptions } from './dry-run.ts';
import type { MediaHost, Publisher } from './port.ts';

export interface RegistryOptions {
  dryRunAll?: boolean;
  /** Media hosting to use instead of the portal's (a CDN, or a test's local host). */
  mediaHost?: MediaHost;
}

export type PublisherFactory = (deps: PublisherDeps) => Publisher[];

/** Builds a publisher for destinations known only at run time (email segments). */
export type PublisherResolver = (destination: string) => Publisher | undefined;

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
  private readonly resolvers: PublisherResolver[] = [];
  /** Console mode: resolvers must build dry-run publishers too (media email writes .eml files). */
  readonly dryRunAll: boolean;

  private readonly hostOverride: MediaHost | undefined;

  constructor(publishers: Publisher[], options: RegistryOptions = {}) {
    this.hostOverride = options.mediaHost;
    this.dryRunAll = options.dryRunAll ?? false;
    for (const p of publishers) {
      this.byDestination.set(p.destination, options.dryRunAll && !p.dryRun ? simulate(p) : p);
    }
  }

  static build(deps: PublisherDeps, factories: PublisherFactory[], options: RegistryOptions = {}): PublisherRegistry {
    return new PublisherRegistry(factories.flatMap((f) => f(deps)), options);
  }

  addResolver(resolver: PublisherResolver): void {
    this.resolvers.push(resolver);
  }

  get(destination: string): Publisher {
    let p = this.byDestination.get(destination);
    for (const resolve of this.resolvers) {
      if (p) break;
      p = resolve(destination);
      if (p) this.byDestination.set(destination, p);
    }
    if (!p) {
      p = new DryRunPublisher(destination as Destination, { reason: t('dryrun.no_credentials') });
      this.byDestination.set(destination, p);
    }
    return p;
  }

  /** The portal's media hosting, when a real portal is configured. */
  mediaHost(): MediaHost | undefined {
    if (this.hostOverride) return this.hostOverride;
    for (const p of this.byDestination.values()) if (p.mediaHost) return p.mediaHost;
    return undefined;
  }

  all(): Publisher[] {
    return [...this.byDestination.values()];
  }
}

/** A real publisher turned into a dry run that still renders the platform's exact text and warnings. */
function simulate(p: Publisher): DryRunPublisher {
  const options: DryRunOptions = { reason: t('dryrun.console') };
  if (p.preview) {
    const preview = p.preview.bind(p);
    options.render = (c) => preview(c).text;
    options.warnings = (c) => preview(c).warnings;
  }
  return new DryRunPublisher(p.destination, options);
}
