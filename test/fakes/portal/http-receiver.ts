import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A portal's receiving side as docs/portal-http.md asks the maintainers to build it,
 * written independently of the bot's code: it checks the HMAC signature and its age,
 * parses the multipart body, checks each file against the SHA-256 the signed JSON
 * declares, stores items by slug (so a repeated POST returns the same item) and answers
 * lookups, deletions and the access check.
 */

export interface StoredItem {
  id: string;
  url: string;
  doc: Record<string, unknown> & { slug: string; attachments: Array<{ part: string; sha256: string; filename: string; mime: string }> };
  files: Record<string, { name: string; type: string; size: number; sha256: string }>;
  deleted?: { reason: string | null };
  /** The «Convocatoria cerrada el …» line a signed PATCH added (docs/portal-http.md). */
  closedLine?: string;
  /** Date.now() when it was stored (the slug lookup finds it `listingLagMs` later). */
  createdAt?: number;
}

export interface ReceivedRequest {
  method: string;
  query: string;
  signatureOk: boolean;
  status: number;
}

export interface FailAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  method?: 'GET' | 'POST' | 'DELETE' | 'PATCH';
}

export interface FakeHttpPortal {
  url: string;
  items: StoredItem[];
  requests: ReceivedRequest[];
  /**
   * The next signed request (of `method`, when given) gets this answer instead, after its
   * signature was checked.
   */
  failNext(answer: FailAnswer): void;
  close(): Promise<void>;
}

const MAX_SKEW_SECONDS = 300;

function verify(secret: string, timestamp: string | undefined, signature: string | undefined, signed: string): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${signed}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export interface FakeHttpPortalOptions {
  /**
   * The placements this portal publishes (docs/portal-http.md, GET check): the check
   * lists them and a POST of another one is refused with 422. Unset: every placement.
   */
  placements?: string[];
  /** How long a new item stays invisible to the slug lookup (a portal whose cache or index lags). */
  listingLagMs?: number;
}

export async function startFakeHttpPortal(secret: string, options: FakeHttpPortalOptions = {}): Promise<FakeHttpPortal> {
  const items: StoredItem[] = [];
  const requests: ReceivedRequest[] = [];
  let failure: FailAnswer | undefined;
  const takeFailure = (method: string | undefined): FailAnswer | undefined => {
    if (!failure || (failure.method && failure.method !== method)) return undefined;
    const f = failure;
    failure = undefined;
    return f;
  };
  let base = '';

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const target = new URL(req.url ?? '/', 'http://fake');
      const query = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
      const ts = req.headers['x-comunicados-timestamp'] as string | undefined;
      const sig = req.headers['x-comunicados-signature'] as string | undefined;
      const record = (status: number, signatureOk: boolean) => requests.push({ method: req.method ?? '', query, signatureOk, status });

      if (req.method === 'POST') {
        const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: raw }).formData();
        const json = form.get('comunicado');
        if (typeof json !== 'string' || !verify(secret, ts, sig, json)) {
          record(401, false);
          return send(res, 401, { error: 'Firma inválida' });
        }
        const f = takeFailure(req.method);
        if (f) {
          record(f.status, true);
          return send(res, f.status, f.body, f.headers);
        }
        const doc = JSON.parse(json) as StoredItem['doc'];
        if (options.placements && !options.placements.includes(String(doc.placement))) {
          record(422, true);
          return send(res, 422, { error: `Este portal no publica la ubicación ${String(doc.placement)}.` });
        }
        const existing = items.find((i) => i.doc.slug === doc.slug && !i.deleted);
        if (existing) {
          record(200, true);
          return send(res, 200, { id: existing.id, url: existing.url });
        }
        const files: StoredItem['files'] = {};
        for (const a of doc.attachments) {
          const file = form.get(a.part);
          if (!(file instanceof File)) {
            record(400, true);
            return send(res, 400, { error: `Falta el archivo ${a.part}` });
          }
          const bytes = Buffer.from(await file.arrayBuffer());
          const hash = createHash('sha256').update(bytes).digest('hex');
          if (hash !== a.sha256) {
            record(400, true);
            return send(res, 400, { error: `El archivo ${a.part} no coincide con su sha256` });
          }
          files[a.part] = { name: file.name, type: file.type, size: bytes.length, sha256: hash };
        }
        const id = String(1000 + items.length);
        const item: StoredItem = { id, url: `${base}/comunicados/${doc.slug}`, doc, files, createdAt: Date.now() };
        items.push(item);
        record(201, true);
        return send(res, 201, { id, url: item.url });
      }

      if (!verify(secret, ts, sig, query)) {
        record(401, false);
        return send(res, 401, { error: 'Firma inválida' });
      }
      const f = takeFailure(req.method);
      if (f) {
        record(f.status, true);
        return send(res, f.status, f.body, f.headers);
      }
      if (req.method === 'GET' && target.searchParams.get('check') === '1') {
        record(200, true);
        return send(res, 200, options.placements ? { ok: true, placements: options.placements } : { ok: true });
      }
      if (req.method === 'GET' && target.searchParams.has('slug')) {
        const lag = options.listingLagMs ?? 0;
        const item = items.find((i) => i.doc.slug === target.searchParams.get('slug') && !i.deleted && Date.now() - (i.createdAt ?? 0) >= lag);
        record(item ? 200 : 404, true);
        return item ? send(res, 200, { id: item.id, url: item.url }) : send(res, 404, { error: 'No existe' });
      }
      if (req.method === 'PATCH' && target.searchParams.has('id') && target.searchParams.has('line')) {
        const item = items.find((i) => i.id === target.searchParams.get('id') && !i.deleted);
        if (!item) {
          record(404, true);
          return send(res, 404, { error: 'No existe' });
        }
        item.closedLine ??= target.searchParams.get('line')!;
        record(200, true);
        return send(res, 200, { id: item.id, closed: true });
      }
      if (req.method === 'DELETE' && target.searchParams.has('id')) {
        const item = items.find((i) => i.id === target.searchParams.get('id') && !i.deleted);
        if (!item) {
          record(404, true);
          return send(res, 404, { error: 'No existe' });
        }
        item.deleted = { reason: target.searchParams.get('reason') };
        record(200, true);
        return send(res, 200, { id: item.id, deleted: true });
      }
      record(400, true);
      return send(res, 400, { error: 'Solicitud no reconocida' });
    })().catch((err: unknown) => send(res, 500, { error: String(err) }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/api/comunicados.php`,
    items,
    requests,
    failNext: (answer) => {
      failure = answer;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
