import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { inputError, say } from '../messages/errors.ts';
import type { MediaContact } from './contacts.ts';
import type { ImportRow } from './directory.ts';

/** A list of a few thousand contacts is well under this; anything bigger is not a press list. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 10_000;

type Field = 'name' | 'outlet' | 'email' | 'segment';

/** Header names the office may use (Spanish or English, with or without accents). */
const HEADER_ALIASES: Record<string, Field> = {
  nombre: 'name',
  name: 'name',
  periodista: 'name',
  contacto: 'name',
  medio: 'outlet',
  'medio de comunicacion': 'outlet',
  outlet: 'outlet',
  empresa: 'outlet',
  correo: 'email',
  'correo electronico': 'email',
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  segmento: 'segment',
  segment: 'segment',
  tipo: 'segment',
};

function headerKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * Spreadsheets in Colombia save CSV with `;` (the comma is the decimal separator), others
 * with `,`: the header line decides which one this file uses. Both at once would split a
 * name like "Pérez, María" in a `;` file.
 */
function detectDelimiter(text: string): ',' | ';' {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Undoes the apostrophe the export puts before a value a spreadsheet would read as a formula. */
function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Reads a contacts CSV: a header row naming the columns (nombre, medio, correo, segmento;
 * other columns are ignored), then one contact per row. Problems with the whole file
 * (unreadable, missing columns) throw an InputError in Spanish; row problems are left to
 * the import, which reports each with its line.
 */
export function parseContactsCsv(input: string | Buffer): ImportRow[] {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_CSV_BYTES) throw inputError([say('media_email.csv.too_big', { max: '2 MB' })]);
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  if (!text.trim()) throw inputError([say('media_email.csv.empty')]);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw inputError([say('media_email.csv.malformed', { line: line ?? '?', detail: (err as Error).message.slice(0, 120) })]);
  }
  const [header, ...rows] = records;
  if (!header) throw inputError([say('media_email.csv.empty')]);
  const columns = new Map<Field, number>();
  header.record.forEach((name, i) => {
    const field = HEADER_ALIASES[headerKey(name)];
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing = (['name', 'outlet', 'email', 'segment'] as const).filter((f) => !columns.has(f));
  if (missing.length) {
    const names: Record<Field, string> = { name: 'nombre', outlet: 'medio', email: 'correo', segment: 'segmento' };
    throw inputError([say('media_email.csv.missing_columns', { columns: missing.map((f) => names[f]).join(', ') })]);
  }
  if (rows.length > MAX_CSV_ROWS) throw inputError([say('media_email.csv.too_many', { max: MAX_CSV_ROWS })]);
  const cell = (r: string[], f: Field) => unguard(r[columns.get(f)!] ?? '');
  return rows.map(({ record, info }) => ({
    line: info.lines,
    name: cell(record, 'name'),
    outlet: cell(record, 'outlet'),
    email: cell(record, 'email'),
    segment: cell(record, 'segment'),
  }));
}

/**
 * A value a spreadsheet would run as a formula (`=HYPERLINK(...)` typed as a name) gets a
 * leading apostrophe: the office opens this file in Excel or LibreOffice.
 */
function guard(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const STATUS_ES: Record<MediaContact['status'], string> = { active: 'activo', failing: 'con fallas', unsubscribed: 'dado de baja' };

/**
 * The list as CSV for a spreadsheet: `;`-separated with a BOM (how Excel in es-CO reads
 * UTF-8 without mangling accents). The import reads it back; the extra columns are ignored.
 */
export function contactsToCsv(contacts: MediaContact[]): string {
  const rows = contacts.map((c) => [
    guard(c.name),
    guard(c.outlet),
    guard(c.email),
    c.segment,
    STATUS_ES[c.status],
    c.addedAt.slice(0, 10),
    guard(c.failing?.reply ?? (c.unsubscribed ? `baja ${c.unsubscribed.at.slice(0, 10)} (${c.unsubscribed.via})` : '')),
  ]);
  return `\uFEFF${stringify([['nombre', 'medio', 'correo', 'segmento', 'estado', 'agregado', 'nota'], ...rows], { delimiter: ';', record_delimiter: 'windows' })}`;
}
