import type { Placement } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import type { AccessReport } from '../../port.ts';
import type { WordPressSite } from './site.ts';
import { resolveCategories } from './terms.ts';

type Capability = 'publish' | 'upload' | 'sticky' | 'tags';

/**
 * For /cuentas: logs in, reads the user's capabilities (`/users/me?context=edit`) and
 * checks the placement's mapping (post type and categories exist), in Spanish.
 * `ok` means this placement can be published as configured.
 */
export async function describeAccess(site: WordPressSite, placement: Placement): Promise<AccessReport> {
  const destination = `portal:${placement}`;
  const portal = `${site.config.name} (${site.client.siteUrl})`;
  let access;
  try {
    access = await site.access();
  } catch (err) {
    return { destination, ok: false, detail: `${site.config.name}: ${(err as Error).message}` };
  }
  const caps = access.me.capabilities ?? {};
  const has: Record<Capability, boolean> = {
    publish: !!caps.publish_posts,
    upload: !!caps.upload_files,
    // The REST API lets a user who may publish (or edit others' posts) set `sticky`.
    sticky: !!(caps.publish_posts || caps.edit_others_posts),
    tags: !!caps.manage_categories,
  };
  const names = (list: Capability[]) => list.map((c) => t(`portal.access.cap.${c}`)).join(', ');
  const all = Object.keys(has) as Capability[];
  const missing = all.filter((c) => !has[c]);
  const user = access.me.username ?? access.me.name;
  const roles = access.me.roles?.join(', ') || '—';
  const lines: string[] = [];
  if (missing.length === 0) {
    lines.push(t('portal.access.ok', { portal, user, roles, can: t('portal.access.can_list', { list: names(all) }) }));
  } else {
    const granted = all.filter((c) => has[c]);
    lines.push(
      t('portal.access.cannot', { portal, user, roles, missing: names(missing) }) + (granted.length ? ` ${capitalize(t('portal.access.can_list', { list: names(granted) }))}.` : ''),
    );
  }

  // The same check the preview makes: post type, every category, the custom fields.
  const mapping = site.config.placements[placement];
  const type = access.types.find((x) => x.rest_base === mapping.type);
  let problems: string[];
  let categories = '';
  try {
    problems = await site.placementNeeds(placement);
    if (!problems.length) {
      const found = await site.call('read', (cl) => resolveCategories(cl, mapping.categories, placement));
      if (found.length) categories = t('portal.access.categories', { list: found.map((c) => `«${c.name}»`).join(', ') });
    }
  } catch (err) {
    problems = [t('portal.needs.unchecked', { placement, detail: (err as Error).message })];
  }
  if (problems.length) lines.push(...problems);
  else lines.push(t('portal.access.placement', { placement, type: type?.name ?? mapping.type, categories }));

  const ok = has.publish && has.upload && (!mapping.sticky || has.sticky) && problems.length === 0;
  return { destination, ok, detail: lines.join('\n') };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
