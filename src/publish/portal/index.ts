import { PLACEMENTS, type Destination } from '../../domain/comunicado.ts';
import { t } from '../../messages/index.ts';
import { renderPortalHtml, renderPortalReading, type OfficeInfo } from '../../render/portal-html.ts';
import type { PublisherDeps } from '../deps.ts';
import { DryRunPublisher } from '../dry-run.ts';
import { titleInBody, type PortalConfig } from './config.ts';
import { bodyMode, convocatoriaHtml, linkTargetOf, renderPlacementHtml, renderPlacementReading } from './placement-body.ts';
import type { Publisher } from '../port.ts';
import { HttpPortal, HttpPortalPublisher } from './http/publisher.ts';
import { WordPressPublisher } from './wordpress/publisher.ts';
import { WordPressSite } from './wordpress/site.ts';

/**
 * Portal publishers, one per placement (`portal:noticia`, `portal:slider_principal`...),
 * per `portal.type`: WordPress (REST API with an application password), the generic http
 * portal (docs/portal-http.md), or dry-run. A real type whose variables are missing falls
 * back to dry-run and says which variables, so `npm start` works with no portal.
 */
export function createPortalPublishers(deps: PublisherDeps): Publisher[] {
  const cfg = deps.config.portal;
  const office = officeOf(deps);
  if (cfg.type === 'dry-run') return dryRun(office, t('portal.dry_run.mode'), titleInBody(cfg), cfg);

  const credentials = deps.credentials.portal;
  if (!credentials?.ok || credentials.values.type !== cfg.type) {
    const named = cfg.type === 'wordpress' ? [cfg.urlEnv, cfg.userEnv, cfg.passwordEnv] : [cfg.urlEnv, cfg.secretEnv];
    return fallBack(deps, office, credentials && !credentials.ok ? credentials.missing : named);
  }
  const c = credentials.values;
  if (c.type === 'wordpress') {
    const site = new WordPressSite({ url: c.url, user: c.user, password: c.password }, cfg, office, deps.dataDir, deps.logger.child({ portal: 'wordpress' }), deps.now);
    return PLACEMENTS.map((p) => new WordPressPublisher(p, site));
  }
  const portal = new HttpPortal(c.url, c.secret, cfg, office, deps.logger.child({ portal: 'http' }), deps.now);
  return PLACEMENTS.map((p) => new HttpPortalPublisher(p, portal));
}

function officeOf(deps: PublisherDeps): OfficeInfo {
  const o = deps.config.office;
  return { name: o.name, entity: o.entity, boilerplate: o.boilerplate, timezone: o.timezone, ...(o.pressContact ? { pressContact: o.pressContact } : {}) };
}

function fallBack(deps: PublisherDeps, office: OfficeInfo, missing: string[]): Publisher[] {
  deps.logger.warn({ missing }, 'portal credentials missing: portal publishes in dry-run');
  return dryRun(office, t('portal.dry_run.missing', { vars: missing.join(', ') }), titleInBody(deps.config.portal), deps.config.portal);
}

/** What the portal would get, written to the outbox: a slider, banner or pop-up is the short piece, like on the real portal. */
function dryRun(office: OfficeInfo, reason: string, inBody: boolean, cfg: PortalConfig): Publisher[] {
  const zone = office.timezone ?? 'America/Bogota';
  return PLACEMENTS.map((p) => {
    const short = bodyMode(p, cfg.placements[p]) === 'short';
    return new DryRunPublisher(`portal:${p}` as Destination, {
      ext: 'html',
      reason,
      render: (c, ctx) => {
        if (!short) return [convocatoriaHtml(c, zone), renderPortalHtml(c, office, [], { titleInBody: inBody })].filter(Boolean).join('\n');
        const target = linkTargetOf(c, ctx?.portal?.url);
        return renderPlacementHtml(c, { zone, ...(target ? { target } : {}) });
      },
      previewText: (c) => (short ? renderPlacementReading(c, zone) : renderPortalReading(c, office)),
    });
  });
}
