import { PLACEMENTS, type Destination } from '../../domain/comunicado.ts';
import { renderPortalHtml } from '../../render/portal-html.ts';
import type { PublisherDeps } from '../deps.ts';
import { DryRunPublisher } from '../dry-run.ts';
import type { Publisher } from '../port.ts';

/** Portal publishers for every placement, per `portal.type` in the config. */
export function createPortalPublishers(deps: PublisherDeps): Publisher[] {
  const office = deps.config.office;
  return PLACEMENTS.map(
    (p) =>
      new DryRunPublisher(`portal:${p}` as Destination, {
        ext: 'html',
        reason: deps.config.portal.type === 'dry-run' ? 'portal en modo simulación' : 'portal sin configurar',
        render: (c) => `<h1>${c.content.title}</h1>\n${renderPortalHtml(c, office)}`,
      }),
  );
}
