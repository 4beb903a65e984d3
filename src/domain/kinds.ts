import type { Content, Destination } from './comunicado.ts';
import { said, type Said } from './errors.ts';

/**
 * Kinds of submission the office procedure (INS-GCO-005) publishes: press releases
 * (`comunicado`), notices (`aviso`: a water cut, a road closure) and public calls
 * (`convocatoria`: jobs, contests, scholarships, a consultation, with a deadline).
 */
export const KINDS = ['comunicado', 'aviso', 'convocatoria'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Default destinations of the kinds the config does not list (`destinations.byKind`). An
 * aviso goes to the banner and the social accounts: no noticia, no media email unless the
 * author asks. A convocatoria gets the noticia, the slider and the social accounts. A
 * comunicado keeps `destinations.default`, as before kinds existed.
 */
export const KIND_DEFAULTS: Readonly<Partial<Record<Kind, Destination[]>>> = {
  aviso: ['portal:banner_aviso', 'facebook:alcaldia', 'x:alcaldia'],
  convocatoria: ['portal:noticia', 'portal:slider_principal', 'facebook:alcaldia', 'x:alcaldia'],
};

/** The default destinations of a kind: the config's own list, else KIND_DEFAULTS, else the general list. */
export function defaultsForKind(kind: Kind, byKind: Partial<Record<Kind, Destination[]>> | undefined, general: Destination[]): Destination[] {
  return byKind?.[kind] ?? KIND_DEFAULTS[kind] ?? general;
}

/** A comunicado stored before kinds existed is a press release. */
export function kindOf(content: Pick<Content, 'kind'>): Kind {
  return content.kind ?? 'comunicado';
}

/** `Convocatoria`, `AVISO`, `convocatória` -> the kind; undefined when it names none. */
export function parseKind(value: string): Kind | undefined {
  const word = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .trim()
    .toLowerCase();
  return (KINDS as readonly string[]).includes(word) ? (word as Kind) : undefined;
}

/** Longest link accepted in `enlace:` or `inscripciones:`. */
export const LINK_MAX = 2000;

/** A host name in the form URL gives it (lowercase, IDN as punycode), without a final dot. */
export function normalizeHost(host: string): string | undefined {
  try {
    return new URL(`https://${host.trim()}/`).hostname.replace(/\.$/, '').toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether `host` is one of the allowed domains or a subdomain of one (`www.ibague.gov.co` under `gov.co`). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.replace(/\.$/, '').toLowerCase();
  return allowed.some((d) => {
    const domain = normalizeHost(d);
    return !!domain && (h === domain || h.endsWith(`.${domain}`));
  });
}

/**
 * Checks a link typed in the form (`enlace:`, `inscripciones:`): one https URL, no
 * credentials in it, on a domain the config allows. This keeps a pasted phishing link off
 * the city's front page. The domain is named in the refusal as the browser would read it
 * (an look-alike Unicode name shows as its punycode).
 */
export function checkLink(field: 'enlace' | 'inscripciones', value: string, allowed: readonly string[]): { url: string } | { problem: Said } {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  if (value.length > LINK_MAX) return { problem: said('form.link_too_long', { field, max: LINK_MAX }) };
  // A URL never has spaces or invisible characters; a pasted one with them is not what it shows.
  if (/[\s\p{Cc}\p{Cf}]/u.test(value)) return { problem: said('form.bad_link', { field, value: shown }) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: said('form.bad_link', { field, value: shown }) };
  }
  if (url.protocol !== 'https:') return { problem: said('form.link_not_https', { field, value: shown }) };
  if (url.username || url.password) return { problem: said('form.link_credentials', { field }) };
  const host = url.hostname.replace(/\.$/, '');
  if (!host) return { problem: said('form.bad_link', { field, value: shown }) };
  if (allowed.length === 0) return { problem: said('form.link_no_domains', { field, domain: host }) };
  if (!hostAllowed(host, allowed)) return { problem: said('form.link_domain', { field, domain: host, allowed: allowed.join(', ') }) };
  return { url: url.toString() };
}

/**
 * What the fields of one kind require of each other, once the content is complete (a new
 * submission, or an edit merged with what it keeps): a convocatoria has its deadline, a
 * deadline belongs to a convocatoria, and the deadline comes after the embargo.
 */
export function kindProblems(content: Pick<Content, 'kind' | 'closesAt' | 'publishAt'>): Said[] {
  const kind = kindOf(content);
  const problems: Said[] = [];
  if (kind === 'convocatoria' && !content.closesAt) problems.push(said('form.cierre_missing'));
  if (kind !== 'convocatoria' && content.closesAt) problems.push(said('form.cierre_not_convocatoria', { kind }));
  if (content.closesAt && content.publishAt && Date.parse(content.closesAt) <= Date.parse(content.publishAt)) {
    problems.push(said('form.cierre_before_schedule'));
  }
  return problems;
}
