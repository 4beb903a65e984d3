import { join, parse } from 'node:path';
import { type Attachment, type Comunicado, type Delivery, type Destination } from '../../domain/comunicado.ts';
import { t } from '../../messages/index.ts';
import { renderInstagram } from '../../render/instagram.ts';
import type { SocialTouches } from '../../render/facebook.ts';
import type { PublisherDeps } from '../deps.ts';
import { PublishError, type AccessReport, type DestinationPreview, type PublishContext, type Publisher, type PublishResult, type WithdrawResult } from '../port.ts';
import { GraphClient } from './graph/client.ts';
import { classifyGraphError, graphCall, IG_QUOTA_WAIT_MS, type GraphErrorContext, type GraphStep } from './graph/errors.ts';
import { createMetaPublishers } from './graph/factory.ts';
import { fitForInstagram } from './graph/instagram-image.ts';
import {
  attachmentWarnings,
  DEFAULT_POLL_INTERVALS_MS,
  defaultSleep,
  imagesOf,
  linkFor,
  postLinks,
  previewLink,
  quoted,
  sameText,
  touchesOf,
  type MetaPublisherOptions,
} from './graph/shared.ts';
import { describeExpiry, earliestExpiry, missingScopes, readTokenInfo } from './graph/token-info.ts';

/** A carousel holds 2 to 10 items. */
export const INSTAGRAM_MAX_IMAGES = 10;
const NEEDED_SCOPES = ['instagram_content_publish'];

export interface InstagramAccount {
  userId: string;
  username?: string | undefined;
  tokenEnv: string;
  signature?: string | undefined;
  hashtags: string[];
  mentions: string[];
}

type ContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

/**
 * An Instagram professional account of one identity, through the content publishing API:
 * 1. read /{ig-user}/content_publishing_limit and refuse politely when the 24-hour quota
 *    is used (nothing is created);
 * 2. convert each image to a JPEG fitted into 4:5..1.91:1 (padded, see instagram-image.ts)
 *    and upload it to the portal (ctx.mediaHost): Instagram fetches images by public URL;
 * 3. create the container (one image) or the item containers and a CAROUSEL container
 *    (2 to 10 images), polling each status_code until FINISHED;
 * 4. POST /{ig-user}/media_publish: the only step that makes something public.
 * Every failure before step 4 proves nothing was posted; a failure in step 4 without a
 * clear "no" is `unknown`. Instagram offers no deletion through the API.
 */
