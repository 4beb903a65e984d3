import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Attachment, Comunicado, Delivery, Destination } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import { renderYoutube, YT_DESCRIPTION_MAX_BYTES, type YoutubeRender } from '../../../render/youtube.ts';
import type { SocialTouches } from '../../../render/x.ts';
import type { Logger } from '../../../util/logger.ts';
import { PublishError, type AccessReport, type DestinationPreview, type PublishContext, type Publisher, type PublishResult, type WithdrawResult } from '../../port.ts';
import { knownPortalLink, safeCause } from '../x/shared.ts';
import { classifyGoogleResponse, networkCode, type YoutubeErrorContext } from './google-error.ts';
import { UploadAnswerError, UploadBrokenError, uploadResumable } from './resumable-upload.ts';
import type { GoogleTokenSource } from './token-source.ts';

export interface YoutubePublisherOptions {
  destination: Destination;
  /** Display name of the identity, for messages ("Alcaldía de Ibagué"). */
  channel: string;
  /** The channel the config expects (`channelId`); uploads refuse any other. */
  channelId?: string | undefined;
  http: AxiosInstance;
  tokens: GoogleTokenSource;
  refreshTokenVar: string;
  /** YOUTUBE_API_URL and YOUTUBE_UPLOAD_URL, without trailing slash. */
  apiUrl: string;
  uploadUrl: string;
  privacy: 'public' | 'unlisted' | 'private';
  categoryId: string;
  touches: SocialTouches;
  chunkSize: number;
  progressIntervalMs: number;
  maxBrokenInARow: number;
  sleep(ms: number): Promise<void>;
  timeZone: string;
  now(): Date;
  logger: Logger;
}

/** The video a comunicado sends to YouTube: its first video attachment. */
export function videoOf(c: Comunicado): Attachment | undefined {
  return c.content.attachments.find((a) => a.kind === 'video');
}

export function renderForYoutube(c: Comunicado, touches: SocialTouches, link: string | undefined): YoutubeRender {
  const willHaveLink = c.content.destinations.some((d) => d.startsWith('portal:'));
  return renderYoutube(c.content, { link, touches, ...(willHaveLink ? { linkLabel: t('x.link_placeholder') } : {}) });
}

export function youtubeAttachmentWarnings(c: Comunicado): string[] {
  const videos = c.content.attachments.filter((a) => a.kind === 'video');
  if (!videos.length) return [t('youtube.warn.no_video')];
  if (videos.length > 1) return [t('youtube.warn.extra_videos', { file: videos[0]!.filename, count: videos.length - 1 })];
  return [];
}

export function youtubePreviewText(r: YoutubeRender): string {
  return `${r.title}\n\n${r.description}`;
}

/**
 * Uploads a comunicado's video to one YouTube channel (Data API v3, videos.insert with the
 * resumable protocol). The video is created only when its last byte arrives, so any
 * failure before that leaves nothing behind and may be retried.
 */
