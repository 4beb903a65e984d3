import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import type { Comunicado, Delivery, Destination, Placement } from '../../../domain/comunicado.ts';
import { t } from '../../../messages/index.ts';
import { renderPortalReading, type OfficeInfo } from '../../../render/portal-html.ts';
import type { Logger } from '../../../util/logger.ts';
import {
  PublishError,
  type AccessReport,
  type DestinationPreview,
  type PublishContext,
  type Publisher,
  type PublishResult,
  type TakeDownResult,
  type WithdrawResult,
} from '../../port.ts';
import { titleInBody, type PortalConfig } from '../config.ts';
import { portalSlug } from '../slug.ts';
import { bodyMode, fittedPreview, renderPlacementReading } from '../placement-body.ts';
import { fitPlacementImage, placementPreviewImages, placementSource, type PlacementImage } from '../fit-image.ts';
import { classifyHttpFailure, type HttpOperation } from './errors.ts';
import { buildHttpPayload } from './payload.ts';
import { signatureHeaders } from './signature.ts';

const CHECK_TTL_MS = 60_000;

interface Answer {
  status: number;
  data: unknown;
}

/** `{ id, url }` as the receiver answers a POST or a lookup. */
function itemOf(data: unknown): { id: string; url: string } | undefined {
  const d = data as { id?: unknown; url?: unknown } | null;
  const id = typeof d?.id === 'number' || typeof d?.id === 'string' ? String(d.id) : undefined;
  const url = typeof d?.url === 'string' && /^https?:\/\//.test(d.url) ? d.url : undefined;
  return id && url ? { id, url } : undefined;
}

/**
 * The portal's own receiver (docs/portal-http.md): one URL that takes a comunicado as a
 * signed multipart POST and answers `{id, url}`, looks one up by slug (GET), and removes
 * one (DELETE). Shared by the five placement publishers.
 */
export class HttpPortal {
  private readonly http: AxiosInstance;
  private checkCache?: { at: number; value: Promise<string[] | undefined> };

  constructor(
    readonly url: string,
    private readonly secret: string,
    readonly config: PortalConfig,
    readonly office: OfficeInfo,
    readonly logger: Logger,
    readonly now: () => Date,
  ) {
    this.http = axios.create({
      timeout: config.timeoutSeconds * 1000,
      maxRedirects: 0,
      // Every status is an answer to classify here, not an exception.
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
    });
  }

  /**
   * The signed access check (`GET ?check=1`). Its answer may list the placements the
   * portal publishes (`{"ok": true, "placements": [...]}`); undefined when it does not
   * say (every placement is taken). Cached for a minute: the preview asks once per
   * placement.
   */
  check(options: { fresh?: boolean } = {}): Promise<string[] | undefined> {
    const now = Date.now();
    if (!options.fresh && this.checkCache && now - this.checkCache.at <= CHECK_TTL_MS) return this.checkCache.value;
    const value = this.query('GET', { check: '1' }, 'read').then((answer) => {
      const list = (answer.data as { placements?: unknown } | null)?.placements;
      return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : undefined;
    });
    value.catch(() => {
      if (this.checkCache?.value === value) this.checkCache = undefined;
    });
    this.checkCache = { at: now, value };
    return value;
  }

  /** GET or DELETE with the query string signed. */
  async query(method: 'GET' | 'DELETE' | 'PATCH', params: Record<string, string>, op: HttpOperation, files = ''): Promise<Answer> {
    const target = new URL(this.url);
    for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
    const signed = target.search.replace(/^\?/, '');
    return this.send(op, files, () =>
      this.http.request({ method, url: target.toString(), headers: signatureHeaders(this.secret, signed, this.now()) }),
    );
  }

  /** POST of the comunicado: the JSON part (signed) and each file streamed from disk. */
  async post(json: string, files: Array<{ part: string; absPath: string; filename: string; mime: string }>, timeoutMs: number): Promise<Answer> {
    const names = files.map((f) => f.filename).join(', ');
    return this.send('create', names, async () => {
      const form = new FormData();
      form.append('comunicado', json);
      // openAsBlob reads the file as the request is sent: nothing is held in memory.
      for (const f of files) form.append(f.part, await openAsBlob(f.absPath, { type: f.mime }), f.filename);
      return this.http.post(this.url, form, {
        headers: signatureHeaders(this.secret, json, this.now()),
        timeout: timeoutMs,
        maxBodyLength: Infinity,
      });
    });
  }