export class InstagramPublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  private readonly errorContext: Omit<GraphErrorContext, 'step'>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pollIntervals: readonly number[];

  constructor(
    readonly destination: Destination,
    private readonly account: InstagramAccount,
    private readonly label: string,
    private readonly client: GraphClient,
    private readonly token: string,
    private readonly timeZone: string,
    options: MetaPublisherOptions = {},
  ) {
    this.errorContext = { network: 'Instagram', account: quoted(label), tokenEnv: account.tokenEnv };
    this.sleep = options.sleep ?? defaultSleep;
    this.pollIntervals = options.pollIntervalsMs ?? DEFAULT_POLL_INTERVALS_MS;
  }

  private get touches(): SocialTouches {
    return touchesOf(this.account);
  }

  private call<T>(step: GraphStep, fn: () => Promise<T>): Promise<T> {
    return graphCall(this.errorContext, step, fn);
  }

  preview(c: Comunicado): DestinationPreview {
    const r = renderInstagram(c, { link: previewLink(c), touches: this.touches });
    return { destination: this.destination, text: r.text, length: r.length, limit: r.limit, warnings: [...r.warnings, ...instagramWarnings(c)], dryRun: false };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const images = imagesOf(c).slice(0, INSTAGRAM_MAX_IMAGES);
    if (!images.length) throw new PublishError('failed', 'ig_no_image', t('social_meta.error.ig_no_image'));
    if (!ctx.mediaHost) throw new PublishError('failed', 'ig_no_media_host', t('social_meta.error.ig_no_media_host'));
    const caption = renderInstagram(c, { link: linkFor(c, ctx), touches: this.touches }).text;
    const user = encodeURIComponent(this.account.userId);
    const opts = { signal: ctx.signal };

    await this.checkQuota(ctx);
    const imageUrls = await this.hostImages(images, ctx);

    let creationId: string;
    let children: string[] = [];
    if (imageUrls.length === 1) {
      const only = imageUrls[0]!;
      const res = await this.call('prepare', () => this.client.post<{ id: string }>(`${user}/media`, { image_url: only.url, caption, alt_text: only.alt }, opts));
      creationId = res.id;
    } else {
      for (const img of imageUrls) {
        const res = await this.call('prepare', () =>
          this.client.post<{ id: string }>(`${user}/media`, { image_url: img.url, is_carousel_item: true, alt_text: img.alt }, opts),
        );
        children.push(res.id);
      }
      for (const child of children) await this.waitFinished(child, ctx);
      const res = await this.call('prepare', () =>
        this.client.post<{ id: string }>(`${user}/media`, { media_type: 'CAROUSEL', children: children.join(','), caption }, opts),
      );
      creationId = res.id;
    }
    await this.waitFinished(creationId, ctx);

    // Everything above is preparation (an unpublished container is invisible); this publishes.
    await ctx.beforeCreate?.();
    const published = await this.call('publish', () => this.client.post<{ id: string }>(`${user}/media_publish`, { creation_id: creationId }, opts));
    ctx.logger.info({ igUserId: this.account.userId, mediaId: published.id, images: imageUrls.length }, 'instagram post published');
    return {
      remoteId: published.id,
      url: await this.permalink(published.id, ctx),
      meta: { containerId: creationId, ...(children.length ? { children } : {}), imageUrls: imageUrls.map((i) => i.url) },
    };
  }

  /** Refuses before creating anything when the 24-hour publishing quota is used up. */
  private async checkQuota(ctx: PublishContext): Promise<void> {
    type Limit = { data?: Array<{ quota_usage?: number; config?: { quota_total?: number; quota_duration?: number } }> };
    const res = await this.call('read', () =>
      this.client.get<Limit>(`${encodeURIComponent(this.account.userId)}/content_publishing_limit`, { fields: 'quota_usage,config' }, { signal: ctx.signal }),
    );
    const usage = res.data?.[0]?.quota_usage;
    const total = res.data?.[0]?.config?.quota_total;
    if (typeof usage === 'number' && typeof total === 'number' && usage >= total) {
      throw new PublishError('retryable', 'ig_quota', t('social_meta.error.ig_quota', { account: quoted(this.label), total, usage }), { retryInMs: IG_QUOTA_WAIT_MS });
    }
  }

  /** Fits each image and uploads it to the portal; returns the public URLs Instagram will fetch. */
  private async hostImages(images: Attachment[], ctx: PublishContext): Promise<Array<{ url: string; alt: string | undefined }>> {
    const out: Array<{ url: string; alt: string | undefined }> = [];
    for (const [i, image] of images.entries()) {
      ctx.progress(t('social_meta.progress.ig_image', { n: i + 1, total: images.length }));
      const outPath = join(ctx.dataDir, 'media', 'instagram', `${image.sha256.slice(0, 24)}.jpg`);
      let fitted;
      try {
        fitted = await fitForInstagram(join(ctx.dataDir, image.path), outPath);
      } catch (err) {
        const missing = (err as NodeJS.ErrnoException)?.code === 'ENOENT' || /missing|no such file/i.test((err as Error)?.message ?? '');
        if (missing) throw new PublishError('failed', 'file_missing', t('social_meta.error.file_missing', { file: image.filename }), { cause: err });
        throw new PublishError('failed', 'ig_image_invalid', t('social_meta.error.ig_image_invalid', { file: image.filename, detail: (err as Error)?.message ?? 'error' }), { cause: err });
      }
      const alt = image.alt?.trim() || undefined;
      try {
        const hosted = await ctx.mediaHost!.upload({ path: fitted.path, filename: `${parse(image.filename).name}-instagram.jpg`, mime: 'image/jpeg', ...(alt ? { alt } : {}) });
        out.push({ url: hosted.url, alt });
      } catch (err) {
        if (err instanceof PublishError) throw err;
        // Nothing exists on Instagram yet: a later attempt is safe.
        throw new PublishError('retryable', 'ig_media_host', t('social_meta.error.ig_media_host', { file: image.filename, detail: (err as Error)?.message ?? 'error' }), { cause: err });
      }
    }
    return out;
  }

  /** Polls a container's status_code until FINISHED, with the injected sleep between checks. */
  private async waitFinished(containerId: string, ctx: PublishContext): Promise<void> {
    let told = false;
    for (let attempt = 0; ; attempt++) {
      const res = await this.call('read', () =>
        this.client.get<{ status_code?: ContainerStatus; status?: string }>(encodeURIComponent(containerId), { fields: 'status_code,status' }, { signal: ctx.signal }),
      );
      switch (res.status_code) {
        case 'FINISHED':
          return;
        case 'ERROR':
          // The container exists and failed: retrying the same image would fail again.
          throw new PublishError('failed', 'ig_container_error', t('social_meta.error.ig_container_error', { detail: res.status ?? 'ERROR' }));
        case 'EXPIRED':
          throw new PublishError('retryable', 'ig_container_expired', t('social_meta.error.ig_container_expired'));
        case 'PUBLISHED':
          // Only a container we did not create could be published already: do not post again.
          throw new PublishError('unknown', 'duplicate', t('social_meta.error.duplicate', { network: 'Instagram', account: `Instagram ${quoted(this.label)}` }));
        default: {
          const wait = this.pollIntervals[attempt];
          if (wait === undefined) {
            const minutes = Math.max(1, Math.round(this.pollIntervals.reduce((a, b) => a + b, 0) / 60_000));
            throw new PublishError('retryable', 'ig_container_timeout', t('social_meta.error.ig_container_timeout', { minutes }));
          }
          if (!told) ctx.progress(t('social_meta.progress.ig_waiting'));
          told = true;
          await this.sleep(wait);
        }
      }
    }
  }

  /** The post's permalink; never throws, the post already exists. */
  private async permalink(mediaId: string, ctx: PublishContext): Promise<string> {
    try {
      const res = await this.client.get<{ permalink?: string }>(encodeURIComponent(mediaId), { fields: 'permalink' }, { signal: ctx.signal });
      if (res.permalink) return res.permalink;
    } catch (err) {
      ctx.logger.warn({ mediaId, err: (err as Error).message }, 'instagram permalink not read; using the profile URL');
    }
    return this.profileUrl();
  }

  private profileUrl(): string {
    const u = this.account.username?.replace(/^@/, '');
    return u ? `https://www.instagram.com/${encodeURIComponent(u)}/` : 'https://www.instagram.com/';
  }

  /**
   * After a crash mid-publish: looks for the post among the account's latest media by its
   * exact caption. Presence is proof. Absence (`null`) is not at first: Instagram has no
   * duplicate guard and its listing may lag, so the engine trusts it only after the settle
   * window (`publishing.settleSeconds.instagram`).
   */
  async reconcile(c: Comunicado, _delivery: Delivery, ctx: PublishContext): Promise<PublishResult | null> {
    // Posted before the portal's link was known (portal still being verified), or with the
    // portal's own link instead of the short one: matches with either link or none.
    const captions = postLinks(ctx).map((link) => renderInstagram(c, { link, touches: this.touches }).text);
    type Media = { data?: Array<{ id: string; caption?: string; permalink?: string }> };
    const res = await this.call('read', () =>
      this.client.get<Media>(`${encodeURIComponent(this.account.userId)}/media`, { fields: 'id,caption,permalink,timestamp', limit: 25 }, { signal: ctx.signal }),
    );
    const found = res.data?.find((m) => captions.some((caption) => sameText(m.caption, caption)));
    if (!found) return null;
    return { remoteId: found.id, url: found.permalink ?? this.profileUrl(), meta: { reconciled: true } };
  }

  /** Instagram has no delete endpoint for published media: a person removes it by hand. */
  async withdraw(_c: Comunicado, delivery: Delivery): Promise<WithdrawResult> {
    if (!delivery.remoteId || delivery.dryRun) return { outcome: 'not_found', detail: t('social_meta.withdraw.nothing', { network: 'Instagram' }) };
    const account = this.account.username ? `@${this.account.username.replace(/^@/, '')}` : quoted(this.label);
    return { outcome: 'manual', detail: t('social_meta.withdraw.ig_manual', { url: delivery.url ?? this.profileUrl(), account }) };
  }

  async checkAccess(): Promise<AccessReport> {
    const account = quoted(this.label);
    const report = (ok: boolean, detail: string, expiresAt?: string): AccessReport => ({ destination: this.destination, ok, detail, ...(expiresAt ? { expiresAt } : {}) });
    let user: { id?: string; username?: string };
    try {
      user = await this.client.get(encodeURIComponent(this.account.userId), { fields: 'id,username' });
    } catch (err) {
      const e = classifyGraphError(err, { ...this.errorContext, step: 'read' });
      return report(false, t('social_meta.access.failed', { network: 'Instagram', account, message: e.message }));
    }
    const expected = this.account.username?.replace(/^@/, '');
    if (expected && user.username && expected.toLowerCase() !== user.username.toLowerCase()) {
      return report(false, t('social_meta.access.wrong_ig_user', { username: user.username, expected }));
    }
    const info = await readTokenInfo(this.client, this.token);
    const missing = missingScopes(info, NEEDED_SCOPES);
    if (missing.length) return report(false, t('social_meta.access.missing_scopes', { network: 'Instagram', account, scopes: missing.join(', ') }), earliestExpiry(info));
    const detail = t('social_meta.access.ig_ok', { account, username: user.username ?? expected ?? '?', expiry: describeExpiry(info, this.timeZone) });
    return { ...report(true, detail, earliestExpiry(info)), expiryInDetail: true };
  }
}

