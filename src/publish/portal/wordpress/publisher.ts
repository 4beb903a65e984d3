import { join } from 'node:path';
import type { Comunicado, Delivery, Destination, Placement } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import { renderPortalReading } from '../../../render/portal-html.ts';
import {
  PublishError,
  type AccessReport,
  type DestinationPreview,
  type MediaHost,
  type PublishContext,
  type Publisher,
  type PublishResult,
  type TakeDownResult,
  type WithdrawResult,
} from '../../port.ts';
import { titleInBody, type PlacementMapping } from '../config.ts';
import { portalSlug } from '../slug.ts';
import { escapeHtml } from '../../../render/escape.ts';
import { bodyMode, fittedPreview, renderPlacementReading } from '../placement-body.ts';
import { fitPlacementImage, placementPreviewImages, placementSource, type PlacementImage } from '../fit-image.ts';
import { WpRequestError } from './client.ts';
import { describeAccess } from './access.ts';
import { buildPostPayload, permalinkOf, scheduledFor, type PortalMedia, type WpPost } from './post.ts';
import type { WordPressSite } from './site.ts';
import { resolveCategories, resolveTags } from './terms.ts';

/** Every status a live (not trashed) post can have: `any` would leave out none of these but is not explicit. */
const LIVE_STATUSES = 'publish,future,draft,pending,private';
const POST_FIELDS = 'id,link,slug,status,type,permalink_template,featured_media,categories,date_gmt';

/**
 * Publishes one placement of a comunicado as one WordPress item (post or the theme's
 * post type). The item's slug holds the comunicado id, so publishing is idempotent: an
 * item already there (a crashed run, a retry) is found and returned, never duplicated.
 */
