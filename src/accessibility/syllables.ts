/**
 * Spanish syllables, counted by the vowel nuclei of each word. Written here: the Spanish
 * hyphenation patterns for Hypher (hyphenation.es, the only Spanish package found) are
 * typographic, not syllabic (they never split a hiatus: «alcaldía» gives 3 pieces for 4
 * syllables, «aéreo» 2 for 4) and the package has not been published for years.
 *
 * Rules (Real Academia Española, Ortografía 2010, §1.4): the open vowels a, e, o and the
 * closed ones i, u (ü, and y at the end of a word after a vowel, as in «hoy», «muy»).
 * Two open vowels together are a hiatus (two syllables: «le-er», «a-é-re-o»); an open and
 * a closed one, or two different closed ones, are a diphthong (one: «ciu-dad», «cui-da»);
 * an accented closed vowel next to an open one breaks it («dí-a», «ba-úl»). The u of «que»,
 * «qui», «gue», «gui» is not pronounced.
 */

const OPEN = new Set(['a', 'e', 'o', 'á', 'é', 'ó']);
const CLOSED_ACCENTED = new Set(['í', 'ú']);
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'á', 'é', 'í', 'ó', 'ú', 'ü']);

/** Syllables of one Spanish word (letters only; anything else is ignored). At least 1 for a word with letters. */
export function syllables(word: string): number {
  let w = word
    .toLowerCase()
    .normalize('NFC')
    .replace(/[^a-záéíóúüñ]/g, '');
  if (!w) return 0;
  // The silent u of que, qui, gue, gui.
  w = w.replace(/([qg])u([eéií])/g, '$1$2');
  // y is a vowel at the end of a word after a vowel (hoy, muy, rey), or alone (y).
  if (w === 'y') return 1;
  w = w.replace(/([aeiouáéíóú])y$/, '$1i');
  let count = 0;
  let prev: string | undefined; // the previous letter, if it was a vowel
  for (const ch of w) {
    if (!VOWELS.has(ch)) {
      prev = undefined;
      continue;
    }
    if (prev === undefined) count++;
    else if (ch === prev && !OPEN.has(ch)) count++; // «chiita», «duunviro»: the same closed vowel twice
    else if (OPEN.has(prev) && OPEN.has(ch)) count++; // hiatus of two open vowels
    else if (CLOSED_ACCENTED.has(ch) || CLOSED_ACCENTED.has(prev)) count++; // accented closed vowel breaks the diphthong
    prev = ch;
  }
  return Math.max(1, count);
}
