import type { Env } from '../../../config/env.ts';
import type { Attachment, Comunicado } from '../../../domain/comunicado.ts';
import { destinationKind } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import type { SocialTouches } from '../../../render/facebook.ts';
import type { PublishContext } from '../../port.ts';

export const DEFAULT_GRAPH_API_URL = 'https://graph.facebook.com';

/** `GRAPH_API_URL` from the environment (tests and proxies point it elsewhere). */
export function graphBaseUrl(env: Env): string {
  return env.apis.graph ?? DEFAULT_GRAPH_API_URL;
}

/** Knobs the composition root or a test may pass to the Meta publisher factories. */
export interface MetaPublisherOptions {
  /** Injected so tests can run the Instagram status polling without real waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Waits between container status checks; their sum bounds the whole wait. */
  pollIntervalsMs?: readonly number[];
  /** Per Graph request. */
  timeoutMs?: number;
}

export { sleep as defaultSleep } from '../../../util/sleep.ts';

/**
 * Instagram recommends checking a container at most once a minute for up to five minutes;
 * images are usually ready at once, so we start fast and slow down (about 5 minutes total).
 */
export const DEFAULT_POLL_INTERVALS_MS: readonly number[] = [1_000, 2_000, 3_000, 5_000, 5_000, 10_000, 15_000, 20_000, 30_000, 30_000, 60_000, 60_000, 60_000];

export function touchesOf(account: { signature?: string | undefined; hashtags: string[]; mentions: string[] }): SocialTouches {
  return { signature: account.signature, hashtags: account.hashtags, mentions: account.mentions };
}

/** «Name» of the account as a person knows it. */
export function quoted(name: string): string {
  return `«${name}»`;
}

/**
 * The link a preview shows: the real portal URL is only known after the portal delivery,
 * so before approval a placeholder stands in when the comunicado goes to the portal.
 */
export function previewLink(c: Comunicado): string | undefined {
  return c.content.destinations.some((d) => destinationKind(d) === 'portal') ? t('social_meta.link_placeholder') : undefined;
}

/** The link a delivery or a dry run uses: the portal noticia (or its short link) when it is published. */
export function linkFor(c: Comunicado, ctx: PublishContext | undefined): string | undefined {
  return ctx ? (ctx.link ?? ctx.portal?.url) : previewLink(c);
}

/** Every link a post of this delivery may carry, for a lookup: the short link, the portal's, none. */
export function postLinks(ctx: PublishContext): Array<string | undefined> {
  return [...new Set([ctx.link ?? ctx.portal?.url, ctx.portal?.url, undefined])];
}

export const imagesOf = (c: Comunicado): Attachment[] => c.content.attachments.filter((a) => a.kind === 'image');
export const videosOf = (c: Comunicado): Attachment[] => c.content.attachments.filter((a) => a.kind === 'video');

/** Warnings about attachments that a Meta network will not carry. */
export function attachmentWarnings(c: Comunicado, network: 'Facebook' | 'Instagram', maxImages: number): string[] {
  const out: string[] = [];
  const images = imagesOf(c).length;
  const videos = videosOf(c).length;
  if (images > maxImages) out.push(t('social_meta.warn.too_many_images', { network, max: maxImages, count: images }));
  if (videos) out.push(t('social_meta.warn.videos_ignored', { network, count: videos }));
  if (!c.content.destinations.some((d) => destinationKind(d) === 'portal')) out.push(t('social_meta.warn.no_link'));
  return out;
}

/** Same post text, ignoring line-ending and edge-whitespace differences. */
export function sameText(a: string | undefined, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return a !== undefined && norm(a) === norm(b);
}
