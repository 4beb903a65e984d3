import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `OAuth k="v", ...` -> { k: v } (values decoded). */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith('OAuth ')) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) out[m[1]!] = decodeURIComponent(m[2]!);
  return out;
}

/**
 * Verifies an OAuth 1.0a HMAC-SHA1 signature the way X does: over the method, the URL the
 * request actually reached (scheme, host, port, path) and the sorted oauth_* and query
 * parameters. JSON and multipart bodies are not part of the signature.
 */
export function verifyOAuth1(options: {
  method: string;
  baseUrl: string;
  query: URLSearchParams;
  oauth: Record<string, string>;
  consumerSecret: string;
  tokenSecret: string;
}): boolean {
  const { oauth_signature: signature, ...rest } = options.oauth;
  if (!signature) return false;
  const params: Array<[string, string]> = [...Object.entries(rest), ...options.query.entries()].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  params.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1));
  const paramString = params.map(([k, v]) => `${k}=${v}`).join('&');
  const base = [options.method.toUpperCase(), percentEncode(options.baseUrl), percentEncode(paramString)].join('&');
  const key = `${percentEncode(options.consumerSecret)}&${percentEncode(options.tokenSecret)}`;
  const expected = createHmac('sha1', key).update(base).digest();
  const got = Buffer.from(signature, 'base64');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
