import type { z } from 'zod';

/**
 * Checks the YAML document against the schema for what zod would silently drop: keys the
 * schema does not know (a typo like `requiereReview`, a Spanish `aprobacion:` section) and
 * values that look like a secret pasted into the file. One generic walk over the schema,
 * so every object of every section is covered without marking each one strict.
 */

// zod 4 keeps each schema's definition in `_zod.def`; only the parts the walk needs.
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
  defaultValue?: unknown;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** Strips optional/default/… wrappers, pipes and lazies down to the schema that shapes the value. */
function unwrap(s: z.ZodType): z.ZodType {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.out && d.in) s = defOf(d.in).type === 'transform' ? d.out : d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else break;
  }
  return s;
}

/** The default an `*Env` field declares, if any (e.g. `passwordEnv` → PORTAL_APP_PASSWORD). */
function defaultOf(s: z.ZodType): unknown {
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if ((d.type === 'default' || d.type === 'prefault') && 'defaultValue' in d) {
      const v = d.defaultValue;
      return typeof v === 'function' ? (v as () => unknown)() : v;
    }
    if (WRAPPERS.has(d.type) && d.innerType) s = d.innerType;
    else return undefined;
  }
  return undefined;
}

export interface UnknownKey {
  path: string;
  /** The closest key the schema knows at that place. */
  suggestion?: string;
}

export interface SecretValue {
  path: string;
  /** The environment variable the value belongs in, when the schema or its shape tells. */
  variable?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known key nearest to `key` (case and accents ignored). */
export function closest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const d = editDistance(fold(key), fold(k));
    if (d < bestScore) {
      best = k;
      bestScore = d;
    }
  }
  return best;
}

/** Keys of `doc` the schema does not know, each with its path and nearest known key. */
export function unknownKeys(schema: z.ZodType, doc: unknown, path = ''): UnknownKey[] {
  const s = unwrap(schema);
  const d = defOf(s);
  const out: UnknownKey[] = [];
  if (d.type === 'object' && d.shape && isPlainObject(doc)) {
    const shape = d.shape;
    const open = d.catchall !== undefined && defOf(d.catchall).type !== 'never';
    for (const [k, v] of Object.entries(doc)) {
      if (Object.hasOwn(shape, k)) out.push(...unknownKeys(shape[k]!, v, join(path, k)));
      else if (!open) out.push({ path: join(path, k), suggestion: closest(k, Object.keys(shape)) });
    }
  } else if (d.type === 'array' && d.element && Array.isArray(doc)) {
    doc.forEach((v, i) => out.push(...unknownKeys(d.element!, v, join(path, i))));
  } else if (d.type === 'record' && d.valueType && isPlainObject(doc)) {
    for (const [k, v] of Object.entries(doc)) out.push(...unknownKeys(d.valueType, v, join(path, k)));
  } else if (d.type === 'union' && d.options) {
    // The option that fits best (fewest unknown keys) tells which keys are unknown.
    let best: UnknownKey[] | undefined;
    for (const o of d.options) {
      const inner = unwrap(o);
      const t = defOf(inner).type;
      if (isPlainObject(doc) ? t !== 'object' && t !== 'record' : Array.isArray(doc) ? t !== 'array' : true) continue;
      const found = unknownKeys(inner, doc, path);
      if (!best || found.length < best.length) best = found;
    }
    if (best) out.push(...best);
  }
  return out;
}

const SECRET_PATTERNS: { re: RegExp; variable?: string }[] = [
  { re: /^xoxb-[A-Za-z0-9-]{10,}$/, variable: 'SLACK_BOT_TOKEN' },
  { re: /^xoxp-[A-Za-z0-9-]{10,}$/, variable: 'SLACK_BOT_TOKEN' },
  { re: /^xapp-[A-Za-z0-9-]{10,}$/, variable: 'SLACK_APP_TOKEN' },
  { re: /^\d{6,12}:[A-Za-z0-9_-]{35}$/, variable: 'TELEGRAM_BOT_TOKEN' },
  { re: /^EAA[A-Za-z0-9]{20,}$/ },
];

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Whether a config value looks like a credential: a known token shape, or a long string
 * without spaces, mixing letters and digits, with high entropy (not a URL or an email).
 */
export function looksLikeSecret(value: string): { variable?: string } | undefined {
  const v = value.trim();
  for (const p of SECRET_PATTERNS) if (p.re.test(v)) return { variable: p.variable };
  if (v.length < 24 || /\s/.test(v) || v.includes('://') || /^[^@\s]+@[^@\s]+$/.test(v)) return undefined;
  if (!/[A-Za-z]/.test(v) || !/\d/.test(v)) return undefined;
  return entropy(v) >= 4 ? {} : undefined;
}

/**
 * Every string in `doc` that looks like a secret, with the variable it belongs in: the
 * pattern's own (SLACK_BOT_TOKEN…), else the `<key>Env` field beside it (its value in the
 * file, or the schema's default), else any single `*Env` field of that object.
 */
export function secretValues(schema: z.ZodType | undefined, doc: unknown, path = '', parent?: { doc: Record<string, unknown>; schema?: z.ZodType; key: string }): SecretValue[] {
  const out: SecretValue[] = [];
  if (typeof doc === 'string') {
    if (parent?.key.endsWith('Env')) return out;
    const hit = looksLikeSecret(doc);
    if (hit) out.push({ path, variable: hit.variable ?? envFor(parent) });
    return out;
  }
  const s = schema ? unwrap(schema) : undefined;
  const d = s ? defOf(s) : undefined;
  if (Array.isArray(doc)) {
    doc.forEach((v, i) => out.push(...secretValues(d?.type === 'array' ? d.element : undefined, v, join(path, i), parent && { ...parent, key: String(i) })));
  } else if (isPlainObject(doc)) {
    for (const [k, v] of Object.entries(doc)) {
      const child = d?.type === 'object' && d.shape && Object.hasOwn(d.shape, k) ? d.shape[k] : d?.type === 'record' ? d.valueType : undefined;
      out.push(...secretValues(child, v, join(path, k), { doc, schema: s, key: k }));
    }
  }
  return out;
}

function envFor(parent: { doc: Record<string, unknown>; schema?: z.ZodType; key: string } | undefined): string | undefined {
  if (!parent) return undefined;
  const shape = parent.schema && defOf(parent.schema).type === 'object' ? defOf(parent.schema).shape : undefined;
  const envKeys = shape ? Object.keys(shape).filter((k) => k.endsWith('Env')) : Object.keys(parent.doc).filter((k) => k.endsWith('Env'));
  const own = `${parent.key}Env`;
  const pick = envKeys.includes(own) ? own : envKeys.length === 1 ? envKeys[0] : closestEnv(parent.key, envKeys);
  if (!pick) return undefined;
  const given = parent.doc[pick];
  if (typeof given === 'string' && given) return given;
  const dflt = shape?.[pick] ? defaultOf(shape[pick]) : undefined;
  return typeof dflt === 'string' ? dflt : undefined;
}

/** `accessToken` → `accessTokenEnv`; `password` → `passwordEnv`; only a clear match. */
function closestEnv(key: string, envKeys: string[]): string | undefined {
  const k = fold(key);
  const hits = envKeys.filter((e) => fold(e).startsWith(k) || fold(e.replace(/Env$/, '')).includes(k));
  return hits.length === 1 ? hits[0] : undefined;
}
