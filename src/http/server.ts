import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../util/logger.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * The one HTTP server of the process, on PORT: /healthz, the Slack HTTP receiver at
 * /slack/events and the Telegram webhook mount their handlers here by path prefix.
 */
export class HttpServer {
  private readonly routes: Array<{ prefix: string; handler: RouteHandler }> = [];
  private server: Server | undefined;

  constructor(private readonly logger: Logger) {}

  route(prefix: string, handler: RouteHandler): void {
    this.routes.push({ prefix, handler });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    const server = createServer((req, res) => {
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
