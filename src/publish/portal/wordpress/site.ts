import { isAbsolute, join } from 'node:path';
import type { OfficeInfo } from '../../../render/portal-html.ts';
import { escapeHtml } from '../../../render/escape.ts';
import type { Logger } from '../../../util/logger.ts';
import type { MediaHost, PublishError } from '../../port.ts';
import type { PortalConfig } from '../config.ts';
import { WpClient, type WpCredentials, type WpMedia } from './client.ts';
import { classifyWpError, type ErrorSubject, type WpOperation } from './errors.ts';

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

/** How long the access facts (user, post types) stay fresh for /cuentas. */
const ACCESS_TTL_MS = 60_000;

/**
 * One WordPress site shared by the five placement publishers: the client, the settings,
 * the error context, and the media hosting Instagram uses.
 */
export class WordPressSite {
  readonly client: WpClient;
  private accessCache?: { at: number; value: Promise<{ me: WpMe; types: WpType[] }> };

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
    return classifyWpError(err, op, this.subject(extra), this.now());
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

  /** Public hosting for the social publishers (Instagram reads images from a URL). */
  readonly mediaHost: MediaHost = {
    upload: async (file) => {
      const absPath = isAbsolute(file.path) ? file.path : join(this.dataDir, file.path);
      const media = await this.uploadFile({ absPath, filename: file.filename, mime: file.mime, ...(file.alt ? { alt: file.alt } : {}) });
      return { id: String(media.id), url: media.source_url };
    },
  };
}