  private async send(op: HttpOperation, files: string, run: () => Promise<{ status: number; data: unknown; headers: unknown }>): Promise<Answer> {
    const subject = { url: this.url, urlEnv: this.config.urlEnv, secretEnv: this.config.secretEnv, files };
    let res;
    try {
      res = await run();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new PublishError('failed', 'file_missing', t('portal.error.file_missing', { file: files }));
      if (axios.isAxiosError(err)) throw classifyHttpFailure({ networkCode: err.code ?? 'ERROR', headers: {} }, op, subject, this.now());
      throw err;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((res.headers ?? {}) as Record<string, unknown>)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    if (res.status >= 200 && res.status < 300) return { status: res.status, data: res.data };
    if (res.status === 404 && op !== 'create') return { status: 404, data: res.data };
    throw classifyHttpFailure({ status: res.status, headers, body: res.data }, op, subject, this.now());
  }
}

/** One placement on the generic portal. Publishing is idempotent by slug, like WordPress. */
export class HttpPortalPublisher implements Publisher {
  readonly dryRun = false;
  readonly marksCreate = true;
  readonly destination: Destination;

  constructor(
    readonly placement: Placement,
    private readonly portal: HttpPortal,
  ) {
    this.destination = `portal:${placement}`;
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const existing = await this.find(c);
    if (existing) return this.result(c, existing, { reconciled: true });
    const noticiaUrl = this.placement !== 'noticia' ? ctx.portal?.url : undefined;
    const mapping = this.portal.config.placements[this.placement];
    let fitted: PlacementImage | undefined;
    try {
      fitted = await fitPlacementImage(c, this.placement, mapping, ctx.dataDir, this.portal.config.imageBackground);
    } catch (err) {
      ctx.logger.warn({ err: String(err) }, 'placement image not fitted');
      throw new PublishError('failed', 'image_fit', t('kind.image.fit_failed', { file: placementSource(c)?.filename ?? '', placement: this.placement }));
    }
    const { doc, files } = buildHttpPayload(c, this.placement, this.portal.office, noticiaUrl, titleInBody(this.portal.config), mapping, fitted);
    ctx.progress(t('portal.progress.post', { placement: this.placement }));
    const json = JSON.stringify(doc);
    const timeoutMs = Math.min(this.portal.config.timeoutSeconds * 10_000, 30 * 60_000);
    await ctx.beforeCreate?.();
    const answer = await this.portal.post(
      json,
      files.map((f) => ({ part: f.part, absPath: join(ctx.dataDir, f.path), filename: f.filename, mime: f.mime })),
      timeoutMs,
    );
    const item = itemOf(answer.data);
    if (!item) {
      // It answered 2xx: the item probably exists, but we cannot say where.
      throw new PublishError('unknown', 'bad_response', t('portal.error.bad_response', { action: t('portal.doing.create'), detail: 'falta {id, url}' }));
    }
    return this.result(c, item, {});
  }

  async reconcile(c: Comunicado): Promise<PublishResult | null> {
    const item = await this.find(c);
    return item ? this.result(c, item, { reconciled: true }) : null;
  }

  async withdraw(c: Comunicado, delivery: Delivery): Promise<WithdrawResult> {
    const outcome = await this.remove(c, delivery, 'retiro');
    if (!outcome) return { outcome: 'not_found', detail: t('portal.withdraw.not_found') };
    return { outcome: 'removed', detail: t('portal.withdraw.http_removed', { id: outcome }) };
  }

  async takeDown(c: Comunicado, delivery: Delivery): Promise<TakeDownResult> {
    const outcome = await this.remove(c, delivery, 'vigencia');
    if (!outcome) return { outcome: 'not_found', detail: t('portal.takedown.not_found') };
    return { outcome: 'removed', detail: t('portal.takedown.http_removed', { id: outcome }) };
  }

