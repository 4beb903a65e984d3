import type { IncomingMessage, ServerResponse } from 'node:http';
import { t } from '../messages/index.ts';
import { escapeHtml } from '../render/escape.ts';
import type { Logger } from '../util/logger.ts';
import type { MediaDirectory } from './directory.ts';

/** The path the unsubscribe links point at when only `publicUrl` is configured. */
export const UNSUBSCRIBE_PATH = '/medios/baja';

const MAX_BODY = 4096;

function page(res: ServerResponse, status: number, title: string, body: string): void {
  const html = [
    '<!DOCTYPE html>',
    '<html lang="es-CO"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:40px auto;padding:0 16px">',
    `<main><h1 style="font-size:24px">${escapeHtml(title)}</h1>${body}</main>`,
    '</body></html>',
  ].join('\n');
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  });
  res.end(html);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The handler behind the List-Unsubscribe URL, for the app's HttpServer:
 *
 *   http.route(UNSUBSCRIBE_PATH, createUnsubscribeHandler({ directory, logger, office }))
 *
 * - GET shows a page with one button: link scanners and mail previews open links, so a
 *   GET alone never unsubscribes anyone.
 * - POST unsubscribes: the button's form, or the one-click POST a mail provider sends
 *   (RFC 8058, body `List-Unsubscribe=One-Click`, token in the URL). Idempotent.
 * The token is the contact's secret; an unknown token gets the same neutral page as a
 * used one, so the handler tells nothing about who is on the list.
 */
export function createUnsubscribeHandler(deps: {
  directory: MediaDirectory;
  logger: Logger;
  office: { name: string; entity: string };
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const who = `${deps.office.name} — ${deps.office.entity}`;
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let token = url.searchParams.get('t') ?? '';
    if (req.method === 'POST') {
      let body = '';
      try {
        body = await readBody(req);
      } catch {
        page(res, 413, t('media_email.web.error_title'), `<p>${escapeHtml(t('media_email.web.error'))}</p>`);
        return;
      }
      const form = new URLSearchParams(body);
      token = form.get('t') ?? token;
      const contact = token ? await deps.directory.unsubscribeByToken(token, 'url') : undefined;
      if (!contact) {
        page(res, 404, t('media_email.web.unknown_title'), `<p>${escapeHtml(t('media_email.web.unknown', { who }))}</p>`);
        return;
      }
      deps.logger.info({ via: 'url' }, 'media contact unsubscribed');
      page(res, 200, t('media_email.web.done_title'), `<p>${escapeHtml(t('media_email.web.done', { email: contact.email, who }))}</p>`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const contact = token ? await deps.directory.findByToken(token) : undefined;
    if (!contact) {
      page(res, 404, t('media_email.web.unknown_title'), `<p>${escapeHtml(t('media_email.web.unknown', { who }))}</p>`);
      return;
    }
    if (contact.status === 'unsubscribed') {
      page(res, 200, t('media_email.web.done_title'), `<p>${escapeHtml(t('media_email.web.done', { email: contact.email, who }))}</p>`);
      return;
    }
    const form =
      `<p>${escapeHtml(t('media_email.web.confirm', { email: contact.email, who }))}</p>` +
      `<form method="post" action="${escapeHtml(url.pathname)}">` +
      `<input type="hidden" name="t" value="${escapeHtml(token)}">` +
      `<button type="submit" style="font-size:18px;padding:10px 18px">${escapeHtml(t('media_email.web.button'))}</button>` +
      '</form>';
    page(res, 200, t('media_email.web.confirm_title'), form);
  };
}