export class YoutubePublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  readonly destination: Destination;

  constructor(private readonly o: YoutubePublisherOptions) {
    this.destination = o.destination;
  }

  preview(c: Comunicado): DestinationPreview {
    const r = renderForYoutube(c, this.o.touches, knownPortalLink(c));
    return {
      destination: this.destination,
      text: youtubePreviewText(r),
      length: r.descriptionBytes,
      limit: YT_DESCRIPTION_MAX_BYTES,
      warnings: [...youtubeAttachmentWarnings(c), ...r.warnings],
      dryRun: false,
    };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const video = videoOf(c);
    if (!video) throw new PublishError('failed', 'no_video', t('youtube.no_video', { destination: this.destination }));
    const filePath = resolve(ctx.dataDir, video.path);
    let total: number;
    try {
      total = (await stat(filePath)).size;
    } catch (cause) {
      throw new PublishError('failed', 'file_missing', t('youtube.error.file_missing', { file: video.filename }), { cause });
    }
    const r = renderYoutube(c.content, { link: knownPortalLink(c, ctx), touches: this.o.touches });
    await this.checkChannel();
    const sessionUrl = await this.startSession(r, total, video.mime, c.id, ctx.signal);
    const progress = this.progressReporter(total, ctx);
    let resource: unknown;
    try {
      resource = await uploadResumable({
        http: this.o.http,
        sessionUrl,
        filePath,
        total,
        mime: video.mime,
        chunkSize: this.o.chunkSize,
        authorization: async () => `Bearer ${await this.o.tokens.accessToken()}`,
        maxBrokenInARow: this.o.maxBrokenInARow,
        sleep: this.o.sleep,
        onProgress: progress,
        signal: ctx.signal,
        // The session and every chunk but the last are preparation: nothing exists yet.
        ...(ctx.beforeCreate ? { beforeFinal: () => ctx.beforeCreate!() } : {}),
      });
    } catch (err) {
      throw this.uploadError(err);
    }
    const v = resource as { id?: unknown; status?: { uploadStatus?: unknown; privacyStatus?: unknown } };
    if (typeof v?.id !== 'string') {
      throw new PublishError('unknown', 'unexpected', t('youtube.error.upload_uncertain', { code: 'respuesta sin id' }));
    }
    ctx.logger.info({ destination: this.destination, id: v.id, bytes: total }, 'youtube video uploaded');
    const captions = video.captions ? await this.uploadCaptions(v.id, video, ctx) : {};
    return {
      remoteId: v.id,
      url: `https://www.youtube.com/watch?v=${encodeURIComponent(v.id)}`,
      meta: { bytes: total, privacy: v.status?.privacyStatus ?? this.o.privacy, uploadStatus: v.status?.uploadStatus ?? null, ...captions },
    };
  }

  /**
   * The video's captions, after the video exists (captions.insert, 400 quota units): the
   * file as it was sent, language `es`. The video is already public, so a failure here does
   * not fail the delivery (a retry would upload the video twice): the status line says
   * the captions are missing and how to add them.
   */
  private async uploadCaptions(videoId: string, video: Attachment, ctx: PublishContext): Promise<Record<string, unknown>> {
    const cap = video.captions!;
    try {
      const file = await readFile(resolve(ctx.dataDir, cap.path));
      const boundary = `captions_${randomBytes(12).toString('hex')}`;
      const metadata = JSON.stringify({ snippet: { videoId, language: 'es', name: t('youtube.captions_name'), isDraft: false } });
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${metadata}\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`),
        file,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const url = `${this.o.uploadUrl}/captions?uploadType=multipart&part=snippet`;
      const res = await this.api('post', url, body, { 'Content-Type': `multipart/related; boundary=${boundary}` }, ctx.signal);
      if (res.status === 409) {
        ctx.logger.info({ destination: this.destination, video: videoId }, 'youtube captions were already there');
        return { captionsFile: cap.filename, captionsAlready: true };
      }
      if (res.status !== 200) throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
      const id = (res.data as { id?: unknown })?.id;
      ctx.logger.info({ destination: this.destination, video: videoId, captions: id }, 'youtube captions uploaded');
      return { captionsId: typeof id === 'string' ? id : null, captionsFile: cap.filename };
    } catch (err) {
      const detail = err instanceof PublishError ? err.message : networkCode(err);
      ctx.logger.warn({ destination: this.destination, video: videoId, err: String(err) }, 'youtube captions not uploaded');
      return { captionsError: detail, summary: t('youtube.captions_failed', { file: cap.filename, detail }) };
    }
  }

  /**
   * After a crash: looks for the video in the channel's uploads playlist (playlistItems.list,
   * 1 quota unit): the comunicado's id in the description, or, for a video with the same
   * title, the id among its tags (videos.list, 1 unit). `null` when it is not there; a new
   * upload takes minutes to show, so the engine trusts that only after the settle window.
   */
  async reconcile(c: Comunicado, _delivery: Delivery, ctx: PublishContext): Promise<PublishResult | null> {
    const playlist = await this.uploadsPlaylist();
    const res = await this.api('get', `${this.o.apiUrl}/playlistItems?part=snippet&maxResults=25&playlistId=${encodeURIComponent(playlist)}`, undefined, {}, ctx.signal);
    if (res.status !== 200) throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
    type Item = { snippet?: { title?: string; description?: string; resourceId?: { videoId?: string } } };
    const items = ((res.data as { items?: Item[] })?.items ?? []).filter((i) => i.snippet?.resourceId?.videoId);
    const r = renderYoutube(c.content, { link: knownPortalLink(c, ctx), touches: this.o.touches });
    let videoId = items.find((i) => i.snippet?.description?.includes(c.id))?.snippet?.resourceId?.videoId;
    const sameTitle = items.filter((i) => i.snippet?.title === r.title).map((i) => i.snippet!.resourceId!.videoId!);
    if (!videoId && sameTitle.length) {
      const v = await this.api('get', `${this.o.apiUrl}/videos?part=snippet&id=${sameTitle.map(encodeURIComponent).join(',')}`, undefined, {}, ctx.signal);
      if (v.status !== 200) throw classifyGoogleResponse(v.status, v.data, v.headers as Record<string, unknown>, this.errorContext());
      const videos = (v.data as { items?: Array<{ id?: string; snippet?: { tags?: string[] } }> })?.items ?? [];
      videoId = videos.find((x) => x.snippet?.tags?.includes(c.id))?.id;
    }
    if (!videoId) return null;
    ctx.logger.info({ destination: this.destination, id: videoId }, 'youtube video found by lookup');
    // A crash may have come between the upload and its captions: they are sent now (a track
    // already there is answered 409 and counts as sent).
    const video = videoOf(c);
    const captions = video?.captions ? await this.uploadCaptions(videoId, video, ctx) : {};
    return { remoteId: videoId, url: `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`, meta: { reconciled: true, ...captions } };
  }

  /** The channel's uploads playlist (channels.list part=contentDetails, 1 quota unit). */
  private async uploadsPlaylist(): Promise<string> {
    const res = await this.api('get', `${this.o.apiUrl}/channels?part=contentDetails&mine=true`);
    if (res.status !== 200) throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
    type Channels = { items?: Array<{ id?: string; contentDetails?: { relatedPlaylists?: { uploads?: string } } }> };
    const first = (res.data as Channels)?.items?.[0];
    const uploads = first?.contentDetails?.relatedPlaylists?.uploads;
    // Another channel's list proves nothing about ours: the lookup is impossible, not negative.
    if (!uploads || (this.o.channelId && first?.id !== this.o.channelId)) throw new Error('uploads playlist of the configured channel not available');
    return uploads;
  }

  async withdraw(_c: Comunicado, delivery: Delivery): Promise<WithdrawResult> {
    const channel = this.o.channel;
    if (!delivery.remoteId) return { outcome: 'manual', detail: t('youtube.withdraw.no_id', { channel }) };
    const res = await this.api('delete', `${this.o.apiUrl}/videos?id=${encodeURIComponent(delivery.remoteId)}`);
    if (res.status === 204 || res.status === 200) return { outcome: 'removed', detail: t('youtube.withdraw.removed', { channel }) };
    if (res.status === 404) return { outcome: 'not_found', detail: t('youtube.withdraw.not_found', { channel }) };
    throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
  }

  async checkAccess(): Promise<AccessReport> {
    const channel = this.o.channel;
    const report = (ok: boolean, detail: string): AccessReport => ({ destination: this.destination, ok, detail });
    try {
      const mine = await this.myChannel();
      if (!mine) return report(false, t('youtube.access.no_channel', { channel }));
      if (this.o.channelId && mine.id !== this.o.channelId) {
        return report(false, t('youtube.access.wrong_channel', { channel, title: mine.title, expected: this.o.channelId }));
      }
      return report(true, t('youtube.access.ok', { title: mine.title }));
    } catch (err) {
      const e = err instanceof PublishError ? err : new PublishError('unknown', 'unexpected', networkCode(err));
      if (e.accountUnhealthy) return report(false, t('youtube.access.expired', { channel, var: this.o.refreshTokenVar }));
      return report(false, t('youtube.access.failed', { channel, detail: e.code }));
    }
  }

  /** The channel the authorization belongs to (channels.list mine=true, 1 quota unit). */
  private async myChannel(): Promise<{ id: string; title: string } | undefined> {
    const res = await this.api('get', `${this.o.apiUrl}/channels?part=snippet&mine=true`);
    if (res.status !== 200) throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
    const first = (res.data as { items?: Array<{ id?: string; snippet?: { title?: string } }> })?.items?.[0];
    return first?.id ? { id: first.id, title: first.snippet?.title ?? first.id } : undefined;
  }

  /**
   * With a channelId in the config, the upload goes ahead only if the authorization belongs
   * to that channel: a token granted on the wrong Google account (a personal channel, the
   * previous mayor's) must not receive the video.
   */
  private async checkChannel(): Promise<void> {
    if (!this.o.channelId) return;
    const mine = await this.myChannel();
    if (mine?.id === this.o.channelId) return;
    throw new PublishError(
      'failed',
      'wrong_channel',
      t('youtube.error.wrong_channel', { channel: this.o.channel, title: mine?.title ?? '—', expected: this.o.channelId, var: this.o.refreshTokenVar }),
      { accountUnhealthy: true },
    );
  }

  /** Step 1 of the resumable protocol: the metadata; the answer's Location is the session. */
  private async startSession(r: YoutubeRender, total: number, mime: string, comunicadoId: string, signal?: AbortSignal): Promise<string> {
    const body = {
      snippet: { title: r.title, description: r.description, tags: withIdTag(r.tags, comunicadoId), categoryId: this.o.categoryId, defaultLanguage: 'es', defaultAudioLanguage: 'es' },
      status: { privacyStatus: this.o.privacy },
    };
    const url = `${this.o.uploadUrl}/videos?uploadType=resumable&part=snippet,status`;
    const res = await this.api('post', url, body, { 'X-Upload-Content-Length': String(total), 'X-Upload-Content-Type': mime }, signal);
    const location = res.headers.location;
    if (res.status === 200 && typeof location === 'string' && location) return new URL(location, url).href;
    throw classifyGoogleResponse(res.status, res.data, res.headers as Record<string, unknown>, this.errorContext());
  }

  /**
   * One Data API call with a fresh access token; a 401 renews the token once (it may have
   * been revoked early) before the answer is taken as final. Connection failures are
   * retryable: these calls create nothing when they fail.
   */
  private async api(method: 'get' | 'post' | 'delete', url: string, data?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<AxiosResponse> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.o.tokens.accessToken();
      let res: AxiosResponse;
      try {
        res = await this.o.http.request({
          method,
          url,
          ...(data !== undefined ? { data } : {}),
          headers: { Authorization: `Bearer ${token}`, ...(data !== undefined ? { 'Content-Type': 'application/json; charset=UTF-8' } : {}), ...headers },
          validateStatus: () => true,
          maxRedirects: 0,
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        throw new PublishError('retryable', 'unreachable', t('youtube.error.unreachable', { code: networkCode(err) }), { cause: safeCause(err) });
      }
      if (res.status === 401 && attempt === 1) {
        this.o.tokens.invalidate();
        continue;
      }
      return res;
    }
  }

  private uploadError(err: unknown): PublishError {
    if (err instanceof PublishError) return err;
    if (err instanceof UploadBrokenError) {
      // The last byte went out and no answer came back: the video may exist.
      if (err.mayBeComplete) return new PublishError('unknown', 'connection_lost', t('youtube.error.upload_uncertain', { code: err.code }), { cause: safeCause(err) });
      return new PublishError('retryable', 'upload_broken', t('youtube.error.upload_broken', { attempts: err.attempts, code: err.code }), { cause: safeCause(err) });
    }
    if (err instanceof UploadAnswerError) {
      // 404/410: the session expired; a new upload starts from zero on the next attempt.
      if (err.status === 404 || err.status === 410) {
        return new PublishError('retryable', 'session_expired', t('youtube.error.upload_broken', { attempts: 1, code: `HTTP ${err.status}` }), { cause: safeCause(err) });
      }
      return classifyGoogleResponse(err.status, err.data, err.headers, this.errorContext());
    }
    return new PublishError('retryable', 'upload_broken', t('youtube.error.upload_broken', { attempts: 1, code: networkCode(err) }), { cause: safeCause(err) });
  }

  /** "subiendo video 42 %" in the thread, at most every few seconds and only when it moved. */
  private progressReporter(total: number, ctx: PublishContext): (bytes: number) => void {
    let lastAt = -Infinity;
    let lastPct = -1;
    return (bytes) => {
      const pct = Math.min(100, Math.floor((bytes / Math.max(1, total)) * 100));
      const now = this.o.now().getTime();
      if (pct === lastPct || now - lastAt < this.o.progressIntervalMs) return;
      lastAt = now;
      lastPct = pct;
      ctx.progress(t('youtube.progress', { channel: this.o.channel, pct }));
    };
  }

  private errorContext(): YoutubeErrorContext {
    return { channel: this.o.channel, refreshTokenVar: this.o.refreshTokenVar, now: this.o.now(), timeZone: this.o.timeZone };
  }
}

/** The tags with the comunicado's id first (a crash lookup matches it), within YouTube's 500 characters. */
function withIdTag(tags: string[], id: string): string[] {
  const out = [id, ...tags.filter((tg) => tg !== id)];
  while (out.length > 1 && out.join(',').length > 500) out.pop();
  return out;
}
