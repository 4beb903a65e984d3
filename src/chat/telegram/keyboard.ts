import { createHash } from 'node:crypto';
import type { Store } from '../../store/port.ts';
import { ACTION_IDS, type ActionId, type OutButton } from '../port.ts';


/** Telegram's hard limit for callback_data, in bytes. */
const MAX_CALLBACK_BYTES = 64;
const DOC = 'telegram/callbacks';
const KEEP = 500;

type LongData = Record<string, string>;

export interface InlineButton {
  text: string;
  callback_data: string;
}

/** Telegram has no button colours: the style becomes a leading sign a person recognizes. */
function label(b: OutButton): string {
  if (b.style === 'primary') return `✅ ${b.label}`;
  if (b.style === 'danger') return `❌ ${b.label}`;
  return b.label;
}

/**
 * `${ActionId}:${value}` when it fits in 64 bytes (it does for every core button); a
 * longer value is kept in a store document and the button carries `#` and its hash.
 */
export async function callbackData(store: Store, b: OutButton): Promise<string> {
  const plain = `${b.id}:${b.value}`;
  if (Buffer.byteLength(plain, 'utf8') <= MAX_CALLBACK_BYTES) return plain;
  const key = `#${createHash('sha256').update(plain).digest('base64url').slice(0, 22)}`;
  await store.updateDoc<LongData>(DOC, {}, (doc) => {
    delete doc[key];
    doc[key] = plain;
    const keys = Object.keys(doc);
    for (const k of keys.slice(0, Math.max(0, keys.length - KEEP))) delete doc[k];
    return doc;
  });
  return key;
}

/** Rows of at most three short buttons; a long label gets a row of its own. */
export async function inlineKeyboard(store: Store, buttons: OutButton[]): Promise<InlineButton[][]> {
  const rows: InlineButton[][] = [];
  let row: InlineButton[] = [];
  for (const b of buttons) {
    const button = { text: label(b), callback_data: await callbackData(store, b) };
    const long = button.text.length > 18;
    if (row.length && (long || row.length === 3)) {
      rows.push(row);
      row = [];
    }
    row.push(button);
    if (long) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return rows;
}

/** The action and value behind a pressed button, or undefined for data the bot never made. */
export async function parseCallback(store: Store, data: string | undefined): Promise<{ action: ActionId; value: string } | undefined> {
  if (!data) return undefined;
  let plain = data;
  if (data.startsWith('#')) {
    const kept = (await store.readDoc<LongData>(DOC, {}))[data];
    if (!kept) return undefined;
    plain = kept;
  }
  const at = plain.indexOf(':');
  if (at <= 0) return undefined;
  const action = plain.slice(0, at) as ActionId;
  if (!ACTION_IDS.includes(action)) return undefined;
  return { action, value: plain.slice(at + 1) };
}
