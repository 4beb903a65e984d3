import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { WpRequestError } from './client.ts';
import { parseRetryAfterMs } from '../../../util/retry-after.ts';

/** What the publisher was doing; it decides whether a lost answer may have created something. */
export type WpOperation = 'read' | 'upload' | 'create' | 'update' | 'delete' | 'terms';

export interface ErrorSubject {
  portalUrl: string;
  user: string;
  urlEnv: string;
  userEnv: string;
  passwordEnv: string;
  placement?: string;
  type?: string;
  file?: string;
  mime?: string;
}

/** Network failures that happen before a request reaches the server: nothing was created. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/** Longest text quoted back from the portal (its messages can carry HTML pages). */
function quote(s: string | undefined): string {
  const text = (s ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text || 'sin detalle';
}

/**
 * Turns a failed WordPress request into a PublishError whose Spanish message says what to
 * fix. The kind follows the engine's rule: `retryable` only when nothing can have been
 * created, `unknown` when the answer was lost after a write was sent.
 */
export function classifyWpError(err: unknown, op: WpOperation, s: ErrorSubject, now: Date): PublishError {
  if (err instanceof PublishError) return err;
  if (!(err instanceof WpRequestError)) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' && s.file) return new PublishError('failed', 'file_missing', t('portal.error.file_missing', { file: s.file }), { cause: err });
    return new PublishError(op === 'read' ? 'retryable' : 'unknown', 'portal_error', t('portal.error.server', { status: code ?? 'error', action: doing(op, s), detail: quote((err as Error)?.message) }), { cause: err });
  }
  const status = err.status;
  const detail = quote(err.body?.message);
  const wpCode = err.wpCode ?? '';

  if (status === undefined) {
    const code = err.networkCode ?? 'ERROR';
    if (NOT_SENT.has(code) || op === 'read') {
      return new PublishError('retryable', 'portal_down', t('portal.error.down', { url: s.portalUrl, code, urlEnv: s.urlEnv }), { cause: err });
    }
    // The request went out and the answer was lost: the item may exist.
    return new PublishError('unknown', 'portal_timeout', t('portal.error.timeout', { url: s.portalUrl, action: doing(op, s) }), { cause: err });
  }
  if (status >= 300 && status < 400) {
    return new PublishError('failed', 'portal_redirect', t('portal.error.redirect', { status, location: err.headers.location ?? '?', urlEnv: s.urlEnv }), { cause: err });
  }
  if (wpCode === 'application_passwords_disabled') {
    return new PublishError('failed', 'auth_failed', t('portal.error.app_passwords_off', { detail, urlEnv: s.urlEnv }), { cause: err, accountUnhealthy: true });
  }
  if (status === 401) {
    return new PublishError('failed', 'auth_failed', t('portal.error.auth', { user: s.user, status, userEnv: s.userEnv, passwordEnv: s.passwordEnv }), {
      cause: err,
      accountUnhealthy: true,
    });
  }
  if (op === 'upload' && (status === 413 || wpCode === 'rest_upload_file_too_big' || wpCode === 'rest_upload_limited_space')) {
    return new PublishError('failed', 'file_refused', t('portal.error.file_too_big', { file: s.file }), { cause: err });
  }
  if (op === 'upload' && (status === 415 || /not allowed to upload this file type/i.test(detail))) {
    return new PublishError('failed', 'file_refused', t('portal.error.file_type', { file: s.file, mime: s.mime ?? '?' }), { cause: err });
  }
  if (op === 'upload' && wpCode.startsWith('rest_upload_')) {
    // rest_upload_no_data also means the body was dropped for being over post_max_size.
    const key = wpCode === 'rest_upload_no_data' ? 'portal.error.file_too_big' : 'portal.error.file_refused';
    return new PublishError('failed', 'file_refused', t(key, { file: s.file, detail }), { cause: err });
  }
  if (status === 403) {
    return new PublishError('failed', 'forbidden', t('portal.error.forbidden', { user: s.user, action: t(`portal.action.${op}`), detail }), { cause: err });
  }
  if (status === 404 && wpCode === 'rest_no_route') {
    return new PublishError('failed', 'api_missing', t('portal.error.no_route', { path: err.path, detail, urlEnv: s.urlEnv, type: s.type ?? 'posts', placement: s.placement ?? 'noticia' }), {
      cause: err,
    });
  }
  if (status === 429) {
    const wait = parseRetryAfterMs(err.headers['retry-after'], now);
    return new PublishError('retryable', 'rate_limited', t('portal.error.rate_limited'), { cause: err, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  }
  if (status === 503) {
    // WordPress's maintenance mode and proxies answer 503 before WordPress runs.
    const wait = parseRetryAfterMs(err.headers['retry-after'], now);
    return new PublishError('retryable', 'portal_unavailable', t('portal.error.unavailable', { status }), { cause: err, ...(wait !== undefined ? { retryAfterMs: wait } : {}) });
  }
  if (status >= 400 && status < 500) {
    const params = err.body?.data?.params;
    const full = params ? `${detail} ${Object.entries(params).map(([k, v]) => `${k}: ${v}`).join('; ')}` : detail;
    return new PublishError('failed', wpCode || `http_${status}`, t('portal.error.invalid', { placement: s.placement ?? 'noticia', detail: quote(full) }), { cause: err });
  }
  // 5xx: a read can be repeated; a write may have gone through before the failure.
  const kind = op === 'read' ? 'retryable' : op === 'upload' ? 'failed' : 'unknown';
  return new PublishError(kind, 'portal_server_error', t('portal.error.server', { status, action: doing(op, s), detail }), { cause: err });
}

function doing(op: WpOperation, s: ErrorSubject): string {
  return t(`portal.doing.${op}`, { file: s.file });
}
