import axios, { isAxiosError, type AxiosInstance } from 'axios';

/** The error object the Graph API returns (`{ "error": { ... } }`). */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/**
 * The Graph API answered, and the answer is an error. Carries method, path (no query
 * string), status, the error object and the response headers (rate-limit usage), and
 * nothing that could hold the token: no URL with parameters, no request headers.
 */
export class GraphApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly error: GraphErrorBody,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    super(`Graph ${method} /${path}: HTTP ${status} code ${error.code ?? '?'}${error.error_subcode ? `/${error.error_subcode}` : ''}`);
    this.name = 'GraphApiError';
  }
}

/**
 * No HTTP answer. `sent` says whether the request may have reached the server: false for
 * failures while connecting (refused, DNS, unreachable, TLS), true for anything later
 * (reset, timeout), when the platform may have acted on it.
 */
export class GraphNetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly code: string,
    readonly sent: boolean,
  ) {
    super(`Graph ${method} /${path}: ${code}`);
    this.name = 'GraphNetworkError';
  }
}

/** Errors raised while connecting: the request never left this machine. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export type GraphParams = Record<string, string | number | boolean | undefined>;

export interface GraphClientOptions {
  /** `GRAPH_API_URL`, e.g. https://graph.facebook.com (tests point it at 127.0.0.1). */
  baseUrl: string;
  /** From config `accounts.graphVersion`, e.g. v21.0. */
  version: string;
  token: string;
  /** Per request; uploads get `uploadTimeoutMs`. */
  timeoutMs?: number;
  uploadTimeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

/**
 * A thin Graph API client over axios. The token travels in the Authorization header, never
 * in the URL, so no log line or error built from a URL can carry it. Every failure comes
 * out as GraphApiError or GraphNetworkError (sanitized): the axios error, whose config
 * holds the headers, never leaves this file.
 */
export class GraphClient {
  private readonly http: AxiosInstance;
  private readonly uploadTimeoutMs: number;

  constructor(options: GraphClientOptions) {
    this.uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;
    this.http = axios.create({
      baseURL: `${options.baseUrl.replace(/\/+$/, '')}/${options.version}/`,
      timeout: options.timeoutMs ?? 30_000,
      headers: { Authorization: `Bearer ${options.token}` },
      // Every status is an answer to read: the Graph error object says what happened.
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  get<T>(path: string, params: GraphParams = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, { params: clean(params), signal: options.signal });
  }

  /** Form-encoded POST (the documented way), or multipart when given FormData (file uploads). */
  post<T>(path: string, body: GraphParams | FormData, options: RequestOptions = {}): Promise<T> {
    const isUpload = body instanceof FormData;
    const data = isUpload ? body : new URLSearchParams(stringify(clean(body)));
    return this.request<T>('POST', path, { data, signal: options.signal, ...(isUpload ? { timeout: this.uploadTimeoutMs } : {}) });
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('DELETE', path, { signal: options.signal });
  }

  private async request<T>(
    method: string,
    path: string,
    extra: { params?: GraphParams; data?: unknown; signal?: AbortSignal | undefined; timeout?: number },
  ): Promise<T> {
    const cleanPath = path.replace(/^\/+/, '');
    let res;
    try {
      res = await this.http.request({
        method,
        url: cleanPath,
        ...(extra.params ? { params: extra.params } : {}),
        ...(extra.data !== undefined ? { data: extra.data } : {}),
        ...(extra.signal ? { signal: extra.signal } : {}),
        ...(extra.timeout ? { timeout: extra.timeout } : {}),
      });
    } catch (err) {
      throw toNetworkError(method, cleanPath, err);
    }
    const body = res.data as unknown;
    const graphError = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: GraphErrorBody }).error : undefined;
    if (res.status >= 400 || graphError) {
      throw new GraphApiError(method, cleanPath, res.status, graphError ?? { message: `HTTP ${res.status}` }, plainHeaders(res.headers));
    }
    return body as T;
  }
}

function toNetworkError(method: string, path: string, err: unknown): GraphNetworkError {
  if (isAxiosError(err)) {
    const cause = (err.cause as { code?: string } | undefined)?.code;
    const code = err.code && err.code !== 'ERR_NETWORK' ? err.code : (cause ?? err.code ?? 'ERR_NETWORK');
    return new GraphNetworkError(method, path, code, !NOT_SENT.has(code) && !NOT_SENT.has(cause ?? ''));
  }
  const code = (err as { code?: string } | undefined)?.code ?? 'ERR_UNKNOWN';
  return new GraphNetworkError(method, path, code, !NOT_SENT.has(code));
}

function clean(params: GraphParams): GraphParams {
  const out: GraphParams = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

function stringify(params: GraphParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = String(v);
  return out;
}

function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === 'object') {
    const json = (headers as { toJSON?: () => Record<string, unknown> }).toJSON?.() ?? (headers as Record<string, unknown>);
    for (const [k, v] of Object.entries(json)) {
      if (typeof v === 'string') out[k.toLowerCase()] = v;
      else if (typeof v === 'number') out[k.toLowerCase()] = String(v);
    }
  }
  return out;
}
