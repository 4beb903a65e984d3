import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * The answers a WordPress site (or what stands in front of it) gives in the edge cases the
 * real test site cannot produce on demand, with the payloads WordPress and nginx document:
 * a logged-in editor (`/users/me?context=edit`), the post types (`/types`), empty slug
 * lookups, and per-route overrides (nginx 413 page, maintenance 503 with Retry-After: 600,
 * a redirect to https, a connection cut after the request was sent).
 */

export type Override = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface FakeWordPress {
  url: string;
  /** Route key `METHOD path` (path without /wp-json/wp/v2/), e.g. `POST media`. */
  override(route: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  hits: string[];
  close(): Promise<void>;
}

const ME = {
  id: 2,
  username: 'prensa',
  name: 'Prensa',
  roles: ['editor'],
  capabilities: { publish_posts: true, upload_files: true, edit_others_posts: true, manage_categories: true, edit_posts: true },
};

const TYPES = {
  post: { name: 'Posts', slug: 'post', rest_base: 'posts' },
  page: { name: 'Pages', slug: 'page', rest_base: 'pages' },
  attachment: { name: 'Media', slug: 'attachment', rest_base: 'media' },
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

export async function startFakeWordPress(): Promise<FakeWordPress> {
  const overrides = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const hits: string[] = [];
  let nextMedia = 500;
  const server = createServer((req, res) => {
    void (async () => {
      for await (const _ of req) void _; // drain the body
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/wp-json\/wp\/v2\//, '');
      const route = `${req.method} ${path}`;
      hits.push(route);
      const handler = overrides.get(route);
      if (handler) return handler(req, res);
      if (route === 'GET users/me') return json(res, 200, ME);
      if (route === 'GET types') return json(res, 200, TYPES);
      if (req.method === 'GET' && (path === 'posts' || path === 'categories' || path === 'tags')) return json(res, 200, []);
      if (route === 'POST media') {
        nextMedia++;
        return json(res, 201, { id: nextMedia, source_url: `http://fake/wp-content/uploads/${nextMedia}.jpg`, alt_text: '' });
      }
      if (req.method === 'DELETE' && path.startsWith('media/')) return json(res, 200, { deleted: true, previous: { id: Number(path.split('/')[1]) } });
      json(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    override: (route, handler) => overrides.set(route, handler),
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** nginx's own page when a body is over client_max_body_size. */
export const NGINX_413 =
  '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** What wp_maintenance() prints while WordPress updates (with `Retry-After: 600`). */
export const WP_MAINTENANCE = 'Briefly unavailable for scheduled maintenance. Check back in a minute.';
