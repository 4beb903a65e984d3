import { DateTime } from 'luxon';
import { contentSchema, destinationSchema, type Content, type Destination } from './comunicado.ts';
import { InputError, said, type Said } from './errors.ts';
import { cleanText, stripBidi } from './text.ts';
import { checkLink, defaultsForKind, kindProblems, parseKind, type Kind } from './kinds.ts';

export const LIMITS = { title: 300, lead: 2000, body: 50_000, hashtags: 60 } as const;

/** What the plain-text form gives besides the content: alt texts by filename or by order. */
export interface ParsedForm {
  content: Content;
  /** `alt: ...` lines, in order (applied to images in order). */
  altInOrder: string[];
  /** `alt foto.jpg: ...` lines. */
  altByFile: Record<string, string>;
  /** Whether the form named its destinations (otherwise the config's defaults apply). */
  destinationsGiven: boolean;
  /** Whether the form had a title (a partial edit may carry only its trailing lines). */
  textGiven: boolean;
  /** Whether a `programar:` line was there (empty: no embargo, publish on approval). */
  scheduleGiven: boolean;
  /** Whether a `vigencia:` line was there (empty: no end date). */
  vigenciaGiven: boolean;
  /** Whether `tipo:`, `cierre:`, `enlace:`, `inscripciones:` lines were there (an edit keeps the others). */
  kindGiven?: boolean;
  cierreGiven?: boolean;
  linkGiven?: boolean;
  registrationGiven?: boolean;
}

/** What a partial edit keeps when it carries no text: the current title, lead, body and hashtags. */
export type FormText = Pick<Content, 'title' | 'lead' | 'body' | 'hashtags'>;

const NETWORK_WORDS: Record<string, string> = {
  facebook: 'facebook',
  fb: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  x: 'x',
  twitter: 'x',
  youtube: 'youtube',
  yt: 'youtube',
};
const PLACEMENT_WORDS: Record<string, string> = {
  portal: 'noticia',
  noticia: 'noticia',
  web: 'noticia',
  slider: 'slider_principal',
  slider_principal: 'slider_principal',
  slider_contacto: 'slider_contacto',
  banner: 'banner_aviso',
  banner_aviso: 'banner_aviso',
  aviso: 'banner_aviso',
  popup: 'popup',
  'pop-up': 'popup',
  pop_up: 'popup',
};

/** `portal, facebook, x:alcalde, correo:radio` -> destinations. Unknown words are listed. */
export function parseDestinations(value: string): { destinations: Destination[]; unknown: string[] } {
  const destinations: Destination[] = [];
  const unknown: string[] = [];
  for (const raw of value.split(/[,;\s]+/).map((w) => w.trim().toLowerCase()).filter(Boolean)) {
    const [head, tail] = raw.split(':', 2) as [string, string | undefined];
    let candidates: string[] = [];
    if (head in PLACEMENT_WORDS && (tail === undefined || head === 'portal')) {
      candidates = [`portal:${tail ? (PLACEMENT_WORDS[tail] ?? tail) : PLACEMENT_WORDS[head]}`];
    } else if (head in NETWORK_WORDS) {
      const net = NETWORK_WORDS[head]!;
      candidates = tail === 'ambas' || tail === 'todas' ? [`${net}:alcaldia`, `${net}:alcalde`] : [`${net}:${tail ?? 'alcaldia'}`];
    } else if (head === 'correo' || head === 'email' || head === 'medios') {
      candidates = [`email:${tail ?? 'todos'}`];
    } else if (head === 'alcalde' || head === 'alcaldia') {
      candidates = ['facebook', 'instagram', 'x'].map((n) => `${n}:${head}`);
    }
    const valid = candidates.filter((c) => destinationSchema.safeParse(c).success) as Destination[];
    if (valid.length === 0) unknown.push(raw);
    for (const d of valid) if (!destinations.includes(d)) destinations.push(d);
  }
  return { destinations, unknown };
}

const HASHTAG = /(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]+)/gu;

