import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Agent } from 'node:https';
import { ApiResponseError, TwitterApi } from 'twitter-api-v2';
import type { Attachment, Comunicado, Delivery, Destination } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import { renderX, type SocialTouches, type XRender } from '../../../render/x.ts';
import type { Logger } from '../../../util/logger.ts';
import { PublishError, type AccessReport, type DestinationPreview, type PublishContext, type Publisher, type PublishResult, type WithdrawResult } from '../../port.ts';
import { baseUrlPlugin } from './base-url-plugin.ts';
import { classifyXError, type XStage } from './classify-error.ts';
import { knownPortalLink } from './shared.ts';

/** X accepts up to 4 images per post, each up to 5 MB. */
export const X_MAX_IMAGES = 4;
export const X_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 60_000;

export interface XCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface XPublisherOptions {
  destination: Destination;
  handle: string;
  credentials: XCredentials;
  /** Names of the credential variables, for messages (never their values). */
  credentialVars: string[];
  touches: SocialTouches;
  /** Look interrupted posts up among the account's recent posts (billed by X: opt-in). */
  lookupPosts?: boolean;
  /** X_API_URL. */
  baseUrl: string;
  /** TLS agent for the API connection (a proxy's CA; the test certificate in tests). */
  agent?: Agent;
  timeZone: string;
  now(): Date;
  logger: Logger;
}

/** The text for X with the portal link, or a labelled stand-in when it is not known yet. */
export function renderForX(c: Comunicado, touches: SocialTouches, link: string | undefined): XRender {
  const willHaveLink = c.content.destinations.some((d) => d.startsWith('portal:'));
  return renderX(c.content, { link, touches, ...(willHaveLink ? { linkLabel: t('x.link_placeholder') } : {}) });
}

/** Warnings about attachments that X will not take as they are. */
export function xAttachmentWarnings(c: Comunicado): string[] {
  const images = c.content.attachments.filter((a) => a.kind === 'image');
  const warnings: string[] = [];
  if (images.length > X_MAX_IMAGES) warnings.push(t('x.warn.too_many_images', { count: images.length }));
  for (const img of images.slice(0, X_MAX_IMAGES)) {
    if (img.size > X_MAX_IMAGE_BYTES) warnings.push(t('x.warn.image_too_big', { file: img.filename, size: mb(img.size) }));
  }
  if (c.content.attachments.some((a) => a.kind === 'video')) warnings.push(t('x.warn.video_skipped'));
  return warnings;
}

function mb(size: number): string {
  return (size / 1024 / 1024).toLocaleString('es-CO', { maximumFractionDigits: 1 });
}

/**
 * Publishes a comunicado on one X account with twitter-api-v2 (OAuth 1.0a user context):
 * images through the v2 media upload endpoints (initialize/append/finalize) with their alt
 * text, then one post with the fitted text and the media ids.
 */