export class WordPressPublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  readonly destination: Destination;

  constructor(
    readonly placement: Placement,
    private readonly site: WordPressSite,
  ) {
    this.destination = `portal:${placement}`;
  }

  get mediaHost(): MediaHost {
    return this.site.mediaHost;
  }

  private get mapping(): PlacementMapping {
    return this.site.config.placements[this.placement];
  }

  private get type(): string {
    return this.mapping.type;
  }

  private subject() {
    return { placement: this.placement, type: this.type };
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    await this.ready();
    const existing = await this.findBySlug(c);
    if (existing) {
      ctx.logger.info({ post: existing.id }, 'portal item already there, not posting again');
      return this.result(existing, [], { reconciled: true });
    }

    // Everything that can fail without side effects comes before the first upload.
    const categories = await this.site.call('read', (cl) => resolveCategories(cl, this.mapping.categories, this.placement), this.subject());
    const tagNames = [...this.mapping.tags, ...(this.mapping.hashtagsAsTags ? c.content.hashtags : [])];
    const tags = await this.site.call('terms', (cl) => resolveTags(cl, tagNames), this.subject());
    if (tags.skipped.length) ctx.logger.warn({ skipped: tags.skipped }, 'portal tags not created (permission)');

    // This placement's own media: uploaded now, or left by an interrupted attempt and reused.
    const uploaded: PortalMedia[] = [];
    let media: PortalMedia[];
    let fitted: PortalMedia | undefined;
    try {
      media = await this.collectMedia(c, ctx, uploaded);
      fitted = await this.uploadFitted(c, ctx, uploaded);
    } catch (err) {
      throw await this.cleanUp(err, uploaded, ctx);
    }

    ctx.progress(t('portal.progress.post', { placement: this.placement }));
    const payload = buildPostPayload(c, {
      placement: this.placement,
      mapping: this.mapping,
      office: this.site.office,
      media,
      categoryIds: categories.map((x) => x.id),
      tagIds: tags.ids,
      now: this.site.now(),
      titleInBody: titleInBody(this.site.config),
      ...(this.placement !== 'noticia' && ctx.portal?.url ? { noticiaUrl: ctx.portal.url } : {}),
      ...(youtubeUrl(c) ? { videoUrl: youtubeUrl(c) } : {}),
      ...(fitted ? { fitted } : {}),
    });
    let post: WpPost;
    try {
      // The uploads above are attachments no reader is pointed to; this creates the item.
      await ctx.beforeCreate?.();
      post = await this.site.call('create', (cl) => cl.post<WpPost>(this.type, payload, { _fields: POST_FIELDS }), this.subject());
    } catch (err) {
      throw await this.cleanUp(err, uploaded, ctx);
    }
    await this.attach(uploaded, post.id, ctx.logger);
    return this.result(post, media, {
      categories: categories.map((x) => x.name),
      ...(tags.skipped.length ? { tagsSkipped: tags.skipped } : {}),
      uploads: [],
      // What this placement put in the media library itself (taken away with it at its end).
      ownMedia: uploaded.map((m) => m.id),
      ...(fitted ? { fitted: { id: fitted.id, url: fitted.url, width: this.mapping.image!.width, height: this.mapping.image!.height } } : {}),
    });
  }

  /**
   * The first image fitted to the placement's size (`image` in the mapping), uploaded with
   * the original's alt text. Kept on the delivery with the other uploads: an interrupted
   * attempt's copy is deleted as stale and made again (the same file, from the same image).
   */
  private async uploadFitted(c: Comunicado, ctx: PublishContext, uploaded: PortalMedia[]): Promise<PortalMedia | undefined> {
    let img: PlacementImage | undefined;
    try {
      img = await fitPlacementImage(c, this.placement, this.mapping, ctx.dataDir, this.site.config.imageBackground);
    } catch (err) {
      ctx.logger.warn({ err: String(err) }, 'placement image not fitted');
      throw new PublishError('failed', 'image_fit', t('kind.image.fit_failed', { file: placementSource(c)?.filename ?? '', placement: this.placement }));
    }
    if (!img) return undefined;
    ctx.progress(t('kind.image.uploading', { width: img.width, height: img.height, placement: this.placement }));
    const m = await this.site.uploadFile({ absPath: join(ctx.dataDir, img.path), filename: img.filename, mime: 'image/jpeg', ...(img.alt ? { alt: img.alt } : {}) });
    const item: PortalMedia = { id: m.id, kind: 'image', filename: img.filename, url: m.source_url, sha256: img.sha256, ...(img.alt ? { alt: img.alt } : {}) };
    uploaded.push(item);
    await ctx.keep?.({ uploads: uploaded.map(keptOf) });
    return item;
  }

  /**
   * Deletes the media this placement uploaded itself (its fitted image, or the images of an
   * aviso with no noticia), unless another placement of the comunicado still up shows them:
   * a placement taken down leaves nothing public. Failures are logged (the post is hidden).
   */
  private async dropOwnMedia(c: Comunicado, delivery: Delivery): Promise<number> {
    const own = Array.isArray(delivery.meta?.ownMedia) ? (delivery.meta.ownMedia as unknown[]).filter((x): x is number => typeof x === 'number') : [];
    if (!own.length) return 0;
    const inUse = new Set<number>();
    for (const d of Object.values(c.deliveries)) {
      if (d.destination === delivery.destination || !d.destination.startsWith('portal:') || d.state !== 'done' || d.takenDownAt) continue;
      for (const m of (Array.isArray(d.meta?.media) ? d.meta.media : []) as Array<{ id?: unknown }>) if (typeof m.id === 'number') inUse.add(m.id);
      const f = d.meta?.fitted as { id?: unknown } | undefined;
      if (typeof f?.id === 'number') inUse.add(f.id);
    }
    let n = 0;
    for (const id of own.filter((x) => !inUse.has(x))) if (await this.site.deleteMedia(id)) n++;
    return n;
  }

  /**
   * Gives the media this placement uploaded their post as parent, so the media library
   * lists them under it (not "Unattached", where a cleanup would delete them while the post
   * shows them). The post is out already: a failure is logged, not raised.
   */
  private async attach(media: PortalMedia[], postId: number, logger: PublishContext['logger']): Promise<void> {
    for (const m of media) {
      try {
        await this.site.client.post(`media/${m.id}`, { post: postId }, { _fields: 'id,post' });
      } catch (err) {
        logger.warn({ err: String(err), media: m.id, post: postId }, 'portal media not attached to its post');
      }
    }
  }

  async reconcile(c: Comunicado, delivery: Delivery): Promise<PublishResult | null> {
    await this.ready();
    const byId = delivery.remoteId ? await this.findById(delivery.remoteId) : undefined;
    const post = byId ?? (await this.findBySlug(c));
    if (!post) return null;
    // The post was created before the crash: the media kept for it get it as parent.
    await this.attach(keptUploads(delivery), post.id, this.site.logger);
    const media = await this.featuredMedia(post);
    return this.result(post, media, { reconciled: true, uploads: [] });
  }

  async withdraw(c: Comunicado, delivery: Delivery): Promise<WithdrawResult> {
    await this.ready();
    const post = (delivery.remoteId ? await this.findById(delivery.remoteId) : undefined) ?? (await this.findBySlug(c));
    if (!post) return { outcome: 'not_found', detail: t('portal.withdraw.not_found') };
    const vars = { type: t('portal.item.post'), id: post.id };
    if (this.site.config.withdraw === 'draft') {
      await this.site.call('update', (cl) => cl.post(`${this.type}/${post.id}`, this.hideBody(), { _fields: 'id,status' }), this.subject());
      return { outcome: 'removed', detail: t('portal.withdraw.drafted', vars) };
    }
    try {
      await this.site.client.delete(`${this.type}/${post.id}`, { _fields: 'id,status' });
    } catch (err) {
      if (err instanceof WpRequestError && err.wpCode === 'rest_already_trashed') return { outcome: 'removed', detail: t('portal.withdraw.already_trashed', vars) };
      if (err instanceof WpRequestError && err.status === 404) return { outcome: 'not_found', detail: t('portal.withdraw.not_found') };
      throw this.site.classify(err, 'delete', this.subject());
    }
    return { outcome: 'removed', detail: t('portal.withdraw.trashed', vars) };
  }

  /**
   * End of the vigencia (the scheduler calls this after the last day): the item goes back
   * to draft, or only leaves its placement's categories, per `takeDown` in the mapping.
   */
  async takeDown(c: Comunicado, delivery: Delivery): Promise<TakeDownResult> {
    await this.ready();
    const post = (delivery.remoteId ? await this.findById(delivery.remoteId) : undefined) ?? (await this.findBySlug(c));
    if (!post) return { outcome: 'not_found', detail: t('portal.takedown.not_found') };
    const vars = { type: t('portal.item.post'), id: post.id };
    if (this.mapping.takeDown === 'uncategorize') {
      const placementCats = await this.site.call('read', (cl) => resolveCategories(cl, this.mapping.categories, this.placement), this.subject());
      const drop = new Set(placementCats.map((x) => x.id));
      const keep = (post.categories ?? []).filter((id) => !drop.has(id));
      const body: Record<string, unknown> = { categories: keep };
      if (this.mapping.sticky) body.sticky = false;
      await this.site.call('update', (cl) => cl.post(`${this.type}/${post.id}`, body, { _fields: 'id,categories' }), this.subject());
      return { outcome: 'uncategorized', detail: t('portal.takedown.uncategorized', { ...vars, categories: placementCats.map((x) => `«${x.name}»`).join(', ') }) };
    }
    await this.site.call('update', (cl) => cl.post(`${this.type}/${post.id}`, this.hideBody(), { _fields: 'id,status' }), this.subject());
    const dropped = await this.dropOwnMedia(c, delivery);
    const detail = t('portal.takedown.drafted', vars);
    return { outcome: 'draft', detail: dropped ? `${detail} ${t('kind.image.dropped', { count: dropped })}` : detail };
  }

  /** A convocatoria closed: its noticia starts with `line`, as an update of the same post (once). */
  async markClosed(c: Comunicado, delivery: Delivery, _ctx: PublishContext, line: string): Promise<{ detail: string }> {
    await this.ready();
    const post = (delivery.remoteId ? await this.findById(delivery.remoteId) : undefined) ?? (await this.findBySlug(c));
    if (!post) throw new PublishError('failed', 'not_found', t('kind.close.not_found'));
    const full = await this.site.call('read', (cl) => cl.get<{ content?: { raw?: string } }>(`${this.type}/${post.id}`, { context: 'edit', _fields: 'id,content' }), this.subject());
    const raw = full.content?.raw ?? '';
    if (raw.includes('class="comunicado-cerrada"')) return { detail: t('kind.close.already', { id: post.id }) };
    const content = `<p class="comunicado-cerrada"><strong>${escapeHtml(line)}</strong></p>\n${raw}`;
    await this.site.call('update', (cl) => cl.post(`${this.type}/${post.id}`, { content }, { _fields: 'id' }), this.subject());
    return { detail: t('kind.close.updated', { id: post.id }) };
  }

  async previewImages(c: Comunicado, dataDir: string): Promise<Array<{ filename: string; data: Buffer; title: string }>> {
    return placementPreviewImages(c, this.placement, this.mapping, dataDir, this.site.config.imageBackground, (img) =>
      t('kind.image.preview_title', { placement: this.placement, width: img.width, height: img.height, alt: img.alt ?? t('kind.image.no_alt') }),
    );
  }

  async checkAccess(): Promise<AccessReport> {
    return describeAccess(this.site, this.placement);
  }

  /** The placement's post type, categories and custom fields, checked on the portal before approval. */
  async checkNeeds(): Promise<string[]> {
    return this.site.placementNeeds(this.placement);
  }

  preview(c: Comunicado): DestinationPreview {
    const warnings: string[] = [];
    const at = scheduledFor(c, this.site.now());
    if (at) warnings.push(t('portal.preview.future', { when: at.toISOString() }));
    if (this.placement !== 'noticia' && !c.content.vigenciaHasta) warnings.push(t('portal.preview.no_vigencia', { placement: this.placement }));
    const fit = fittedPreview(c, this.mapping, this.site.config.imageBackground);
    if (fit) warnings.push(fit);
    const text =
      bodyMode(this.placement, this.mapping) === 'short'
        ? renderPlacementReading(c, this.site.office.timezone ?? 'America/Bogota')
        : renderPortalReading(c, this.site.office);
    return { destination: this.destination, text, length: Array.from(text).length, warnings, dryRun: false };
  }

  /**
   * Logs in first (`/users/me`, cached briefly) so a wrong password is reported as such:
   * without a login, WordPress answers the slug lookup with an invalid-parameter error.
   * Also checks the placement's post type exists before anything is uploaded.
   */
  private async ready(): Promise<void> {
    const { types } = await this.site.access({ fresh: true });
    if (!types.some((x) => x.rest_base === this.type)) {
      throw new PublishError('failed', 'type_missing', t('portal.error.type_missing', { type: this.type, placement: this.placement }));
    }
  }

  private hideBody(): Record<string, unknown> {
    return this.mapping.sticky ? { status: 'draft', sticky: false } : { status: 'draft' };
  }

  /**
   * Uploads images and documents, reusing what another placement of the same comunicado
   * already uploaded, and what an interrupted attempt of this placement left (kept on the
   * delivery, checked to still be on the portal). Each upload is kept on the delivery as
   * soon as it is done, before the post exists: a crash then leaves no unlisted copy, and
   * what the comunicado no longer uses (edited meanwhile) is deleted.
   */
  private async collectMedia(c: Comunicado, ctx: PublishContext, uploaded: PortalMedia[]): Promise<PortalMedia[]> {
    const reusable = reusableMedia(c);
    const files = c.content.attachments.filter((a) => a.kind === 'image' || a.kind === 'document');
    const kept = new Map<string, PortalMedia>();
    const stale: PortalMedia[] = [];
    for (const m of keptUploads(c.deliveries[this.destination])) {
      if (files.some((a) => a.sha256 === m.sha256) && !kept.has(m.sha256) && !reusable.has(m.sha256)) kept.set(m.sha256, m);
      else stale.push(m);
    }
    for (const m of stale) await this.site.deleteMedia(m.id);
    if (stale.length) await ctx.keep?.({ uploads: [...kept.values()].map(keptOf) });

    const out: PortalMedia[] = [];
    let n = 0;
    for (const a of files) {
      n++;
      const kind = a.kind as 'image' | 'document';
      const alt = a.alt?.trim();
      const caption = a.caption?.trim();
      const again = reusable.get(a.sha256);
      if (again) {
        out.push({ ...again, kind, filename: a.filename, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) });
        continue;
      }
      const left = kept.get(a.sha256);
      if (left && (await this.site.mediaExists(left.id))) {
        ctx.logger.info({ media: left.id }, 'portal media uploaded by an interrupted attempt, reused');
        const item: PortalMedia = { ...left, kind, filename: a.filename, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
        uploaded.push(item);
        out.push(item);
        continue;
      }
      ctx.progress(t('portal.progress.upload', { kind: t(`portal.kind.${kind}`), n, total: files.length, file: a.filename }));
      const m = await this.site.uploadFile({ absPath: join(ctx.dataDir, a.path), filename: a.filename, mime: a.mime, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) });
      const item: PortalMedia = { id: m.id, kind, filename: a.filename, url: m.source_url, sha256: a.sha256, ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) };
      uploaded.push(item);
      out.push(item);
      // Durable before anything else happens: a crash from here on finds it again.
      await ctx.keep?.({ uploads: uploaded.map(keptOf) });
    }
    return out;
  }

  /**
   * The post was not created: delete the files this run uploaded, so nothing is left
   * half-published, and say so in the error. When the post may exist (`unknown`), the
   * files stay (the post may show them) and the error says which they are.
   */
  private async cleanUp(err: unknown, uploaded: PortalMedia[], ctx: PublishContext): Promise<unknown> {
    if (!(err instanceof PublishError) || uploaded.length === 0) return err;
    const ids = uploaded.map((m) => m.id).join(', ');
    let note: string;
    if (err.kind === 'unknown') {
      // Kept on the delivery: a retry reuses them, a found post gets them attached.
      note = t('portal.error.media_kept', { ids });
    } else {
      const results = await Promise.all(uploaded.map((m) => this.site.deleteMedia(m.id)));
      const left = uploaded.filter((_, i) => !results[i]);
      await ctx.keep?.({ uploads: left.map(keptOf) }).catch((e: unknown) => ctx.logger.warn({ err: String(e) }, 'uploads not recorded'));
      note = left.length ? t('portal.error.media_left', { ids: left.map((m) => m.id).join(', ') }) : t('portal.error.media_cleaned', { count: uploaded.length });
    }
    return new PublishError(err.kind, err.code, `${err.message} ${note}`, {
      cause: err,
      ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
      ...(err.accountUnhealthy ? { accountUnhealthy: true } : {}),
    });
  }

  private async findBySlug(c: Comunicado): Promise<WpPost | undefined> {
    const slug = portalSlug(c.id, this.placement, c.content.title);
    const found = await this.site.call(
      'read',
      (cl) => cl.get<WpPost[]>(this.type, { slug, status: LIVE_STATUSES, context: 'edit', _fields: POST_FIELDS }),
      this.subject(),
    );
    return found[0];
  }

  private async findById(id: string): Promise<WpPost | undefined> {
    try {
      const post = await this.site.client.get<WpPost>(`${this.type}/${encodeURIComponent(id)}`, { context: 'edit', _fields: POST_FIELDS });
      return post.status === 'trash' ? undefined : post;
    } catch (err) {
      if (err instanceof WpRequestError && (err.status === 404 || err.status === 410)) return undefined;
      throw this.site.classify(err, 'read', this.subject());
    }
  }

  private async featuredMedia(post: WpPost): Promise<PortalMedia[]> {
    if (!post.featured_media) return [];
    try {
      const m = await this.site.client.get<{ id: number; source_url: string; alt_text?: string; media_details?: { file?: string } }>(`media/${post.featured_media}`, {
        _fields: 'id,source_url,alt_text,media_details',
      });
      const filename = m.media_details?.file?.split('/').pop() ?? m.source_url.split('/').pop() ?? `media-${m.id}`;
      return [{ id: m.id, kind: 'image', filename, url: m.source_url, sha256: '', ...(m.alt_text ? { alt: m.alt_text } : {}) }];
    } catch {
      return [];
    }
  }

  private result(post: WpPost, media: PortalMedia[], extra: Record<string, unknown>): PublishResult {
    return {
      remoteId: String(post.id),
      url: permalinkOf(post),
      meta: {
        placement: this.placement,
        postType: this.type,
        slug: post.slug,
        status: post.status,
        ...(post.date_gmt && post.status === 'future' ? { scheduledGmt: post.date_gmt } : {}),
        ...(post.featured_media ? { featuredMedia: post.featured_media } : {}),
        media: media.map((m) => ({ id: m.id, kind: m.kind, filename: m.filename, url: m.url, sha256: m.sha256 })),
        ...extra,
      },
    };
  }
}

