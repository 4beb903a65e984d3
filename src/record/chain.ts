import { createHash } from 'node:crypto';

/** The `prev` of the very first line of the record. */
export const GENESIS = '0'.repeat(64);

/** What an event says; the record adds its number, time and the previous line's hash. */
export interface RecordEvent {
  /** The area: `comunicado`, `medios`, `config`, `registro`. */
  kind: string;
  /** What happened, in the area's own words (`approve`, `delivery_done`, `add`...). */
  action: string;
  /** When it happened (ISO); the record uses its clock when absent. */
  at?: string;
  /** The comunicado it is about. */
  id?: string;
  actor?: { platform: string; userId: string; name?: string };
  /** How the person acted: `reaccion`, `boton`, `comando`, `mensaje`, `enlace`. */
  via?: string;
  [field: string]: unknown;
}

/** One line of the record as written. */
export interface RecordLine extends RecordEvent {
  /** 1, 2, 3… over the whole record, across years. */
  n: number;
  at: string;
  /** SHA-256 (hex) of the previous line's bytes, without its newline. */
  prev: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The text of a line: its number, time and link first, so a person reading the file sees them. */
export function formatLine(n: number, at: string, prev: string, event: RecordEvent): string {
  const { kind, action, at: _at, ...rest } = event;
  return JSON.stringify({ n, at, prev, kind, action, ...rest });
}

/** Parses one line; undefined when it is not a record line at all. */
export function parseLine(text: string): RecordLine | undefined {
  try {
    const v = JSON.parse(text) as RecordLine;
    if (typeof v !== 'object' || v === null) return undefined;
    if (!Number.isInteger(v.n) || typeof v.at !== 'string' || typeof v.prev !== 'string' || !/^[a-f0-9]{64}$/.test(v.prev)) return undefined;
    if (typeof v.kind !== 'string' || typeof v.action !== 'string') return undefined;
    return v;
  } catch {
    return undefined;
  }
}

/** Record files are `<year>.jsonl`; anything else in the folder (set-aside torn lines) is not the chain. */
export const YEAR_FILE = /^(\d{4})\.jsonl$/;
