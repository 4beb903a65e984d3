import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * A reverse proxy on 127.0.0.1 that holds every request for `delayMs` before passing it to
 * a local fake, so every fake "answers after 300 ms" without touching the fakes. Requests
 * are held independently (no queue): concurrency is whatever the client makes of it, and
 * the proxy records how many were in flight at once. A `Location` pointing at the fake is
 * rewritten to the proxy, so follow-up requests (YouTube's upload session) are delayed too.
 * With `tls`, it serves HTTPS with the fake's own test certificate and trusts it upstream,
 * and it forwards the Host header unchanged (the X fake checks OAuth signatures against it).
 */
export interface DelayProxy {
  url: string;
  requests: number;
  maxInFlight: number;
  /** [start, end] in performance.now() ms of every request, for the overlap report. */
  spans: Array<[number, number]>;
  close(): Promise<void>;
}

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer']);

export async function startDelayProxy(options: { target: string; delayMs: number; tls?: { key: string; cert: string } }): Promise<DelayProxy> {
  const target = new URL(options.target);
  const upstreamOrigin = target.origin;
  const secure = target.protocol === 'https:';
  let inFlight = 0;
  const state: DelayProxy = { url: '', requests: 0, maxInFlight: 0, spans: [], close: async () => {} };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const start = performance.now();
    state.requests += 1;
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      state.spans.push([start, performance.now()]);
    };
    res.on('close', end);
    req.pause();
    setTimeout(() => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = v;
      const send = secure ? httpsRequest : httpRequest;
      const upstream = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          ...(secure && options.tls ? { ca: options.tls.cert, servername: target.hostname === '127.0.0.1' ? undefined : target.hostname } : {}),
        },
        (up) => {
          const out: Record<string, string | string[]> = {};
          for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
          const loc = out['location'];
          if (typeof loc === 'string' && loc.startsWith(upstreamOrigin)) out['location'] = state.url + loc.slice(upstreamOrigin.length);
          res.writeHead(up.statusCode ?? 502, out);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      req.pipe(upstream);
      req.resume();
    }, options.delayMs);
  };

  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
