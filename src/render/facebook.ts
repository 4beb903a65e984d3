import type { Comunicado } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { cleanText } from './escape.ts';
import { shorten } from './whatsapp.ts';

/** Facebook's limit for a Page post's text. */
export const FACEBOOK_MAX = 63_206;
/**
 * Without a portal link the post carries the body too, so a reader gets the whole story;
 * cut at this many characters (title 300 + lead 2,000 + this stays far below FACEBOOK_MAX,
 * so the Facebook text never needs further trimming).
 */
export const FACEBOOK_BODY_WITHOUT_LINK = 5_000;

/** Per-account touches from the `accounts:` config. */
export interface SocialTouches {
  signature?: string | undefined;
  hashtags: readonly string[];
  mentions: readonly string[];
}

export interface RenderedPost {
  /** The exact text the platform receives. */
  text: string;
  /** Length in Unicode code points. */
  length: number;
  limit: number;
  warnings: string[];
}

export const codePoints = (s: string) => Array.from(s).length;

/** Hashtags from several lists, without '#', first spelling kept, case-insensitive duplicates dropped. */
export function uniqueTags(lists: ReadonlyArray<readonly string[]>, prefix = '#'): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const raw of list) {
      const tag = raw.trim().replace(new RegExp(`^\\${prefix}+`), '');
      const key = tag.toLocaleLowerCase('es-CO');
      if (!tag || seen.has(key)) continue;
      seen.add(key);
      out.push(tag);
    }
  }
  return out;
}

/**
 * The text of a Facebook Page post: title, lead, "Más información: <link>" (or, with no
 * portal link, the body shortened on a word boundary), hashtags of the comunicado and of
 * the account, the account's mentions and its signature. Mentions stay plain text: the
 * Pages API only tags pages through its own syntax, not "@name".
 */
export function renderFacebook(c: Pick<Comunicado, 'content'>, options: { link?: string | undefined; touches?: SocialTouches } = {}): RenderedPost {
  const { title, lead, body, hashtags } = c.content;
  const touches = options.touches ?? { hashtags: [], mentions: [] };
  const parts = [cleanText(title).trim(), cleanText(lead).trim()];
  if (options.link) parts.push(t('social_meta.more_info', { url: options.link }));
  else if (body.trim()) parts.push(shorten(cleanText(body).trim(), FACEBOOK_BODY_WITHOUT_LINK));
  const tags = uniqueTags([hashtags, touches.hashtags]);
  if (tags.length) parts.push(tags.map((h) => `#${h}`).join(' '));
  const mentions = uniqueTags([touches.mentions], '@');
  if (mentions.length) parts.push(mentions.map((m) => `@${m}`).join(' '));
  if (touches.signature?.trim()) parts.push(cleanText(touches.signature).trim());
  const text = parts.filter(Boolean).join('\n\n');
  return { text, length: codePoints(text), limit: FACEBOOK_MAX, warnings: [] };
}