/** The #hashtags written in a text, in order (without the #, repeats included). */
export function hashtagsIn(text: string): string[] {
  return Array.from(text.matchAll(HASHTAG), (m) => m[2]!);
}

/**
 * Parses the plain-text form, the same on every chat:
 *
 *   Título en la primera línea
 *
 *   Entradilla: el párrafo siguiente.
 *
 *   Cuerpo: el resto, en párrafos. #hashtags en cualquier parte.
 *   destinos: portal, facebook, x:alcalde
 *   programar: 2026-12-01 08:30
 *   vigencia: 2026-12-31
 *   alt foto.jpg: descripción de la imagen
 *
 * Every problem is collected and thrown together as an InputError in Spanish. With
 * `keepText` (an edit), a form of only trailing lines keeps that title, lead, body and
 * hashtags and changes just the fields it names.
 */
export function parseForm(
  input: string,
  now: Date,
  options: {
    timezone: string;
    defaults?: Destination[];
    keepText?: FormText;
    /** Default destinations per kind (`destinations.byKind`); see `defaultsForKind`. */
    defaultsByKind?: Partial<Record<Kind, Destination[]>>;
    /** Domains an `enlace:` or `inscripciones:` may point to (`portal.allowedLinkDomains`). */
    allowedLinkDomains?: readonly string[];
  },
): ParsedForm {
  const zone = options.timezone;
  const problems: Said[] = [];
  const lines = cleanText(input).split('\n');
  const content: Partial<Content> = {};
  let destinationsGiven = false;
  let scheduleGiven = false;
  let vigenciaGiven = false;
  const altInOrder: string[] = [];
  const altByFile: Record<string, string> = {};
  const kept: string[] = [];
  const given = { kindGiven: false, cierreGiven: false, linkGiven: false, registrationGiven: false };

  for (const line of lines) {
    const m = /^\s*(destinos|destino|programar|vigencia|alt|tipo|cierre|enlace|inscripciones)(?:\s+([^:]+?))?\s*:\s*(.*)$/i.exec(line);
    if (!m) {
      kept.push(line);
      continue;
    }
    const key = m[1]!.toLowerCase();
    const arg = m[2]?.trim();
    const value = m[3]!.trim();
    if ((key === 'destinos' || key === 'destino') && !arg) {
      const { destinations, unknown } = parseDestinations(value);
      for (const u of unknown) problems.push(said('form.bad_destination', { value: u }));
      content.destinations = destinations;
      destinationsGiven = true;
    } else if (key === 'programar' && !arg) {
      scheduleGiven = true;
      if (!value) continue; // `programar:` alone: no embargo
      const dt = DateTime.fromFormat(value, 'yyyy-MM-dd HH:mm', { zone });
      if (!dt.isValid) problems.push(said('form.bad_schedule', { value }));
      else if (dt.toMillis() <= now.getTime()) problems.push(said('form.schedule_past', { value }));
      else content.publishAt = dt.toUTC().toISO({ suppressMilliseconds: true })!;
    } else if (key === 'vigencia' && !arg) {
      vigenciaGiven = true;
      if (!value) continue; // `vigencia:` alone: no end date
      const dt = DateTime.fromFormat(value, 'yyyy-MM-dd', { zone });
      if (!dt.isValid) problems.push(said('form.bad_vigencia', { value }));
      else if (dt.endOf('day').toMillis() < now.getTime()) problems.push(said('form.vigencia_past', { value }));
      else content.vigenciaHasta = value;
    } else if (key === 'tipo' && !arg) {
      given.kindGiven = true;
      const kind = parseKind(value);
      if (!kind) problems.push(said('form.bad_kind', { value: value.slice(0, 40) }));
      else content.kind = kind;
    } else if (key === 'cierre' && !arg) {
      given.cierreGiven = true;
      if (!value) continue; // `cierre:` alone: no deadline
      const dt = DateTime.fromFormat(value, 'yyyy-MM-dd HH:mm', { zone });
      if (!dt.isValid) problems.push(said('form.bad_cierre', { value: value.slice(0, 40) }));
      else if (dt.toMillis() <= now.getTime()) problems.push(said('form.cierre_past', { value }));
      else content.closesAt = dt.toUTC().toISO({ suppressMilliseconds: true })!;
    } else if ((key === 'enlace' || key === 'inscripciones') && !arg && !/^[^\s:/]+\s+\S/.test(value)) {
      // «Inscripciones: abiertas hasta el viernes» is a sentence of the body; a link has no spaces.
      given[key === 'enlace' ? 'linkGiven' : 'registrationGiven'] = true;
      if (!value) continue; // `enlace:` alone: back to the default target
      const checked = checkLink(key, value, options.allowedLinkDomains ?? []);
      if ('problem' in checked) problems.push(checked.problem);
      else if (key === 'enlace') content.linkTarget = checked.url;
      else content.registrationUrl = checked.url;
    } else if (key === 'alt') {
      if (arg) altByFile[arg] = value;
      else altInOrder.push(value);
    } else {
      kept.push(line);
    }
  }

  // Paragraphs: title (first non-empty line), lead (next paragraph), body (the rest).
  const text = kept.join('\n').trim();
  if (!text && options.keepText) {
    if (problems.length) throw new InputError(problems);
    const parsed = contentSchema.parse({
      ...content,
      ...structuredClone(options.keepText),
      attachments: [],
      destinations: content.destinations ?? defaultsFor(content.kind, options) ?? [],
    });
    return { content: parsed, altInOrder, altByFile, destinationsGiven, textGiven: false, scheduleGiven, vigenciaGiven, ...given };
  }
  if (!text) throw new InputError([said('form.empty'), ...problems]);
  const [firstLine, ...restLines] = text.split('\n');
  const title = stripBidi(firstLine!).trim();
  const rest = restLines.join('\n').trim();
  const paras = rest.split(/\n\s*\n/);
  const lead = (paras.shift() ?? '').trim();
  const body = paras.join('\n\n').trim();

  const hashtags: string[] = [];
  for (const tag of hashtagsIn(text)) {
    if (tag.length > 100) problems.push(said('form.bad_hashtag', { value: tag.slice(0, 30) }));
    else if (!hashtags.some((h) => h.toLowerCase() === tag.toLowerCase())) hashtags.push(tag);
  }
  if (hashtags.length > LIMITS.hashtags) problems.push(said('form.too_many_hashtags', { count: hashtags.length, max: LIMITS.hashtags }));

  const titleLen = Array.from(title).length;
  if (titleLen > LIMITS.title) problems.push(said('form.title_too_long', { length: titleLen, max: LIMITS.title }));
  if (lead.length > LIMITS.lead) problems.push(said('form.lead_too_long', { length: lead.length, max: LIMITS.lead }));
  if (body.length > LIMITS.body) problems.push(said('form.body_too_long', { length: body.length, max: LIMITS.body }));
  // A new submission is complete here (an edit is checked once merged with what it keeps).
  if (!options.keepText && !problems.some((p) => p.key === 'form.bad_kind' || p.key === 'form.bad_cierre' || p.key === 'form.cierre_past')) {
    problems.push(...kindProblems(content));
  }
  if (problems.length) throw new InputError(problems);

  const parsed = contentSchema.parse({
    ...content,
    title,
    lead,
    body,
    hashtags,
    attachments: [],
    destinations: content.destinations ?? defaultsFor(content.kind, options) ?? [],
  });
  return { content: parsed, altInOrder, altByFile, destinationsGiven, textGiven: true, scheduleGiven, vigenciaGiven, ...given };
}

/** The default destinations of a kind: its own list in the config, else the general one. */
function defaultsFor(kind: Kind | undefined, options: { defaults?: Destination[]; defaultsByKind?: Partial<Record<Kind, Destination[]>> }): Destination[] {
  return defaultsForKind(kind ?? 'comunicado', options.defaultsByKind, options.defaults ?? []);
}
