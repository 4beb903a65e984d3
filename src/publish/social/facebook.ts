import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Attachment, type Comunicado, type Delivery, type Destination } from '../../domain/comunicado.ts';
import { t } from '../../messages/index.ts';
import { renderFacebook, type SocialTouches } from '../../render/facebook.ts';
import type { PublisherDeps } from '../deps.ts';
import { PublishError, type AccessReport, type DestinationPreview, type PublishContext, type Publisher, type PublishResult, type WithdrawResult } from '../port.ts';
import { GraphApiError, GraphClient, type GraphParams } from './graph/client.ts';
import { classifyGraphError, graphCall, type GraphErrorContext } from './graph/errors.ts';
import { attachmentWarnings, imagesOf, linkFor, postLinks, previewLink, quoted, sameText, touchesOf, type MetaPublisherOptions } from './graph/shared.ts';
import { createMetaPublishers } from './graph/factory.ts';
import { describeExpiry, earliestExpiry, missingScopes, readTokenInfo } from './graph/token-info.ts';

/**
 * Photos per Facebook post. The Pages API accepts more in attached_media, but ten keeps a
 * press post readable and matches Instagram's carousel, so both networks show the same set.
 */
export const FACEBOOK_MAX_IMAGES = 10;
/** Permission a Page token needs to publish (checked by /cuentas when Graph lists scopes). */
const NEEDED_SCOPES = ['pages_manage_posts'];

export interface FacebookAccount {
  pageId: string;
  name?: string | undefined;
  tokenEnv: string;
  signature?: string | undefined;
  hashtags: string[];
  mentions: string[];
}

/**
 * A Facebook Page of one identity (Alcaldía or Alcalde), published through the Graph API:
 * - no image: POST /{page}/feed with message and the portal link;
 * - one image: POST /{page}/photos (the photo post is the post);
 * - several: each photo uploaded unpublished (published=false), then one POST
 *   /{page}/feed with attached_media, so readers see a single post with every photo.
 * Photos are sent as file uploads (multipart `source`), so Facebook does not depend on the
 * portal hosting them. The result is the post's permalink_url, or a link built from the
 * post id when Graph does not give it: once the post exists, nothing may throw.
 */
