import type { RouteHandler } from './server.ts';

export const HEALTH_PATH = '/healthz';

/** What /healthz reports: the app's health (store, chats, extensions). */
export interface HealthSource {
  health(): { store: { ok: boolean }; chats: Record<string, { ok: boolean }> };
}

/**
 * GET or HEAD /healthz: 200 when the store and every chat adapter are healthy, 503
 * otherwise (the Docker HEALTHCHECK reads only the status), with the details as JSON.
 * Other methods get 405; sub-paths are not this route (404).
 */
export function healthRoute(app: HealthSource): RouteHandler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== HEALTH_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no encontrado\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('método no permitido\n');
      return;
    }
    const report = app.health();
    const ok = report.store.ok && Object.values(report.chats).every((c) => c.ok);
    const body = JSON.stringify({ ok, ...report });
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
