import twitter from 'twitter-text';
import type { Content } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { cleanText } from './escape.ts';

/** X's limit, in weighted characters (URLs 23, emoji and CJK 2, Latin 1). */
export const X_LIMIT = 280;

/**
 * Lead room kept free while hashtags are dropped: with 40 hashtags the post would otherwise
 * be title + link + a wall of tags and no lead at all.
 */
const LEAD_RESERVE = 80;

/** Per-account touches from the `accounts:` config. */
export interface SocialTouches {
  signature?: string | undefined;
  hashtags?: string[];
  mentions?: string[];
}

export interface XRenderOptions {
  /** The portal permalink (http/https only; anything else is ignored). */
  link?: string | undefined;
  /**
   * Shown instead of a link that is not known yet (preview before the portal publishes).
   * Any URL weighs 23 on X, so the fit is exact; only the label differs.
   */
  linkLabel?: string;
  touches?: SocialTouches;
  limit?: number;
}

export interface XRender {
  text: string;
  weightedLength: number;
  limit: number;
  warnings: string[];
  /** Something was cut or left out to fit. */
  shortened: boolean;
  droppedHashtags: string[];
}

/** Weighted length the way X counts it (official twitter-text configuration v3). */
export function xWeightedLength(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

/** Stands in for an unknown link while fitting: 23 characters, like every URL on X. */
const LINK_SENTINEL = 'https://t.co/0000000000';

function oneLine(s: string): string {
  return cleanText(s).replace(/\s+/g, ' ').trim();
}

function isUrl(token: string): boolean {
  return twitter.extractUrls(token).length > 0;
}

/**
 * Longest prefix of whole words of `s` (plus an ellipsis) for which `fits(candidate)` holds.
 * Words are whitespace-separated tokens, so a URL is never cut. Weighted length grows with
 * every word added, so a binary search finds the longest prefix. Returns '' when not even
 * the first word fits.
 */
export function fitWords(s: string, fits: (candidate: string) => boolean): string {
  if (fits(s)) return s;
  const words = s.split(' ').filter(Boolean);
  const candidate = (k: number): string => {
    const kept = words.slice(0, k);
    const last = kept[kept.length - 1] ?? '';
    if (isUrl(last)) return `${kept.join(' ')} …`;
    // A cut sentence should not end in "," or ":" before the ellipsis.
    kept[kept.length - 1] = last.replace(/[\s,;:.\-–—(«"'“]+$/u, '');
    return `${kept.join(' ').trimEnd()}…`;
  };
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(candidate(mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo > 0 ? candidate(lo) : '';
}

/** Last resort for a single word longer than the limit: cut between graphemes. */
export function fitGraphemes(s: string, fits: (candidate: string) => boolean): string {
  const graphemes = [...new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
  let lo = 0;
  let hi = graphemes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(`${graphemes.slice(0, mid).join('')}…`)) lo = mid;
    else hi = mid - 1;
  }
  return `${graphemes.slice(0, lo).join('')}…`;
}

function normalizeTag(tag: string): string {
  return cleanText(tag).replace(/^#+/, '').replace(/\s+/g, '');
}

/** Content hashtags then the account's fixed ones, without repeats (case-insensitive). */
export function mergeHashtags(content: string[], account: string[] = []): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of [...content, ...account]) {
    const tag = normalizeTag(raw);
    const key = tag.toLocaleLowerCase('es');
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

interface Parts {
  title: string;
  lead: string;
  link: string;
  touches: string;
  tags: string[];
}

function compose(p: Parts): string {
  const tail = [p.touches, p.tags.map((h) => `#${h}`).join(' ')].filter(Boolean).join('\n');
  return [p.title, p.lead, p.link, tail].filter(Boolean).join('\n\n');
}

/**
 * The post for X: title, lead, portal link, account touches and hashtags, fitted within
 * 280 weighted characters. What gives way, in order: hashtags (from the end), the lead
 * (shortened on a word boundary with an ellipsis, or left out), the account touches, and
 * last the title. The link is never touched and nothing is cut inside a word or a URL.
 */
export function renderX(content: Pick<Content, 'title' | 'lead' | 'hashtags'>, options: XRenderOptions = {}): XRender {
  const limit = options.limit ?? X_LIMIT;
  const realLink = options.link && /^https?:\/\//i.test(options.link) ? options.link.trim() : '';
  const link = realLink || (options.linkLabel ? LINK_SENTINEL : '');
  const touches = options.touches ?? {};
  const touchesLine = oneLine(
    [touches.signature ?? '', ...(touches.mentions ?? []).map((m) => `@${m.replace(/^@+/, '')}`)].filter(Boolean).join(' '),
  );
  const allTags = mergeHashtags(content.hashtags, touches.hashtags);
  const fullLead = oneLine(content.lead);
  const warnings: string[] = [];
  const p: Parts = { title: oneLine(content.title), lead: '', link, touches: touchesLine, tags: [...allTags] };
  const weight = (parts: Parts) => xWeightedLength(compose(parts));
  const fits = (parts: Parts) => weight(parts) <= limit;

  // 1. Hashtags give way first, keeping some room for the lead.
  const reserve = fullLead ? Math.min(LEAD_RESERVE, xWeightedLength(fullLead) + 2) : 0;
  while (p.tags.length && weight(p) > limit - reserve) p.tags.pop();
  // 2. Touches, then the title, only when title + link alone do not fit.
  if (!fits(p) && p.touches) {
    p.touches = '';
    warnings.push(t('x.warn.touches_dropped'));
  }
  if (!fits(p)) {
    const fitTitle = (title: string) => fits({ ...p, title });
    p.title = fitWords(p.title, fitTitle) || fitGraphemes(p.title, fitTitle);
    warnings.push(t('x.warn.title_shortened', { limit }));
  }
  // 3. The lead takes the room left, shortened on a word boundary.
  if (fullLead) {
    p.lead = fitWords(fullLead, (lead) => fits({ ...p, lead }));
    if (!p.lead) warnings.push(t('x.warn.lead_omitted', { limit }));
    else if (p.lead !== fullLead) warnings.push(t('x.warn.lead_shortened', { limit }));
  }
  // 4. A short lead may leave room for hashtags dropped in step 1.
  for (const tag of allTags.slice(p.tags.length)) {
    if (!fits({ ...p, tags: [...p.tags, tag] })) break;
    p.tags.push(tag);
  }
  const dropped = allTags.slice(p.tags.length);
  if (dropped.length > 6) {
    warnings.push(t('x.warn.hashtags_dropped_many', { count: dropped.length, first: `#${dropped[0]}`, last: `#${dropped.at(-1)}` }));
  } else if (dropped.length) {
    warnings.push(t('x.warn.hashtags_dropped', { tags: dropped.map((h) => `#${h}`).join(' ') }));
  }

  const measured = weight(p);
  let text = compose(p);
  if (!realLink && options.linkLabel) text = text.replace(LINK_SENTINEL, options.linkLabel);
  return {
    text,
    weightedLength: measured,
    limit,
    warnings,
    shortened: warnings.length > 0,
    droppedHashtags: dropped,
  };
}