  /**
   * A convocatoria closed: signed `PATCH {url}?id=…&closed=<ISO>&line=<text>` asks the
   * portal to add the line to the noticia (docs/portal-http.md). `404`: not found.
   */
  async markClosed(c: Comunicado, delivery: Delivery, _ctx: PublishContext, line: string): Promise<{ detail: string }> {
    const id = delivery.remoteId ?? (await this.find(c))?.id;
    if (!id) throw new PublishError('failed', 'not_found', t('kind.close.not_found'));
    const answer = await this.portal.query('PATCH', { id, closed: c.content.closesAt ?? '', line }, 'update');
    if (answer.status === 404) throw new PublishError('failed', 'not_found', t('kind.close.not_found'));
    return { detail: t('kind.close.updated', { id }) };
  }

  async previewImages(c: Comunicado, dataDir: string): Promise<Array<{ filename: string; data: Buffer; title: string }>> {
    return placementPreviewImages(c, this.placement, this.portal.config.placements[this.placement], dataDir, this.portal.config.imageBackground, (img) =>
      t('kind.image.preview_title', { placement: this.placement, width: img.width, height: img.height, alt: img.alt ?? t('kind.image.no_alt') }),
    );
  }

  async checkAccess(): Promise<AccessReport> {
    let accepted: string[] | undefined;
    try {
      accepted = await this.portal.check({ fresh: true });
    } catch (err) {
      return { destination: this.destination, ok: false, detail: `${this.portal.config.name}: ${(err as Error).message}` };
    }
    const detail = t('portal.access.http_ok', { portal: this.portal.config.name, url: this.portal.url });
    if (accepted && !accepted.includes(this.placement)) {
      return { destination: this.destination, ok: false, detail: `${detail}\n${t('portal.needs.http_placement', { placement: this.placement })}` };
    }
    return { destination: this.destination, ok: true, detail };
  }

  /** Whether the receiver publishes this placement (when its check lists them), before approval. */
  async checkNeeds(): Promise<string[]> {
    const accepted = await this.portal.check();
    return accepted && !accepted.includes(this.placement) ? [t('portal.needs.http_placement', { placement: this.placement })] : [];
  }

  preview(c: Comunicado): DestinationPreview {
    const warnings: string[] = [];
    if (this.placement !== 'noticia' && !c.content.vigenciaHasta) warnings.push(t('portal.preview.no_vigencia', { placement: this.placement }));
    const fit = fittedPreview(c, this.portal.config.placements[this.placement], this.portal.config.imageBackground);
    if (fit) warnings.push(fit);
    const text =
      bodyMode(this.placement, this.portal.config.placements[this.placement]) === 'short'
        ? renderPlacementReading(c, this.portal.office.timezone ?? 'America/Bogota')
        : renderPortalReading(c, this.portal.office);
    return { destination: this.destination, text, length: Array.from(text).length, warnings, dryRun: false };
  }

  /** DELETE by id (looked up by slug when the delivery has none). Returns the id removed. */
  private async remove(c: Comunicado, delivery: Delivery, reason: 'retiro' | 'vigencia'): Promise<string | undefined> {
    const id = delivery.remoteId ?? (await this.find(c))?.id;
    if (!id) return undefined;
    const answer = await this.portal.query('DELETE', { id, reason }, 'delete');
    return answer.status === 404 ? undefined : id;
  }

  private async find(c: Comunicado): Promise<{ id: string; url: string } | undefined> {
    const answer = await this.portal.query('GET', { slug: portalSlug(c.id, this.placement, c.content.title) }, 'read');
    if (answer.status === 404) return undefined;
    const item = itemOf(answer.data);
    // A receiver without the lookup cannot promise "never twice": a person must fix it.
    if (!item) throw new PublishError('failed', 'bad_response', t('portal.error.bad_response', { action: t('portal.doing.read'), detail: 'falta {id, url}' }));
    return item;
  }

  private result(c: Comunicado, item: { id: string; url: string }, extra: Record<string, unknown>): PublishResult {
    return { remoteId: item.id, url: item.url, meta: { placement: this.placement, slug: portalSlug(c.id, this.placement, c.content.title), ...extra } };
  }
}
