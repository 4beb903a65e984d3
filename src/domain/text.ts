/**
 * Plain-text hygiene the domain applies to what people type. Kept here so the domain needs
 * nothing outside itself; `render/escape.ts` and `util/safe-text.ts` re-export these.
 */

/**
 * Removes control characters a person cannot have meant (keeps tab and newline), and
 * normalizes line endings. Applied to everything typed into the bot.
 */
export function cleanText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u2028\u2029\uFEFF]/g, '')
    .normalize('NFC');
}

/** Embeddings, overrides and isolates (U+202A–202E, U+2066–2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
