import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { safeFilename } from '../slug.ts';

export interface WpCredentials {
  /** Site address, e.g. https://ibague.gov.co (the REST API lives at /wp-json/). */
  url: string;
  user: string;
  /** Application password (spaces allowed, as WordPress shows it). */
  password: string;
}

/** A WordPress REST error body: `{ code, message, data: { status, params? } }`. */
export interface WpErrorBody {
  code?: string;
  message?: string;
  data?: { status?: number; params?: Record<string, string>; term_id?: number } | null;
}

/** What went wrong with one request, before it is classified for the person. */
export class WpRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** HTTP status, absent when no answer came (network). */
    readonly status: number | undefined,
    /** Network error code (ECONNREFUSED, ECONNABORTED...) when no answer came. */
    readonly networkCode: string | undefined,
    readonly body: WpErrorBody | undefined,
    readonly headers: Record<string, string>,
    options: { cause?: unknown } = {},
  ) {
    super(`${method} ${path}: ${status ?? networkCode ?? 'error'} ${body?.code ?? ''}`.trim(), options);
    this.name = 'WpRequestError';
  }

  get wpCode(): string | undefined {
    return this.body?.code;
  }
}

export interface UploadFile {
  absPath: string;
  filename: string;
  mime: string;
  alt?: string;
  /** Caption as HTML (already escaped). */
  caption?: string;
}

export interface WpMedia {
  id: number;
  source_url: string;
  link?: string;
  alt_text?: string;
  mime_type?: string;
}

/**
 * Thin client of the WordPress REST API (`/wp-json/wp/v2/`) with an application password.
 * It only speaks HTTP and turns failures into WpRequestError; deciding what a failure
 * means for the comunicado is errors.ts's job.
 */
export class WpClient {
  private readonly http: AxiosInstance;
  readonly siteUrl: string;
  readonly user: string;

  constructor(credentials: WpCredentials, options: { timeoutMs: number }) {
    this.siteUrl = credentials.url.replace(/\/+$/, '');
    this.user = credentials.user;
    this.http = axios.create({
      baseURL: `${this.siteUrl}/wp-json/wp/v2/`,
      auth: { username: credentials.user, password: credentials.password },
      timeout: options.timeoutMs,
      // A redirect (http -> https, another host) would turn a POST into a GET of the list
      // and look like success: never follow, report it instead.
      maxRedirects: 0,
      headers: { Accept: 'application/json' },
      // WordPress answers JSON; keep the body of every answer to classify errors.
      responseType: 'json',
    });
  }

  async get<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    return this.request<T>({ method: 'GET', url: path, params });
  }

  async post<T>(path: string, data: unknown, params?: Record<string, string | number>): Promise<T> {
    return this.request<T>({ method: 'POST', url: path, data, params });
  }

  /** The route's description (`OPTIONS`), whose `schema` lists the fields the REST API takes. */
  async options<T>(path: string): Promise<T> {
    return this.request<T>({ method: 'OPTIONS', url: path });
  }

  async delete<T>(path: string, params?: Record<string, string | number | boolean>): Promise<T> {
    return this.request<T>({ method: 'DELETE', url: path, params });
  }

  /**
   * Uploads a file to /media, streamed from disk as the raw body (no multipart, no copy in
   * memory). Alt text and caption go as query parameters of the same request, which the
   * media endpoint applies to the new attachment.
   */
  async uploadMedia(file: UploadFile, timeoutMs: number): Promise<WpMedia> {
    const { size } = await stat(file.absPath);
    const params: Record<string, string> = {};
    if (file.alt) params.alt_text = file.alt;
    if (file.caption) params.caption = file.caption;
    return this.request<WpMedia>({
      method: 'POST',
      url: 'media',
      params,
      data: createReadStream(file.absPath),
      headers: {
        'Content-Type': file.mime,
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="${safeFilename(file.filename)}"`,
      },
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
      timeout: timeoutMs,
    });
  }

  private async request<T>(config: AxiosRequestConfig): Promise<T> {
    const method = (config.method ?? 'GET').toUpperCase();
    const path = String(config.url ?? '');
    try {
      const res = await this.http.request<T>(config);
      return res.data;
    } catch (err) {
      if (axios.isAxiosError(err)) {
        const res = err.response;
        const body = res && typeof res.data === 'object' && res.data !== null ? (res.data as WpErrorBody) : undefined;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res?.headers ?? {})) if (typeof v === 'string') headers[k.toLowerCase()] = v;
        // The error keeps no request config: it holds the Authorization header.
        throw new WpRequestError(method, path, res?.status, res ? undefined : (err.code ?? undefined), body, headers);
      }
      throw err;
    }
  }
}
