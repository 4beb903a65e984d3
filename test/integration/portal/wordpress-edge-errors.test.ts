import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalPublishers } from '../../../src/publish/portal/index.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { NGINX_413, startFakeWordPress, WP_MAINTENANCE, type FakeWordPress } from '../../fakes/portal/wordpress-edge.ts';
import { byDestination, makeComunicado, makeContext, makeDeps, tempDataDir, writeImage } from './helpers.ts';
import { publishError } from '../../fixtures/publish-error.ts';

/*
 * The WordPress publisher's classification of what the real test site cannot be made to
 * answer: a proxy's 413, maintenance mode, a redirect, a connection cut after sending, the
 * portal down. Each must be a PublishError of the right kind with a Spanish message.
 */

describe('WordPress publisher: errors around the site', () => {
  let wp: FakeWordPress;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  let noticia: Publisher;

  beforeAll(async () => {
    wp = await startFakeWordPress();
    ({ dir: dataDir, cleanup } = await tempDataDir());
    const publishers = createPortalPublishers(makeDeps(dataDir, { type: 'wordpress' }, { PORTAL_URL: wp.url, PORTAL_USER: 'prensa', PORTAL_APP_PASSWORD: 'abcd efgh ijkl mnop qrst uvwx' }));
    noticia = byDestination(publishers, 'portal:noticia');
  });
  afterAll(async () => {
    await wp.close();
    await cleanup();
  });

  it('an upload refused by the proxy for its size (413): failed, and the earlier upload is deleted', async () => {
    const first = await writeImage(dataDir, 'primera.jpg', { r: 1, g: 1, b: 1 }, { alt: 'a' });
    const second = await writeImage(dataDir, 'segunda.jpg', { r: 2, g: 2, b: 2 }, { alt: 'b' });
    let uploads = 0;
    wp.override('POST media', (_req, res) => {
      uploads++;
      if (uploads === 1) {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 901, source_url: 'http://fake/wp-content/uploads/primera.jpg' }));
        return;
      }
      res.writeHead(413, { 'Content-Type': 'text/html' });
      res.end(NGINX_413);
    });
    const err = await publishError(noticia.publish(makeComunicado('C-2026-0300', { title: 'Fotos grandes', attachments: [first, second] }), makeContext(dataDir)));
    expect(err.kind).toBe('failed');
    expect(err.code).toBe('file_refused');
    expect(err.message).toBe(
      'El portal rechazó el archivo «segunda.jpg» por su tamaño. Redúzcalo (o pida al administrador subir el límite de subida del servidor) y vuelva a intentar. Los archivos que alcanzaron a subirse (1) se borraron del portal.',
    );
    expect(wp.hits).toContain('DELETE media/901');
    expect(wp.hits).not.toContain('POST posts');
  });

  it('maintenance mode (503, Retry-After: 600): retryable after the wait WordPress asked for', async () => {
    wp.override('GET posts', (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '600' });
      res.end(WP_MAINTENANCE);
    });
    const err = await publishError(noticia.publish(makeComunicado('C-2026-0301', { title: 'En mantenimiento' }), makeContext(dataDir)));
    expect(err.kind).toBe('retryable');
    expect(err.retryAfterMs).toBe(600_000);
    expect(err.message).toContain('El portal está en mantenimiento o no disponible por ahora (503)');
  });

  it('a connection cut after the post was sent: unknown (it may exist), media kept and listed', async () => {
    wp.override('GET posts', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('[]');
    });
    wp.override('POST media', (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: 950, source_url: 'http://fake/wp-content/uploads/x.jpg' }));
    });
    wp.override('POST posts', (req) => req.socket.destroy());
    const img = await writeImage(dataDir, 'corte.jpg', { r: 3, g: 3, b: 3 }, { alt: 'c' });
    const err = await publishError(noticia.publish(makeComunicado('C-2026-0302', { title: 'Corte', attachments: [img] }), makeContext(dataDir)));
    expect(err.kind).toBe('unknown');
    expect(err.code).toBe('portal_timeout');
    expect(err.message).toContain('no contestó a tiempo mientras creaba la entrada');
    expect(err.message).toContain('Los archivos subidos (ids 950) se dejaron en el portal');
    expect(wp.hits).not.toContain('DELETE media/950');
  });

  it('a redirect (http → https) is never followed: failed, names where it points', async () => {
    const other = await startFakeWordPress();
    other.override('GET users/me', (_req, res) => {
      res.writeHead(301, { Location: 'https://portal.example/wp-json/wp/v2/users/me' });
      res.end();
    });
    try {
      const p = byDestination(createPortalPublishers(makeDeps(dataDir, { type: 'wordpress' }, { PORTAL_URL: other.url, PORTAL_USER: 'prensa', PORTAL_APP_PASSWORD: 'abcd efgh' })), 'portal:noticia');
      const err = await publishError(p.publish(makeComunicado('C-2026-0303', { title: 'Redirección' }), makeContext(dataDir)));
      expect(err.kind).toBe('failed');
      expect(err.message).toBe(
        'El portal respondió con una redirección (301) hacia https://portal.example/wp-json/wp/v2/users/me. Configure PORTAL_URL con la dirección final (por ejemplo con https) y vuelva a intentar.',
      );
    } finally {
      await other.close();
    }
  });

  it('the portal down (connection refused): retryable, nothing was sent', async () => {
    const p = byDestination(createPortalPublishers(makeDeps(dataDir, { type: 'wordpress' }, { PORTAL_URL: 'http://127.0.0.1:9', PORTAL_USER: 'prensa', PORTAL_APP_PASSWORD: 'abcd efgh' })), 'portal:noticia');
    const err = await publishError(p.publish(makeComunicado('C-2026-0304', { title: 'Sin portal' }), makeContext(dataDir)));
    expect(err.kind).toBe('retryable');
    expect(err.code).toBe('portal_down');
    expect(err.message).toContain('El portal (http://127.0.0.1:9) no responde (ECONNREFUSED). No se publicó nada');
    const access = await p.checkAccess!();
    expect(access).toMatchObject({ ok: false, destination: 'portal:noticia' });
  });
});