/** Preview warnings of an Instagram destination beyond the caption's own. */
function instagramWarnings(c: Comunicado): string[] {
  const out = attachmentWarnings(c, 'Instagram', INSTAGRAM_MAX_IMAGES);
  if (!imagesOf(c).length) out.unshift(t('social_meta.warn.ig_no_image'));
  else out.push(t('social_meta.warn.ig_image_fit'));
  return out;
}

/** One publisher per identity that has an Instagram account in `accounts:` (see createMetaPublishers). */
export function createInstagramPublishers(deps: PublisherDeps, options: MetaPublisherOptions = {}): Publisher[] {
  return createMetaPublishers(deps, 'instagram', options, {
    label: (account, identity, identityName) => (account.username ? `@${account.username.replace(/^@/, '')}` : (identityName ?? identity)),
    dryRun: (touches, reason) => ({
      render: (c, ctx) => renderInstagram(c, { link: linkFor(c, ctx), touches }).text,
      warnings: (c) => [
        t('social_meta.dry_run_warning', { reason, network: 'Instagram' }),
        ...renderInstagram(c, { link: previewLink(c), touches }).warnings,
        ...instagramWarnings(c),
      ],
    }),
    real: (destination, account, label, client, token) => new InstagramPublisher(destination, account, label, client, token, deps.config.office.timezone, options),
  });
}
