import { secret } from '../../config/env.ts';
import { PLACEMENTS, type Destination } from '../../domain/comunicado.ts';
import { t } from '../../messages/index.ts';
import { renderPortalHtml, type OfficeInfo } from '../../render/portal-html.ts';
import type { PublisherDeps } from '../deps.ts';
import { DryRunPublisher } from '../dry-run.ts';
import { titleInBody } from './config.ts';
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
  if (cfg.type === 'dry-run') return dryRun(office, t('portal.dry_run.mode'), titleInBody(cfg));

  const url = secret(deps.env, cfg.urlEnv);
  if (cfg.type === 'wordpress') {
    const user = secret(deps.env, cfg.userEnv);
    const password = secret(deps.env, cfg.passwordEnv);
    const missing = missingVars({ [cfg.urlEnv]: url, [cfg.userEnv]: user, [cfg.passwordEnv]: password });
    if (!url || !user || !password) return fallBack(deps, office, missing);
    const site = new WordPressSite({ url, user, password }, cfg, office, deps.dataDir, deps.logger.child({ portal: 'wordpress' }), deps.now);
    return PLACEMENTS.map((p) => new WordPressPublisher(p, site));
  }

  const key = secret(deps.env, cfg.secretEnv);
  const missing = missingVars({ [cfg.urlEnv]: url, [cfg.secretEnv]: key });
  if (!url || !key) return fallBack(deps, office, missing);
  const portal = new HttpPortal(url, key, cfg, office, deps.logger.child({ portal: 'http' }), deps.now);
  return PLACEMENTS.map((p) => new HttpPortalPublisher(p, portal));
}

function officeOf(deps: PublisherDeps): OfficeInfo {
  const o = deps.config.office;
  return { name: o.name, entity: o.entity, boilerplate: o.boilerplate, ...(o.pressContact ? { pressContact: o.pressContact } : {}) };
}

function missingVars(vars: Record<string, string | undefined>): string[] {
  return Object.entries(vars)
    .filter(([, v]) => !v)
    .map(([k]) => k);
}

function fallBack(deps: PublisherDeps, office: OfficeInfo, missing: string[]): Publisher[] {
  deps.logger.warn({ missing }, 'portal credentials missing: portal publishes in dry-run');
  return dryRun(office, t('portal.dry_run.missing', { vars: missing.join(', ') }), titleInBody(deps.config.portal));
}

function dryRun(office: OfficeInfo, reason: string, inBody: boolean): Publisher[] {
  return PLACEMENTS.map(
    (p) =>
      new DryRunPublisher(`portal:${p}` as Destination, {
        ext: 'html',
        reason,
        render: (c) => renderPortalHtml(c, office, [], { titleInBody: inBody }),
      }),
  );
}
