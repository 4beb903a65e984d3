import { isAbsolute, join } from 'node:path';
import type { Placement } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import type { OfficeInfo } from '../../../render/portal-html.ts';
import { escapeHtml } from '../../../render/escape.ts';
import type { Logger } from '../../../util/logger.ts';
import type { MediaHost, PublishError } from '../../port.ts';
import type { PortalConfig } from '../config.ts';
import { WpClient, WpRequestError, type WpCredentials, type WpMedia } from './client.ts';
import { classifyWpError, type ErrorSubject, type WpOperation } from './errors.ts';
import { findCategory } from './terms.ts';

/** The user as `GET /users/me?context=edit` describes it. */
export interface WpMe {
  id: number;
  username?: string;
  name: string;
  roles?: string[];
  capabilities?: Record<string, boolean>;
}

/** A post type as `GET /types` describes it. */
export interface WpType {
  slug: string;
  name: string;
  rest_base: string;
}

/** What `OPTIONS /wp/v2/<type>` describes (the fields read here). */
interface WpRoute {
  schema?: { properties?: { meta?: { properties?: Record<string, unknown> | unknown[] } } };
}

/** How long the access facts (user, post types) stay fresh for /cuentas. */
const ACCESS_TTL_MS = 60_000;

/**
 * One WordPress site shared by the five placement publishers: the client, the settings,
 * the error context, and the media hosting Instagram uses.
 */
export class WordPressSite {
  readonly client: WpClient;
  private accessCache?: { at: number; value: Promise<{ me: WpMe; types: WpType[] }> };
  private readonly needsCache = new Map<Placement, { at: number; value: Promise<string[]> }>();

  constructor(
    credentials: WpCredentials,
    readonly config: PortalConfig,
    readonly office: OfficeInfo,
    readonly dataDir: string,
    readonly logger: Logger,
    readonly now: () => Date,
  ) {
    this.client = new WpClient(credentials, { timeoutMs: config.timeoutSeconds * 1000 });
  }

  /** Uploads get more time than other requests: ten times the timeout, at most 30 minutes. */
  get uploadTimeoutMs(): number {
    return Math.min(this.config.timeoutSeconds * 10_000, 30 * 60_000);
  }

  subject(extra: Partial<ErrorSubject> = {}): ErrorSubject {
    return {
      portalUrl: this.client.siteUrl,
      user: this.client.user,
      urlEnv: this.config.urlEnv,
      userEnv: this.config.userEnv,
      passwordEnv: this.config.passwordEnv,
      ...extra,
    };
  }

  /** Runs a request and classifies its failure for the person. */
  async call<T>(op: WpOperation, fn: (client: WpClient) => Promise<T>, extra: Partial<ErrorSubject> = {}): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw this.classify(err, op, extra);
    }
  }

  classify(err: unknown, op: WpOperation, extra: Partial<ErrorSubject> = {}): PublishError {
    return classifyWpError(err, op, this.subject(extra));
  }

  async uploadFile(file: { absPath: string; filename: string; mime: string; alt?: string; caption?: string }): Promise<WpMedia> {
    return this.call(
      'upload',
      (c) =>
        c.uploadMedia(
          {
            absPath: file.absPath,
            filename: file.filename,
            mime: file.mime,
            ...(file.alt ? { alt: file.alt } : {}),
            // The caption is stored as HTML.
            ...(file.caption ? { caption: escapeHtml(file.caption) } : {}),
          },
          this.uploadTimeoutMs,
        ),
      { file: file.filename, mime: file.mime },
    );
  }

  /** Whether a media item is still in the library (an earlier attempt's upload). */
  async mediaExists(id: number): Promise<boolean> {
    try {
      await this.client.get(`media/${id}`, { context: 'edit', _fields: 'id' });
      return true;
    } catch (err) {
      if (err instanceof WpRequestError && (err.status === 404 || err.status === 410)) return false;
      throw this.classify(err, 'read');
    }
  }

  /** Deletes media for good (media have no trash). Returns false when it could not. */
  async deleteMedia(id: number): Promise<boolean> {
    try {
      await this.client.delete(`media/${id}`, { force: true });
      return true;
    } catch (err) {
      this.logger.warn({ err: String(err), media: id }, 'portal media cleanup failed');
      return false;
    }
  }

  /**
   * The user and the post types, cached briefly so /cuentas asks once for the five
   * placements. `fresh` logs in again (publishing must notice a revoked password at once).
   */
  access(options: { fresh?: boolean } = {}): Promise<{ me: WpMe; types: WpType[] }> {
    const now = Date.now();
    if (options.fresh || !this.accessCache || now - this.accessCache.at > ACCESS_TTL_MS) {
      const value = this.call('read', async (c) => {
        const me = await c.get<WpMe>('users/me', { context: 'edit' });
        const types = await c.get<Record<string, WpType>>('types');
        return { me, types: Object.values(types) };
      });
      // A failure is not cached: the next /cuentas asks again.
      value.catch(() => {
        if (this.accessCache?.value === value) this.accessCache = undefined;
      });
      this.accessCache = { at: now, value };
    }
    return this.accessCache.value;
  }

  /**
   * What a placement's mapping uses and the portal lacks, one Spanish sentence each: its
   * post type, each of its categories, and the custom fields (`meta`) the post type must
   * expose in the REST API (WordPress drops an unregistered field without a word). Empty
   * when the portal has all of it. Asked when the preview is built and by /cuentas, so a
   * missing category is found before the Jefe approves; cached briefly like `access`.
   */
  placementNeeds(placement: Placement): Promise<string[]> {
    const now = Date.now();
    const cached = this.needsCache.get(placement);
    if (cached && now - cached.at <= ACCESS_TTL_MS) return cached.value;
    const value = this.checkPlacement(placement);
    value.catch(() => {
      if (this.needsCache.get(placement)?.value === value) this.needsCache.delete(placement);
    });
    this.needsCache.set(placement, { at: now, value });
    return value;
  }

  private async checkPlacement(placement: Placement): Promise<string[]> {
    const mapping = this.config.placements[placement];
    const needs: string[] = [];
    const { types } = await this.access();
    const type = types.find((x) => x.rest_base === mapping.type);
    if (!type) needs.push(t('portal.needs.type_missing', { type: mapping.type, placement }));
    for (const ref of mapping.categories) {
      const found = await this.call('read', (cl) => findCategory(cl, ref), { placement, type: mapping.type });
      if (!found) needs.push(t('portal.needs.category_missing', { category: String(ref), placement }));
    }
    const wanted = Object.keys(mapping.meta);
    if (type && wanted.length) {
      const route = await this.call('read', (cl) => cl.options<WpRoute>(mapping.type), { placement, type: mapping.type });
      const props = route.schema?.properties?.meta?.properties;
      // PHP sends an empty list as [] rather than {}.
      const known = new Set(props && !Array.isArray(props) ? Object.keys(props) : []);
      const missing = wanted.filter((k) => !known.has(k));
      if (missing.length) {
        needs.push(t('portal.needs.meta_missing', { fields: missing.map((k) => `«${k}»`).join(', '), type: type.name, placement }));
      }
    }
    return needs;
  }

  /** Public hosting for the social publishers (Instagram reads images from a URL). */
  readonly mediaHost: MediaHost = {
    upload: async (file) => {
      const absPath = isAbsolute(file.path) ? file.path : join(this.dataDir, file.path);
      const media = await this.uploadFile({ absPath, filename: file.filename, mime: file.mime, ...(file.alt ? { alt: file.alt } : {}) });
      return { id: String(media.id), url: media.source_url };
    },
  };
}