export class XPublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  readonly destination: Destination;
  private readonly client: TwitterApi;
  /** Present only with `lookupPosts` (reading posts is billed on X). */
  readonly reconcile?: (c: Comunicado, delivery: Delivery, ctx: PublishContext) => Promise<PublishResult | null>;

  constructor(private readonly o: XPublisherOptions) {
    this.destination = o.destination;
    if (o.lookupPosts) this.reconcile = (c, _d, ctx) => this.lookUp(c, ctx);
    this.client = new TwitterApi(o.credentials, {
      plugins: [baseUrlPlugin(o.baseUrl, { timeoutMs: REQUEST_TIMEOUT_MS })],
      ...(o.agent ? { httpAgent: o.agent } : {}),
    });
  }

  preview(c: Comunicado): DestinationPreview {
    const r = renderForX(c, this.o.touches, knownPortalLink(c));
    return {
      destination: this.destination,
      text: r.text,
      length: r.weightedLength,
      limit: r.limit,
      warnings: [...r.warnings, ...xAttachmentWarnings(c)],
      dryRun: false,
    };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const r = renderX(c.content, { link: knownPortalLink(c, ctx), touches: this.o.touches });
    const images = c.content.attachments.filter((a) => a.kind === 'image').slice(0, X_MAX_IMAGES);
    const mediaIds: string[] = [];
    for (const img of images) {
      this.checkAborted(ctx, 'media');
      mediaIds.push(await this.uploadImage(img, ctx));
    }
    this.checkAborted(ctx, 'media');
    // The uploads above are invisible until a post uses them; this call is the post.
    await ctx.beforeCreate?.();
    let id: string;
    try {
      const res = await this.client.v2.tweet(r.text, mediaIds.length ? { media: { media_ids: mediaIds as [string] } } : {});
      id = res.data.id;
    } catch (err) {
      throw this.classify(err, 'post');
    }
    ctx.logger.info({ destination: this.destination, id, media: mediaIds.length }, 'x post created');
    return {
      remoteId: id,
      url: `https://x.com/${encodeURIComponent(this.o.handle)}/status/${id}`,
      meta: { mediaIds, weightedLength: r.weightedLength, ...(r.droppedHashtags.length ? { droppedHashtags: r.droppedHashtags } : {}) },
    };
  }

  /**
   * Looks for the post among the account's latest posts (GET /2/users/:id/tweets), by its
   * text with every link set aside: X shows links shortened to t.co. `null` when it is not
   * there (the engine trusts that only after the settle window).
   */
  private async lookUp(c: Comunicado, ctx: PublishContext): Promise<PublishResult | null> {
    const r = renderX(c.content, { link: knownPortalLink(c, ctx), touches: this.o.touches });
    const me = await this.client.v2.me();
    const timeline = await this.client.v2.userTimeline(me.data.id, { max_results: 20, exclude: ['retweets', 'replies'] });
    const wanted = withoutLinks(r.text);
    const found = timeline.tweets.find((tw) => withoutLinks(tw.text) === wanted);
    if (!found) return null;
    ctx.logger.info({ destination: this.destination, id: found.id }, 'x post found by lookup');
    return { remoteId: found.id, url: `https://x.com/${encodeURIComponent(this.o.handle)}/status/${found.id}`, meta: { reconciled: true } };
  }

  async withdraw(_c: Comunicado, delivery: Delivery): Promise<WithdrawResult> {
    const handle = this.o.handle;
    if (!delivery.remoteId) return { outcome: 'manual', detail: t('x.withdraw.no_id', { handle }) };
    try {
      const res = await this.client.v2.deleteTweet(delivery.remoteId);
      if (res.data?.deleted === false) return { outcome: 'not_found', detail: t('x.withdraw.not_found', { handle }) };
      return { outcome: 'removed', detail: t('x.withdraw.removed', { handle }) };
    } catch (err) {
      if (err instanceof ApiResponseError && err.code === 404) return { outcome: 'not_found', detail: t('x.withdraw.not_found', { handle }) };
      // A retry of a delete is harmless, so network failures are simply reported.
      throw this.classify(err, 'media');
    }
  }

  async checkAccess(): Promise<AccessReport> {
    const handle = this.o.handle;
    try {
      const me = await this.client.v2.me();
      if (me.data.username.toLowerCase() !== handle.toLowerCase()) {
        // The tokens work but belong to another account: publishing would go to the wrong profile.
        return { destination: this.destination, ok: false, detail: t('x.access.wrong_account', { handle, username: me.data.username, vars: this.o.credentialVars.join(', ') }) };
      }
      return { destination: this.destination, ok: true, detail: t('x.access.ok', { username: me.data.username, name: me.data.name }) };
    } catch (err) {
      const e = this.classify(err, 'media');
      const detail = e.accountUnhealthy ? t('x.access.expired', { handle, vars: this.o.credentialVars.join(', ') }) : t('x.access.failed', { handle, detail: e.code });
      return { destination: this.destination, ok: false, detail };
    }
  }

  private async uploadImage(img: Attachment, ctx: PublishContext): Promise<string> {
    if (img.size > X_MAX_IMAGE_BYTES) {
      throw new PublishError('failed', 'media_too_big', t('x.error.image_too_big', { file: img.filename, size: mb(img.size) }));
    }
    let data: Buffer;
    try {
      // Images are small (≤ 5 MB, checked above) and the library takes a Buffer.
      data = await readFile(resolve(ctx.dataDir, img.path));
    } catch (cause) {
      throw new PublishError('failed', 'file_missing', t('x.error.file_missing', { file: img.filename }), { cause });
    }
    try {
      const mediaId = await this.client.v2.uploadMedia(data, { media_type: img.mime as 'image/jpeg', media_category: 'tweet_image' });
      if (img.alt) await this.client.v2.createMediaMetadata(mediaId, { alt_text: { text: img.alt.slice(0, 1000) } });
      return mediaId;
    } catch (err) {
      throw this.classify(err, 'media', img.filename);
    }
  }

  private checkAborted(ctx: PublishContext, stage: XStage): void {
    if (ctx.signal?.aborted) throw this.classify(Object.assign(new Error('aborted'), { code: 'ABORTED' }), stage);
  }

  private classify(err: unknown, stage: XStage, file?: string): PublishError {
    return classifyXError(err, {
      stage,
      handle: this.o.handle,
      credentialVars: this.o.credentialVars,
      now: this.o.now(),
      timeZone: this.o.timeZone,
      ...(file ? { file } : {}),
    });
  }
}

/** A post's text with its links replaced by one marker (X rewrites them to t.co), spaces normalised. */
function withoutLinks(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '🔗').replace(/\s+/g, ' ').trim();
}
