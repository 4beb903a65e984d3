import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Slack's rate limit for chat.postMessage, in front of the Slack Web API fake: one
 * message per second per channel. A post that comes sooner is answered HTTP 429 with
 * `Retry-After` (seconds) and `{ok:false, error:"ratelimited"}`, and is NOT passed on, as
 * Slack refuses it without posting. With `global`, every channel shares one bucket (a
 * stricter limit than Slack's, to drive the hand-off through its 429 path on purpose).
 * Every other method passes through untouched.
 */
export interface SlackLimiter {
  url: string;
  /** 429s answered, per channel. */
  limited: Map<string, number>;
  total429(): number;
  /** Posts let through, per channel. */
  accepted: Map<string, number>;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function channelOf(raw: Buffer, contentType: string): string {
  const text = raw.toString('utf8');
  if (contentType.includes('application/json')) {
    try {
      return String((JSON.parse(text) as { channel?: unknown }).channel ?? '');
    } catch {
      return '';
    }
  }
  return new URLSearchParams(text).get('channel') ?? '';
}

export async function startSlackLimiter(options: { target: string; perChannelMs?: number; global?: boolean }): Promise<SlackLimiter> {
  const target = new URL(options.target);
  const windowMs = options.perChannelMs ?? 1000;
  const last = new Map<string, number>();
  const limited = new Map<string, number>();
  const accepted = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await body(req);
      const path = (req.url ?? '/').split('?')[0]!;
      if (req.method === 'POST' && path.endsWith('/chat.postMessage')) {
        const channel = channelOf(raw, String(req.headers['content-type'] ?? ''));
        const key = options.global ? '*' : channel;
        const now = Date.now();
        const prev = last.get(key);
        if (prev !== undefined && now - prev < windowMs) {
          bump(limited, channel);
          const retryAfter = Math.max(1, Math.ceil((prev + windowMs - now) / 1000));
          res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        last.set(key, now);
        bump(accepted, channel);
      }
      const headers = { ...req.headers, 'content-length': String(raw.length) };
      delete headers['transfer-encoding'];
      const up = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      up.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
      up.end(raw);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    limited,
    accepted,
    total429: () => [...limited.values()].reduce((a, b) => a + b, 0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
