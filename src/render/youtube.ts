import type { Content } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { cleanText, paragraphs } from './escape.ts';
import { fitGraphemes, fitWords, mergeHashtags, type SocialTouches } from './x.ts';

/** YouTube Data API limits (videos resource, snippet). */
export const YT_TITLE_MAX_CHARS = 100;
/** The description limit is documented in bytes (UTF-8), not characters. */
export const YT_DESCRIPTION_MAX_BYTES = 5000;
/** With more than 15 hashtags YouTube ignores every hashtag of the video. */
export const YT_MAX_HASHTAGS = 15;
/** snippet.tags: at most 500 characters counting the commas between tags. */
export const YT_TAGS_MAX_CHARS = 500;

export interface YoutubeRenderOptions {
  link?: string | undefined;
  /** Label for a link not known yet (preview before the portal publishes). */
  linkLabel?: string;
  touches?: SocialTouches;
}

export interface YoutubeRender {
  title: string;
  description: string;
  tags: string[];
  /** UTF-8 bytes of the description, the unit of YouTube's limit. */
  descriptionBytes: number;
  warnings: string[];
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** YouTube refuses `<` and `>` in titles and descriptions; look-alikes keep the meaning. */
function noAngleBrackets(s: string): string {
  return s.replace(/</g, '‹').replace(/>/g, '›');
}

/** Longest cut of `s` on a word boundary (with an ellipsis) that `fits`; mid-word only for one huge word. */
function shortenTo(s: string, fits: (candidate: string) => boolean): string {
  return fitWords(s, fits) || fitGraphemes(s, fits);
}

/**
 * Title, description and tags for a YouTube video. The title is the comunicado's titular
 * (≤ 100 characters); the description holds the lead, the body, the portal link, the
 * account's signature and mentions, and up to 15 hashtags, within 5,000 bytes: the text
 * (lead and body) gives way, never the link.
 */
export function renderYoutube(content: Pick<Content, 'title' | 'lead' | 'body' | 'hashtags'>, options: YoutubeRenderOptions = {}): YoutubeRender {
  const warnings: string[] = [];
  const rawTitle = cleanText(content.title).replace(/\s+/g, ' ').trim();
  const rawText = [content.lead, content.body].map((s) => cleanText(s)).join('\n\n');
  const touches = options.touches ?? {};
  const rawTouches = [touches.signature ?? '', ...(touches.mentions ?? []).map((m) => `@${m.replace(/^@+/, '')}`)]
    .filter(Boolean)
    .join(' ');
  if (/[<>]/.test(rawTitle + rawText + rawTouches)) warnings.push(t('youtube.warn.angle_brackets'));

  let title = noAngleBrackets(rawTitle);
  if (Array.from(title).length > YT_TITLE_MAX_CHARS) {
    title = shortenTo(title, (c) => Array.from(c).length <= YT_TITLE_MAX_CHARS);
    warnings.push(t('youtube.warn.title_shortened', { limit: YT_TITLE_MAX_CHARS }));
  }

  const allTags = mergeHashtags(content.hashtags, touches.hashtags);
  const hashtags = allTags.slice(0, YT_MAX_HASHTAGS);
  const dropped = allTags.slice(YT_MAX_HASHTAGS);
  if (dropped.length) warnings.push(t('youtube.warn.hashtags_dropped', { max: YT_MAX_HASHTAGS, tags: dropped.map((h) => `#${h}`).join(' ') }));

  const realLink = options.link && /^https?:\/\//i.test(options.link) ? options.link.trim() : '';
  const link = realLink || options.linkLabel || '';
  const fixed = [link, noAngleBrackets(rawTouches), hashtags.map((h) => `#${h}`).join(' ')].filter(Boolean).join('\n\n');
  const text = noAngleBrackets(paragraphs(rawText).join('\n\n'));
  const room = YT_DESCRIPTION_MAX_BYTES - bytes(fixed) - (fixed && text ? 2 : 0);
  let body = text;
  if (bytes(text) > room) {
    body = room > 0 ? fitWords(text, (c) => bytes(c) <= room) : '';
    warnings.push(t('youtube.warn.description_shortened', { limit: YT_DESCRIPTION_MAX_BYTES }));
  }
  const description = [body, fixed].filter(Boolean).join('\n\n');

  // Tags are search keywords; the same hashtags, within their own 500-character budget.
  const tags: string[] = [];
  let used = 0;
  for (const tag of allTags) {
    const cost = tag.length + (tags.length ? 1 : 0);
    if (used + cost > YT_TAGS_MAX_CHARS) break;
    tags.push(tag);
    used += cost;
  }
  return { title, description, tags, descriptionBytes: bytes(description), warnings };
}
