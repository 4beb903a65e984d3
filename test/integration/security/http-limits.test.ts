import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/config/env.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { createLogger } from '../../../src/util/logger.ts';

/** Issue 12, item 13: half-open sockets cannot pile up on the bot's one HTTP server. */
describe('HTTP server limits', () => {
  let server: HttpServer | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await server?.close();
    server = undefined;
  });

  it('reads the limits from the environment, keeping the defaults for missing or bad values', () => {
    expect(readEnv({}).http).toEqual({});
    expect(readEnv({ HTTP_MAX_CONNECTIONS: '50', HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: 'muchos', HTTP_KEEP_ALIVE_TIMEOUT_MS: '-1' }).http).toEqual({
      maxConnections: 50,
      headersTimeoutMs: 2000,
    });
  });

  it('refuses sockets beyond maxConnections and closes half-open ones after the header timeout; real requests still get through', async () => {
    const logs: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'debug', destination: { write: (chunk: string) => void logs.push(JSON.parse(chunk) as Record<string, unknown>) } });
    server = new HttpServer(logger, { maxConnections: 20, headersTimeoutMs: 400, requestTimeoutMs: 600, keepAliveTimeoutMs: 200 });
    server.route('/healthz', (_req, res) => void res.writeHead(200).end('ok'));
    const port = await server.listen(0, '127.0.0.1');

    // 300 clients that connect and send half a request, then nothing (a slowloris).
    const closed = await Promise.all(
      Array.from({ length: 300 }, () => {
        const s = connect(port, '127.0.0.1');
        sockets.push(s);
        s.on('error', () => {});
        s.resume(); // read what the server sends (a 408), so its closing reaches us
        s.on('connect', () => s.write('GET /healthz HTTP/1.1\r\nHost: bot\r\n'));
        return new Promise<boolean>((resolve) => s.on('close', () => resolve(true)));
      }),
    );
    // Every one of them was closed by the server (refused at once, or cut at the timeout).
    expect(closed.every(Boolean)).toBe(true);
    const dropped = logs.filter((l) => l.msg === 'http: connection refused, too many open connections');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]).toMatchObject({ maxConnections: 20 });

    // The flood is over: an ordinary request is answered.
    const r = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(r.status).toBe(200);
  });
});
