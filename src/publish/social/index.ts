import type { PublisherDeps } from '../deps.ts';
import type { Publisher } from '../port.ts';
import { createFacebookPublishers } from './facebook.ts';
import { createInstagramPublishers } from './instagram.ts';
import { createXPublishers } from './x/factory.ts';
import { createYoutubePublishers } from './youtube/factory.ts';

/** Every social publisher the config and the environment allow. */
export function createSocialPublishers(deps: PublisherDeps): Publisher[] {
  return [
    ...createFacebookPublishers(deps),
    ...createInstagramPublishers(deps),
    ...createXPublishers(deps),
    ...createYoutubePublishers(deps),
  ];
}
