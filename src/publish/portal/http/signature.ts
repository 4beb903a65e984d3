import { createHmac } from 'node:crypto';

/** Headers of the generic http portal's signature (docs/portal-http.md). */
export const TIMESTAMP_HEADER = 'X-Comunicados-Timestamp';
export const SIGNATURE_HEADER = 'X-Comunicados-Signature';

/**
 * HMAC-SHA256 over `<timestamp>.<signed text>`, hex, prefixed `sha256=`. The signed text
 * is the JSON part of a POST, or the query string of a GET or DELETE. The timestamp
 * (Unix seconds) is signed too, so the portal can refuse old, replayed requests.
 */
export function sign(secret: string, timestamp: number, signed: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${signed}`, 'utf8').digest('hex')}`;
}

export function signatureHeaders(secret: string, signed: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, signed) };
}
