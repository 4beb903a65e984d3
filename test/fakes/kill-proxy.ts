import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of a platform fake that can end the bot at the worst moment:
 * right after the platform answered "created" and before the bot could record it. The
 * answer is written to the bot's socket in full, then `onCreated` runs (the test sends
 * SIGKILL to the bot process). With `killOnArrival`, a request it matches (status 0) is
 * never forwarded: the bot dies as it sends it, between two phases (the portal's uploads
 * done, its post not sent).
 */
export async function startKillProxy(
  target: string,
  shouldKill: (req: IncomingMessage, status: number) => boolean,
  onCreated: () => void,
  options: { killOnArrival?: (req: IncomingMessage) => boolean } = {},
): Promise<{ url: string; kills: number; close(): Promise<void> }> {
  const state = { kills: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    if (state.kills === 0 && options.killOnArrival?.(req)) {
      state.kills++;
      onCreated();
      req.resume();
      return;
    }
    const fwd = request(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = up.statusCode ?? 502;
          const headers = { ...up.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(status, headers);
          const kill = state.kills === 0 && shouldKill(req, status);
          res.end(body, () => {
            if (kill) {
              state.kills++;
              onCreated();
            }
          });
        });
      },
    );
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get kills() {
      return state.kills;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
