import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../util/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * Limits that keep idle or slow clients from holding the server: beyond `maxConnections`
 * new sockets are closed at once; a request must send its headers within
 * `headersTimeoutMs` and finish within `requestTimeoutMs`; an idle keep-alive socket
 * closes after `keepAliveTimeoutMs`. Slack and Telegram send small requests and answer
 * fast, so the defaults are generous for them and short for a slowloris.
 */
export interface HttpLimits {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * The one HTTP server of the process, on PORT: /healthz, the Slack HTTP receiver at
 * /slack/events and the Telegram webhook mount their handlers here by path prefix.
 */
export class HttpServer {
  private readonly routes: Array<{ prefix: string; handler: RouteHandler }> = [];
  private server: Server | undefined;

  private readonly limits: HttpLimits;

  constructor(
    private readonly logger: Logger,
    limits: Partial<HttpLimits> = {},
  ) {
    this.limits = { ...DEFAULT_HTTP_LIMITS, ...limits };
  }

  route(prefix: string, handler: RouteHandler): void {
    this.routes.push({ prefix, handler });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const { maxConnections, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = this.limits;
    // Node checks both timeouts every connectionsCheckingInterval: a tenth of the shorter
    // one, so a slow client is cut close to its limit.
    const connectionsCheckingInterval = Math.max(50, Math.min(1_000, Math.floor(Math.min(headersTimeoutMs, requestTimeoutMs) / 10)));
    const server = createServer({ headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, keepAliveTimeout: keepAliveTimeoutMs, connectionsCheckingInterval }, (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`) || (r.prefix.endsWith('/') && path.startsWith(r.prefix)));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no encontrado\n');
        return;
      }
      Promise.resolve(route.handler(req, res)).catch((err) => {
        this.logger.error({ err, path }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.maxConnections = maxConnections;
    let refused = 0;
    server.on('drop', () => {
      // Logged once per burst, not per socket: a flood must not also flood the log.
      if (refused++ % 100 === 0) this.logger.warn({ maxConnections, refused }, 'http: connection refused, too many open connections');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  get port(): number | undefined {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a.port : undefined;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections?.();
    });
  }
}
