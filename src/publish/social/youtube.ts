import type { PublisherDeps } from '../deps.ts';
import type { Publisher } from '../port.ts';

/** Youtube publishers, one per configured identity. Not built yet: destinations fall back to dry-run. */
export function createYoutubePublishers(_deps: PublisherDeps): Publisher[] {
  return [];
}
