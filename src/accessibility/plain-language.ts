import { syllables } from './syllables.ts';

/**
 * Plain-language hints (lenguaje claro, Circular DAFP 100-010 de 2021) for a Spanish text:
 * a readability score (INFLESZ, on the Szigriszt-Pazos formula), long sentences, the
 * periphrastic passive («fue realizado por»), words in capitals, acronyms not spelled out
 * the first time, long paragraphs. Hints only: nothing here blocks a comunicado.
 */

export interface PlainLanguageOptions {
  /** Below this INFLESZ score the preview warns (55: «normal» starts there). */
  minReadability: number;
  maxSentenceWords: number;
  maxParagraphSentences: number;
  /** Acronyms the public knows without expansion (e.g. «PDF»). */
  knownAcronyms: string[];
}

export const PLAIN_DEFAULTS: PlainLanguageOptions = { minReadability: 55, maxSentenceWords: 30, maxParagraphSentences: 5, knownAcronyms: [] };

export type Hint =
  | { rule: 'long_sentence'; words: number; start: string }
  | { rule: 'passive'; phrase: string }
  | { rule: 'all_caps'; words: string }
  | { rule: 'acronym'; acronym: string }
  | { rule: 'long_paragraph'; sentences: number; start: string };

export interface Readability {
  /** INFLESZ (Szigriszt-Pazos): 206.835 − 62.3·syllables/words − words/sentences. */
  score: number;
  level: 'muy_dificil' | 'algo_dificil' | 'normal' | 'bastante_facil' | 'muy_facil';
  words: number;
  sentences: number;
  syllables: number;
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS = /(?:^|\s)(?:sr|sra|srta|dr|dra|ing|lic|arq|av|cra|cl|no|núm|tel|etc|art|pág|aprox|ud|uds|ee\.uu|p\.ej)\.$/i;

/** Paragraphs: separated by a blank line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Sentences of a paragraph: ended by . ! ? … before a capital, a number or an opening sign. */
export function sentencesOf(paragraph: string): string[] {
  const out: string[] = [];
  let current = '';
  const parts = paragraph.split(/(?<=[.!?…])\s+(?=[¿¡"«“(]?[\p{Lu}\p{N}])/u);
  for (const part of parts) {
    current = current ? `${current} ${part}` : part;
    if (ABBREVIATIONS.test(current)) continue;
    out.push(current.trim());
    current = '';
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((s) => wordsOf(s).length > 0);
}

/** The words of a text, without #hashtags, @mentions and links. */
export function wordsOf(text: string): string[] {
  const clean = text.replace(/https?:\/\/\S+/g, ' ').replace(/[#@][\p{L}\p{N}_]+/gu, ' ');
  return Array.from(clean.matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu), (m) => m[0]);
}

/** INFLESZ readability of a text, or undefined when it has no words. */
export function readability(text: string): Readability | undefined {
  const sentences = paragraphsOf(text).flatMap(sentencesOf);
  const words = sentences.flatMap(wordsOf).filter((w) => /\p{L}/u.test(w));
  if (!words.length) return undefined;
  const syl = words.reduce((n, w) => n + syllables(w), 0);
  const score = Math.round(206.835 - 62.3 * (syl / words.length) - words.length / Math.max(1, sentences.length));
  const level = score < 40 ? 'muy_dificil' : score < 55 ? 'algo_dificil' : score < 65 ? 'normal' : score < 80 ? 'bastante_facil' : 'muy_facil';
  return { score, level, words: words.length, sentences: sentences.length, syllables: syl };
}

/** The first words of a sentence, to name it in a hint. */
function startOf(sentence: string, n = 6): string {
  const words = sentence.split(/\s+/);
  return words.length > n ? `${words.slice(0, n).join(' ')}…` : sentence;
}

/** Forms of «ser» that, before a participle, make the periphrastic passive. */
const SER = new Set([
  'es', 'son', 'fue', 'fueron', 'era', 'eran', 'será', 'serán', 'sería', 'serían', 'sido', 'sea', 'sean', 'fuera', 'fueran', 'fuese', 'fuesen', 'siendo', 'ser',
]);
const IRREGULAR_PARTICIPLES = new Set([
  'hecho', 'dicho', 'puesto', 'escrito', 'abierto', 'visto', 'vuelto', 'roto', 'cubierto', 'resuelto', 'impreso', 'electo', 'provisto', 'descrito', 'inscrito', 'suscrito', 'devuelto', 'propuesto', 'dispuesto', 'expuesto', 'compuesto', 'previsto',
]);
/** Adjectives in -ado/-ido that are not read as participles after «ser». */
const NOT_PARTICIPLES = new Set(['sido', 'todo', 'nada', 'cada', 'pasado', 'pasada', 'lado', 'estado', 'ciudad', 'unido', 'unidos', 'unida', 'unidas', 'válido', 'válida', 'rápido', 'rápida', 'sólido', 'sólida', 'tímido', 'pálido', 'cálido', 'lúcido']);

function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  const base = w.replace(/(a|os|as)$/, 'o');
  if (NOT_PARTICIPLES.has(w)) return false;
  return /^\p{L}{2,}(ad|id)(o|a|os|as)$/u.test(w) || IRREGULAR_PARTICIPLES.has(base);
}

/** «fue realizado por», «han sido aprobadas», «será entregado»: the phrase as written. */
export function passivePhrases(sentence: string): string[] {
  const words = sentence.split(/\s+/).map((w) => w.replace(/^[¿¡"«“(]+|[.,;:!?…"»”)]+$/g, ''));
  const found: string[] = [];
  for (let i = 0; i < words.length - 1; i++) {
    if (!SER.has(words[i]!.toLowerCase())) continue;
    let j = i + 1;
    if (/mente$/i.test(words[j] ?? '')) j++; // «fue rápidamente aprobado»
    if (!words[j] || !isParticiple(words[j]!)) continue;
    if (words[j]!.toLowerCase() === 'sido') continue;
    const by = words[j + 1]?.toLowerCase() === 'por' ? ' por' : '';
    const head = i > 0 && /^(ha|han|había|habían|habrá|habrán)$/i.test(words[i - 1]!) && words[i]!.toLowerCase() === 'sido' ? `${words[i - 1]} ` : '';
    found.push(`${head}${words.slice(i, j + 1).join(' ')}${by}`);
    i = j;
  }
  return found;
}

const UPPER_WORD = /^[\p{Lu}\p{N}]*\p{Lu}[\p{Lu}\p{N}]*$/u;
const ROMAN = /^[IVXLCDM]+$/;

/** Whether a token in capitals is an acronym (2 to 5 letters) rather than a shouted word. */
function isAcronymToken(word: string): boolean {
  const letters = word.replace(/\P{L}/gu, '');
  return letters.length >= 2 && letters.length <= 5 && UPPER_WORD.test(word) && !ROMAN.test(word);
}

/** Runs of words in capitals (a word of 6 letters or more, or two or more words together). */
export function allCapsRuns(text: string): string[] {
  const tokens = text.replace(/[#@][\p{L}\p{N}_]+/gu, ' ').split(/\s+/).map((w) => w.replace(/^[¿¡"«“(]+|[.,;:!?…"»”)]+$/g, ''));
  const runs: string[] = [];
  let run: string[] = [];
  const flush = () => {
    const letters = run.join('').replace(/\P{L}/gu, '');
    if (run.length >= 2 ? letters.length >= 4 : letters.length >= 6) runs.push(run.join(' '));
    run = [];
  };
  for (const tok of tokens) {
    const letters = tok.replace(/\P{L}/gu, '');
    if (letters.length >= 1 && UPPER_WORD.test(tok)) run.push(tok);
    else flush();
  }
  flush();
  // Acronyms side by side («DAFP ICBF») are not shouting; a run with a real word is.
  return runs.filter((r) => (r.includes(' ') ? r.split(' ').some((w) => !isAcronymToken(w) && w.replace(/\P{L}/gu, '').length > 1) : true));
}

/** Acronyms whose first use is not spelled out: «DAFP» without «Departamento … (DAFP)» or «DAFP (Departamento …)». */
export function unexplainedAcronyms(text: string, known: string[] = []): string[] {
  const clean = text.replace(/https?:\/\/\S+/g, ' ').replace(/[#@][\p{L}\p{N}_]+/gu, ' ');
  const seen = new Set<string>();
  const out: string[] = [];
  const shouted = new Set(allCapsRuns(clean).flatMap((r) => (r.includes(' ') ? r.split(' ') : [])));
  for (const m of clean.matchAll(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu)) {
    const word = m[0];
    if (!isAcronymToken(word) || seen.has(word) || shouted.has(word)) continue;
    seen.add(word);
    if (known.some((k) => k.toUpperCase() === word.toUpperCase())) continue;
    const before = clean.slice(0, m.index);
    const after = clean.slice(m.index + word.length);
    const inParens = /\(\s*$/.test(before) && /^\s*\)/.test(after); // «Función Pública (DAFP)»
    const expandedAfter = /^\s*\(\s*\p{L}/u.test(after); // «DAFP (Departamento…)»
    if (!inParens && !expandedAfter) out.push(word);
  }
  return out;
}

/** Every hint for a comunicado's text (title, lead, body), in reading order within each rule. */
export function plainLanguageHints(text: string, options: PlainLanguageOptions = PLAIN_DEFAULTS): Hint[] {
  const hints: Hint[] = [];
  const paragraphs = paragraphsOf(text);
  const sentences = paragraphs.flatMap(sentencesOf);
  for (const s of sentences) {
    const n = wordsOf(s).length;
    if (n > options.maxSentenceWords) hints.push({ rule: 'long_sentence', words: n, start: startOf(s) });
  }
  for (const s of sentences) for (const phrase of passivePhrases(s)) hints.push({ rule: 'passive', phrase });
  for (const words of allCapsRuns(text)) hints.push({ rule: 'all_caps', words });
  for (const acronym of unexplainedAcronyms(text, options.knownAcronyms)) hints.push({ rule: 'acronym', acronym });
  for (const p of paragraphs) {
    const n = sentencesOf(p).length;
    if (n > options.maxParagraphSentences) hints.push({ rule: 'long_paragraph', sentences: n, start: startOf(p) });
  }
  return hints;
}
