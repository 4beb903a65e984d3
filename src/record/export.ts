import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import type { RecordLine } from './chain.ts';
import { guard } from '../media-email/csv.ts';
import { actionLabel } from './history.ts';
import { readRecord } from './reader.ts';

export interface Period {
  /** First day (YYYY-MM-DD, office time), included. */
  from: string;
  /** Last day (YYYY-MM-DD, office time), included. */
  to: string;
  zone: string;
}

/** The instants a period of whole days covers in the office's time zone. */
export function periodBounds(p: Period): { start: number; end: number } {
  const start = DateTime.fromISO(p.from, { zone: p.zone }).startOf('day');
  const end = DateTime.fromISO(p.to, { zone: p.zone }).endOf('day');
  if (!start.isValid || !end.isValid) throw new RangeError('invalid period');
  return { start: start.toMillis(), end: end.toMillis() };
}

/** Every line of the record in the period, oldest first (files of other years are skipped). */
export async function linesIn(dir: string, p: Period): Promise<RecordLine[]> {
  const { start, end } = periodBounds(p);
  const fromYear = DateTime.fromMillis(start, { zone: p.zone }).year;
  const out: RecordLine[] = [];
  for await (const r of readRecord(dir, { fromYear: fromYear - 1 })) {
    if (!r.line) continue;
    const at = Date.parse(r.line.at);
    if (at >= start && at <= end) out.push(r.line);
  }
  return out;
}

const COLUMNS = [
  'n',
  'fecha_utc',
  'fecha_local',
  'area',
  'accion',
  'accion_descripcion',
  'comunicado',
  'persona',
  'usuario',
  'medio_usado',
  'version',
  'huella_version',
  'destino',
  'id_en_plataforma',
  'url',
  'detalle',
  'huella_linea_anterior',
] as const;

/** The record of a period as CSV (UTF-8 with BOM, so a spreadsheet opens the accents right). */
export function linesToCsv(lines: RecordLine[], zone: string): string {
  const rows = lines.map((l) => [
    l.n,
    l.at,
    DateTime.fromISO(l.at, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss'),
    l.kind,
    l.action,
    actionLabel(l),
    l.id ?? '',
    l.actor?.name ?? '',
    l.actor ? `${l.actor.platform}:${l.actor.userId}` : '',
    typeof l.via === 'string' ? l.via : '',
    typeof l.version === 'number' ? l.version : '',
    typeof l.versionHash === 'string' ? l.versionHash : '',
    typeof l.destination === 'string' ? l.destination : '',
    typeof l.remoteId === 'string' ? l.remoteId : '',
    typeof l.url === 'string' ? l.url : '',
    typeof l.detail === 'string' ? l.detail : typeof l.person === 'string' ? `persona ${l.person}` : '',
    l.prev,
  ]);
  const safe = rows.map((row) => row.map((v) => (typeof v === 'string' ? guard(v) : v)));
  return `\uFEFF${stringify([COLUMNS as unknown as string[], ...safe], { record_delimiter: '\r\n' })}`;
}

/** The record of a period as JSON: the lines as stored, with the period they answer. */
export function linesToJson(lines: RecordLine[], p: Period): string {
  return `${JSON.stringify({ desde: p.from, hasta: p.to, zonaHoraria: p.zone, eventos: lines.length, lineas: lines }, null, 2)}\n`;
}
