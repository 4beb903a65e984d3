import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Update } from 'telegraf/types';
import type { RouteHandler } from '../../http/server.ts';
import type { Logger } from '../../util/logger.ts';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Updates are small JSON documents; anything bigger is not from Telegram. */
const MAX_BODY = 1024 * 1024;

function sameSecret(got: string | string[] | undefined, secret: string): boolean {
  if (typeof got !== 'string') return false;
  const a = Buffer.from(got);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The webhook endpoint. Telegram sends the secret given to setWebhook in a header on every
 * call; a request without it (or with another) is refused before its body is read, so
 * nobody who merely knows the URL can speak for the group. The answer comes after the
 * update was handled: if the process dies midway Telegram sends it again, and the
 * dispatcher's event record makes sure it counts once.
 */
export function webhookHandler(options: { secret: string; logger: Logger; handle: (update: Update) => Promise<void> }): RouteHandler {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (!sameSecret(req.headers[SECRET_HEADER], options.secret)) {
      options.logger.warn({ remote: req.socket.remoteAddress, hasHeader: SECRET_HEADER in req.headers }, 'telegram webhook: refused a request without the right secret');
      req.resume();
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' }).end('no autorizado\n');
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    let update: Update;
    try {
      update = JSON.parse(body) as Update;
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (typeof update?.update_id !== 'number') {
      res.writeHead(400).end();
      return;
    }
    try {
      await options.handle(update);
    } catch (err) {
      options.logger.error({ err, updateId: update.update_id }, 'telegram webhook: update failed');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  };
}