export class FacebookPublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  private readonly errorContext: Omit<GraphErrorContext, 'step'>;

  constructor(
    readonly destination: Destination,
    private readonly account: FacebookAccount,
    private readonly label: string,
    private readonly client: GraphClient,
    private readonly token: string,
    private readonly timeZone: string,
  ) {
    this.errorContext = { network: 'Facebook', account: quoted(label), tokenEnv: account.tokenEnv };
  }

  private get touches(): SocialTouches {
    return touchesOf(this.account);
  }

  preview(c: Comunicado): DestinationPreview {
    const r = renderFacebook(c, { link: previewLink(c), touches: this.touches });
    return {
      destination: this.destination,
      text: r.text,
      length: r.length,
      limit: r.limit,
      warnings: [...r.warnings, ...attachmentWarnings(c, 'Facebook', FACEBOOK_MAX_IMAGES)],
      dryRun: false,
    };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const link = linkFor(c, ctx);
    const { text } = renderFacebook(c, { link, touches: this.touches });
    const images = imagesOf(c).slice(0, FACEBOOK_MAX_IMAGES);
    const page = encodeURIComponent(this.account.pageId);
    const opts = { signal: ctx.signal };
    const call = <T>(step: 'prepare' | 'publish', fn: () => Promise<T>) => graphCall(this.errorContext, step, fn);
    let postId: string;
    const meta: Record<string, unknown> = { pageId: this.account.pageId };

    if (images.length === 0) {
      await ctx.beforeCreate?.();
      const res = await call('publish', () => this.client.post<{ id: string }>(`${page}/feed`, { message: text, link }, opts));
      postId = res.id;
    } else if (images.length === 1) {
      ctx.progress(t('social_meta.progress.fb_photo', { n: 1, total: 1 }));
      const form = await photoForm(ctx.dataDir, images[0]!, { message: text });
      await ctx.beforeCreate?.();
      const res = await call('publish', () => this.client.post<{ id: string; post_id?: string }>(`${page}/photos`, form, opts));
      postId = res.post_id ?? res.id;
      meta.photoIds = [res.id];
    } else {
      // Unpublished photos are invisible until attached: uploading them again is harmless.
      const photoIds: string[] = [];
      for (const [i, image] of images.entries()) {
        ctx.progress(t('social_meta.progress.fb_photo', { n: i + 1, total: images.length }));
        const form = await photoForm(ctx.dataDir, image, { published: 'false' });
        const res = await call('prepare', () => this.client.post<{ id: string }>(`${page}/photos`, form, opts));
        photoIds.push(res.id);
      }
      const params: GraphParams = { message: text };
      photoIds.forEach((id, i) => (params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
      await ctx.beforeCreate?.();
      const res = await call('publish', () => this.client.post<{ id: string }>(`${page}/feed`, params, opts));
      postId = res.id;
      meta.photoIds = photoIds;
    }
    ctx.logger.info({ pageId: this.account.pageId, postId, photos: images.length }, 'facebook post created');
    return { remoteId: postId, url: await this.permalink(postId, ctx), meta };
  }

  /** The post's public URL; never throws, the post already exists. */
  private async permalink(postId: string, ctx: PublishContext): Promise<string> {
    try {
      const res = await this.client.get<{ permalink_url?: string }>(encodeURIComponent(postId), { fields: 'permalink_url' }, { signal: ctx.signal });
      if (res.permalink_url) return res.permalink_url;
    } catch (err) {
      ctx.logger.warn({ postId, err: (err as Error).message }, 'facebook permalink not read; building it from the id');
    }
    const [pagePart, postPart] = postId.split('_');
    return postPart ? `https://www.facebook.com/${pagePart}/posts/${postPart}` : `https://www.facebook.com/${postId}`;
  }

  /**
   * After a crash mid-publish: looks for the post among the page's latest published posts
   * by its exact text. Not finding it (`null`) proves nothing at first: a photo post may
   * take seconds to show in published_posts, and Facebook's duplicate refusal (#506) only
   * covers identical status text on /feed, not /photos. The engine trusts the absence only
   * after the settle window (`publishing.settleSeconds.facebook`).
   */
  async reconcile(c: Comunicado, _delivery: Delivery, ctx: PublishContext): Promise<PublishResult | null> {
    // The post may have gone out before the portal's link was known (the portal still being
    // verified), or with the portal's own link before short links were on: it matches with
    // its short link, the portal's link or none.
    const texts = postLinks(ctx).map((link) => renderFacebook(c, { link, touches: this.touches }).text);
    type Posts = { data?: Array<{ id: string; message?: string; permalink_url?: string }> };
    const res = await graphCall(this.errorContext, 'read', () =>
      this.client.get<Posts>(`${encodeURIComponent(this.account.pageId)}/published_posts`, { fields: 'id,message,permalink_url,created_time', limit: 25 }, { signal: ctx.signal }),
    );
    const found = res.data?.find((p) => texts.some((text) => sameText(p.message, text)));
    if (!found) return null;
    ctx.logger.info({ pageId: this.account.pageId, postId: found.id }, 'facebook post found by reconcile');
    return { remoteId: found.id, url: found.permalink_url ?? (await this.permalink(found.id, ctx)), meta: { pageId: this.account.pageId, reconciled: true } };
  }

  async withdraw(_c: Comunicado, delivery: Delivery, ctx: PublishContext): Promise<WithdrawResult> {
    const account = quoted(this.label);
    if (!delivery.remoteId || delivery.dryRun) return { outcome: 'not_found', detail: t('social_meta.withdraw.nothing', { network: 'Facebook' }) };
    try {
      await this.client.delete(encodeURIComponent(delivery.remoteId), { signal: ctx.signal });
      return { outcome: 'removed', detail: t('social_meta.withdraw.removed', { account }) };
    } catch (err) {
      // (#100) subcode 33: the object does not exist (already deleted by hand).
      if (err instanceof GraphApiError && err.error.code === 100 && err.error.error_subcode === 33) {
        return { outcome: 'not_found', detail: t('social_meta.withdraw.not_found', { account }) };
      }
      throw classifyGraphError(err, { ...this.errorContext, step: 'read' });
    }
  }

  async checkAccess(): Promise<AccessReport> {
    const account = quoted(this.label);
    const report = (ok: boolean, detail: string, expiresAt?: string): AccessReport => ({ destination: this.destination, ok, detail, ...(expiresAt ? { expiresAt } : {}) });
    let me: { id?: string; name?: string };
    try {
      me = await this.client.get('me', { fields: 'id,name' });
    } catch (err) {
      const e = classifyGraphError(err, { ...this.errorContext, step: 'read' });
      return report(false, t('social_meta.access.failed', { network: 'Facebook', account, message: e.message }));
    }
    if (me.id !== this.account.pageId) {
      return report(false, t('social_meta.access.wrong_page', { account, name: me.name ?? '?', id: me.id ?? '?', pageId: this.account.pageId }));
    }
    const info = await readTokenInfo(this.client, this.token);
    const missing = missingScopes(info, NEEDED_SCOPES);
    if (missing.length) return report(false, t('social_meta.access.missing_scopes', { network: 'Facebook', account, scopes: missing.join(', ') }), earliestExpiry(info));
    const detail = t('social_meta.access.fb_ok', { account, name: me.name ?? this.label, expiry: describeExpiry(info, this.timeZone) });
    return { ...report(true, detail, earliestExpiry(info)), expiryInDetail: true };
  }
}

/** A multipart body with the photo file and its alt text (Resolución 1519: accessible images). */
async function photoForm(dataDir: string, image: Attachment, fields: Record<string, string>): Promise<FormData> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dataDir, image.path));
  } catch (err) {
    throw new PublishError('failed', 'file_missing', t('social_meta.error.file_missing', { file: image.filename }), { cause: err });
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (image.alt?.trim()) form.append('alt_text_custom', image.alt.trim());
  form.append('source', new Blob([new Uint8Array(bytes)], { type: image.mime }), image.filename);
  return form;
}

/** One publisher per identity that has a Facebook Page in `accounts:` (see createMetaPublishers). */
export function createFacebookPublishers(deps: PublisherDeps, options: MetaPublisherOptions = {}): Publisher[] {
  return createMetaPublishers(deps, 'facebook', options, {
    label: (account, identity, identityName) => account.name ?? identityName ?? identity,
    dryRun: (touches, reason) => ({
      render: (c, ctx) => renderFacebook(c, { link: linkFor(c, ctx), touches }).text,
      warnings: (c) => [t('social_meta.dry_run_warning', { reason, network: 'Facebook' }), ...attachmentWarnings(c, 'Facebook', FACEBOOK_MAX_IMAGES)],
    }),
    real: (destination, account, label, client, token) => new FacebookPublisher(destination, account, label, client, token, deps.config.office.timezone),
  });
}
