import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify/sync';
import { destinationKind } from '../domain/comunicado.ts';
import { guard } from '../media-email/csv.ts';
import type { RecordLine } from './chain.ts';
import { t } from '../messages/index.ts';
import type { RecordLog } from './log.ts';
import { readRecord } from './reader.ts';

export const OPEN_DATA_JSON = '/datos/comunicados.json';
export const OPEN_DATA_CSV = '/datos/comunicados.csv';

/** One published item as the open data shows it: nothing about people, only what was made public. */
export interface OpenItem {
  id: string;
  titulo: string;
  tipo: string;
  /** When its first public destination went out (ISO, UTC). */
  publicado: string;
  enlacePortal: string | null;
  redes: Array<{ destino: string; enlace: string }>;
  retirado: boolean;
  fechaRetiro: string | null;
}

interface Acc {
  title: string;
  kind: string;
  published?: string;
  portal?: string;
  networks: Map<string, string>;
  withdrawnAt?: string;
}

const FOUND = new Set(['delivery_done', 'delivery_reconciled', 'delivery_confirmed']);

/**
 * The Ley 1712 open data, read from the record: every comunicado with at least one public
 * destination that really went out (not a simulation, not an email), its title, kind,
 * date, the portal and network links, and whether and when it was withdrawn. Drafts and
 * rejected ones never have a delivery, so they never appear. No person is named.
 *
 * The list is built from the whole record at the first request (not at start-up, which
 * must not grow with history) and then kept current from each new line.
 */
export class OpenData {
  private readonly byId = new Map<string, Acc>();
  private lastN = 0;
  private built: Promise<void> | undefined;
  private pending: RecordLine[] | undefined = [];
  private cache: { json?: string; csv?: string } = {};

  constructor(
    private readonly record: RecordLog,
    private readonly about: { entity: string; office: string; now: () => Date },
  ) {
    record.onAppend((lines) => {
      if (this.pending) this.pending.push(...lines);
      else for (const l of lines) this.apply(l);
    });
  }

  private apply(l: RecordLine): void {
    if (l.n <= this.lastN) return;
    this.lastN = l.n;
    if (l.kind !== 'comunicado' || !l.id) return;
    this.cache = {};
    let acc = this.byId.get(l.id);
    if (!acc) {
      acc = { title: '', kind: 'comunicado', networks: new Map() };
      this.byId.set(l.id, acc);
    }
    if (typeof l.title === 'string' && !acc.published) acc.title = l.title;
    if (typeof l.submissionKind === 'string') acc.kind = l.submissionKind;
    if (l.action === 'withdraw') acc.withdrawnAt ??= l.at;
    const dest = typeof l.destination === 'string' ? l.destination : undefined;
    if (!dest || !FOUND.has(l.action) || l.dryRun === true || typeof l.url !== 'string' || !/^https?:\/\//.test(l.url)) return;
    const kind = destinationKind(dest);
    if (kind === 'email') return;
    acc.published ??= l.at;
    if (kind === 'portal') acc.portal ??= l.url;
    else acc.networks.set(dest, l.url);
  }

  private async build(): Promise<void> {
    this.built ??= (async () => {
      for await (const r of readRecord(this.record.dir)) if (r.line) this.apply(r.line);
      for (const l of this.pending ?? []) this.apply(l);
      this.pending = undefined;
    })();
    return this.built;
  }

  async items(): Promise<OpenItem[]> {
    await this.build();
    const out: OpenItem[] = [];
    for (const [id, a] of this.byId) {
      if (!a.published) continue;
      out.push({
        id,
        titulo: a.title,
        tipo: a.kind,
        publicado: a.published,
        enlacePortal: a.portal ?? null,
        redes: [...a.networks].map(([destino, enlace]) => ({ destino, enlace })),
        retirado: !!a.withdrawnAt,
        fechaRetiro: a.withdrawnAt ?? null,
      });
    }
    return out.sort((x, y) => y.publicado.localeCompare(x.publicado) || y.id.localeCompare(x.id));
  }

  async json(): Promise<string> {
    await this.build();
    this.cache.json ??= `${JSON.stringify(
      { entidad: this.about.entity, dependencia: this.about.office, generado: this.about.now().toISOString(), total: (await this.items()).length, comunicados: await this.items() },
      null,
      2,
    )}\n`;
    return this.cache.json;
  }

  async csv(): Promise<string> {
    await this.build();
    if (this.cache.csv === undefined) {
      const rows = (await this.items()).map((i) => [
        i.id,
        i.titulo,
        i.tipo,
        i.publicado,
        i.enlacePortal ?? '',
        i.redes.map((r) => `${r.destino} ${r.enlace}`).join(' | '),
        i.retirado ? 'sí' : 'no',
        i.fechaRetiro ?? '',
      ]);
      const header = ['id', 'titulo', 'tipo', 'publicado', 'enlace_portal', 'redes', 'retirado', 'fecha_retiro'];
      this.cache.csv = `\uFEFF${stringify([header, ...rows.map((r) => r.map(guard))], { record_delimiter: '\r\n' })}`;
    }
    return this.cache.csv;
  }

  /**
   * The HTTP handler of both routes: GET and HEAD only, anyone may fetch it (CORS). A body
   * is never read (the limit is zero bytes): a request that announces one is answered and
   * its connection closed, so nobody can keep the server reading.
   */
  handler(format: 'json' | 'csv') {
    return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if (hasBody) res.setHeader('connection', 'close');
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end(t('record.open_data.method'));
        return;
      }
      if (hasBody) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end(t('record.open_data.body'));
        return;
      }
      const body = format === 'json' ? await this.json() : await this.csv();
      res.writeHead(200, {
        'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        ...(format === 'csv' ? { 'content-disposition': 'inline; filename="comunicados.csv"' } : {}),
        'content-length': Buffer.byteLength(body),
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
  }
}
