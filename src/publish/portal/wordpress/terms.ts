import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { slugify } from '../../../util/slug.ts';
import { WpRequestError, type WpClient } from './client.ts';

interface WpTerm {
  id: number;
  name: string;
  slug: string;
}

/** WordPress returns term names HTML-encoded (`Prensa &amp; medios`). */
function decodeEntities(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Finds a category by id, slug or exact name. Returns undefined when the portal has none:
 * categories are the portal administrator's, the bot never creates them.
 */
export async function findCategory(client: WpClient, ref: number | string): Promise<WpTerm | undefined> {
  if (typeof ref === 'number') {
    try {
      return await client.get<WpTerm>(`categories/${ref}`, { _fields: 'id,name,slug' });
    } catch (err) {
      if (err instanceof WpRequestError && err.status === 404) return undefined;
      throw err;
    }
  }
  const bySlug = await client.get<WpTerm[]>('categories', { slug: ref, _fields: 'id,name,slug' });
  if (bySlug[0]) return bySlug[0];
  const wanted = ref.trim().toLocaleLowerCase('es');
  const bySearch = await client.get<WpTerm[]>('categories', { search: ref, per_page: 100, _fields: 'id,name,slug' });
  return bySearch.find((c) => decodeEntities(c.name).trim().toLocaleLowerCase('es') === wanted || c.slug === slugify(ref));
}

/** Category ids for a placement, or a `failed` error naming the first that does not exist. */
export async function resolveCategories(client: WpClient, refs: Array<number | string>, placement: string): Promise<WpTerm[]> {
  const found: WpTerm[] = [];
  for (const ref of refs) {
    const term = await findCategory(client, ref);
    if (!term) throw new PublishError('failed', 'category_missing', t('portal.error.category_missing', { category: String(ref), placement }));
    found.push(term);
  }
  return found;
}

/**
 * Tag ids for the hashtags and fixed tags, creating the missing ones. A user who may not
 * create tags still gets the post published: the tags it could not create are returned
 * in `skipped` (the post is not worth losing over a tag).
 */
export async function resolveTags(client: WpClient, names: Array<number | string>): Promise<{ ids: number[]; skipped: string[] }> {
  const ids: number[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    if (typeof name === 'number') {
      ids.push(name);
      continue;
    }
    const slug = slugify(name);
    const existing = await client.get<WpTerm[]>('tags', { slug, _fields: 'id,name,slug' });
    if (existing[0]) {
      ids.push(existing[0].id);
      continue;
    }
    try {
      const created = await client.post<WpTerm>('tags', { name, slug });
      ids.push(created.id);
    } catch (err) {
      // Created meanwhile by someone else: WordPress names the existing term.
      const termId = err instanceof WpRequestError && err.wpCode === 'term_exists' ? err.body?.data?.term_id : undefined;
      if (termId) ids.push(termId);
      else if (err instanceof WpRequestError && err.status === 403) skipped.push(name);
      else throw err;
    }
  }
  return { ids: [...new Set(ids)], skipped };
}