/** What is kept on the delivery of one uploaded file (enough to reuse or delete it). */
function keptOf(m: PortalMedia): PortalMedia {
  return { id: m.id, kind: m.kind, filename: m.filename, url: m.url, sha256: m.sha256 };
}

/** Media an earlier attempt of this placement uploaded, kept on its delivery (`meta.uploads`). */
function keptUploads(d: Delivery | undefined): PortalMedia[] {
  const list = d?.meta?.uploads;
  if (!Array.isArray(list)) return [];
  return (list as Array<Partial<PortalMedia>>).filter(
    (m): m is PortalMedia => typeof m.id === 'number' && typeof m.url === 'string' && typeof m.sha256 === 'string' && (m.kind === 'image' || m.kind === 'document'),
  );
}

/** Media another placement of this comunicado already put on the portal, by file hash. */
function reusableMedia(c: Comunicado): Map<string, PortalMedia> {
  const out = new Map<string, PortalMedia>();
  for (const d of Object.values(c.deliveries)) {
    if (!d.destination.startsWith('portal:') || d.state !== 'done' || !Array.isArray(d.meta?.media)) continue;
    for (const m of d.meta.media as Array<Partial<PortalMedia>>) {
      if (typeof m.id === 'number' && typeof m.url === 'string' && m.sha256 && (m.kind === 'image' || m.kind === 'document')) {
        out.set(m.sha256, { id: m.id, kind: m.kind, filename: m.filename ?? '', url: m.url, sha256: m.sha256 });
      }
    }
  }
  return out;
}

function youtubeUrl(c: Comunicado): string | undefined {
  return Object.values(c.deliveries).find((d) => d.destination.startsWith('youtube:') && d.state === 'done' && d.url)?.url;
}
