import type { ITwitterApiClientPlugin } from 'twitter-api-v2';

/** Hosts twitter-api-v2 builds its URLs with (v2, v1.1 uploads, older twitter.com names). */
const X_HOSTS = new Set(['api.x.com', 'upload.x.com', 'api.twitter.com', 'upload.twitter.com']);

/**
 * A twitter-api-v2 client plugin that sends every request to `base` (X_API_URL) instead of
 * api.x.com: a proxy, or a local fake in tests. It rewrites the URL in
 * `onBeforeRequestConfig`, which runs before the OAuth 1.0a signature is computed, so the
 * request is signed for the URL it really goes to. It also gives each request a timeout
 * when the caller set none, so a stalled connection cannot hang a delivery forever.
 */
export function baseUrlPlugin(base: string, options: { timeoutMs?: number } = {}): ITwitterApiClientPlugin {
  const target = new URL(base);
  const prefix = target.pathname.replace(/\/+$/, '');
  return {
    onBeforeRequestConfig({ params }) {
      if (params.timeout === undefined && options.timeoutMs) params.timeout = options.timeoutMs;
      const url = new URL(params.url.startsWith('http') ? params.url : `https://${params.url}`);
      if (!X_HOSTS.has(url.hostname)) return;
      params.url = `${target.origin}${prefix}${url.pathname}${url.search}`;
    },
  };
}
