import { t } from '../../../messages/index.ts';
import { PublishError } from '../../port.ts';
import { parseRetryAfterMs } from '../../../util/retry-after.ts';

/** What the publisher was doing: a lost answer to a write may mean the item exists. */
export type HttpOperation = 'read' | 'create' | 'delete' | 'update';

/** A failed exchange with the generic portal: an answer with a bad status, or none. */
export interface HttpFailure {
  status?: number;
  networkCode?: string;
  headers: Record<string, string>;
  /** `{ "error": "..." }` as the receiver answers (docs/portal-http.md). */
  body?: unknown;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function said(body: unknown): string {
  const b = body as { error?: unknown; message?: unknown } | undefined;
  const text = typeof b?.error === 'string' ? b.error : typeof b?.message === 'string' ? b.message : typeof body === 'string' ? body : '';
  const clean = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean || 'sin detalle';
}

function retryAfter(headers: Record<string, string>, now: Date): { retryAfterMs?: number } {
  const ms = parseRetryAfterMs(headers['retry-after'], now);
  return ms !== undefined ? { retryAfterMs: ms } : {};
}

/** The generic portal's failures as PublishErrors with the same rules as WordPress. */
export function classifyHttpFailure(
  f: HttpFailure,
  op: HttpOperation,
  s: { url: string; urlEnv: string; secretEnv: string; files: string },
  now: Date,
): PublishError {
  const action = t(op === 'create' ? 'portal.doing.create' : op === 'delete' ? 'portal.doing.delete' : op === 'update' ? 'portal.doing.update' : 'portal.doing.read');
  if (f.status === undefined) {
    const code = f.networkCode ?? 'ERROR';
    if (NOT_SENT.has(code) || op === 'read') return new PublishError('retryable', 'portal_down', t('portal.error.down', { url: s.url, code, urlEnv: s.urlEnv }));
    return new PublishError('unknown', 'portal_timeout', t('portal.error.timeout', { url: s.url, action }));
  }
  const status = f.status;
  if (status >= 300 && status < 400) return new PublishError('failed', 'portal_redirect', t('portal.error.redirect', { status, location: f.headers.location ?? '?', urlEnv: s.urlEnv }));
  if (status === 401 || status === 403) {
    return new PublishError('failed', 'signature_rejected', t('portal.error.http_signature', { status, secretEnv: s.secretEnv }), { accountUnhealthy: true });
  }
  if (status === 413) return new PublishError('failed', 'file_refused', t('portal.error.file_too_big', { file: s.files }));
  if (status === 415) return new PublishError('failed', 'file_refused', t('portal.error.file_type', { file: s.files, mime: '?' }));
  if (status === 429) return new PublishError('retryable', 'rate_limited', t('portal.error.rate_limited'), retryAfter(f.headers, now));
  if (status === 503) return new PublishError('retryable', 'portal_unavailable', t('portal.error.unavailable', { status }), retryAfter(f.headers, now));
  if (status >= 400 && status < 500) return new PublishError('failed', 'http_refused', t('portal.error.http_refused', { status, detail: said(f.body) }));
  const kind = op === 'read' ? 'retryable' : 'unknown';
  return new PublishError(kind, 'portal_server_error', t('portal.error.server', { status, action, detail: said(f.body) }));
}
