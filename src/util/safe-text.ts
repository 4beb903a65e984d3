/**
 * Text from outside that reaches a person or the disk: bidirectional controls out (they let
 * `foto\u202Egpj.exe` read as `fotoexe.jpg`), server paths out (they tell an attacker the
 * layout of the machine).
 */

export { stripBidi } from '../domain/text.ts';

/**
 * Absolute paths: `/a/b…` not inside a URL or a word (so `https://x/y`, `si/no` and
 * `/comunicado` stay), `~/…`, `file://…`, and Windows `C:\…`.
 */
const UNIX_PATH = /(?<![\w:/.~-])(?:~)?\/(?:[^\s/'"«»()]+\/)+[^\s/'"«»(),]*/g;
const HOME_PATH = /(?<![\w/])~\/[^\s'"«»(),]*/g;
const FILE_URL = /file:\/\/[^\s'"«»()]+/gi;
const WINDOWS_PATH = /\b[A-Za-z]:\\[^\s'"«»()]*/g;

export function stripServerPaths(text: string): string {
  return text.replace(FILE_URL, '…').replace(WINDOWS_PATH, '…').replace(HOME_PATH, '…').replace(UNIX_PATH, '…');
}
