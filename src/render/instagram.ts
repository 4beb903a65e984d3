import type { Comunicado } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { cleanText } from './escape.ts';
import { codePoints, uniqueTags, type RenderedPost, type SocialTouches } from './facebook.ts';
import { shorten } from './whatsapp.ts';

/** Instagram caption limits (content publishing API). */
export const INSTAGRAM_CAPTION_MAX = 2_200;
export const INSTAGRAM_MAX_HASHTAGS = 30;
export const INSTAGRAM_MAX_MENTIONS = 20;

const INLINE_HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;
// An "@" after a letter is an e-mail address (prensa@ibague.gov.co), not a mention.
const INLINE_MENTION = /(^|[^\p{L}\p{N}_.@])@([A-Za-z0-9._]{1,30})/gu;

/** Keeps the first `max` inline marks across the texts; the rest lose their '#' or '@'. */
function capInline(texts: string[], pattern: RegExp, mark: string, max: number): { texts: string[]; found: string[]; demoted: number } {
  let seen = 0;
  let demoted = 0;
  const found: string[] = [];
  const out = texts.map((s) =>
    s.replace(pattern, (_all, pre: string, word: string) => {
      seen += 1;
      if (seen > max) {
        demoted += 1;
        return `${pre}${word}`;
      }
      found.push(word);
      return `${pre}${mark}${word}`;
    }),
  );
  return { texts: out, found, demoted };
}

/** Picks at most `budget` items, the account's fixed ones first, keeping the original order. */
function pick(candidates: string[], fixed: readonly string[], budget: number): { kept: string[]; removed: string[] } {
  if (candidates.length <= budget) return { kept: candidates, removed: [] };
  const fixedKeys = new Set(fixed.map((f) => f.replace(/^[#@]+/, '').toLocaleLowerCase('es-CO')));
  const chosen = new Set<string>();
  for (const c of candidates) if (chosen.size < budget && fixedKeys.has(c.toLocaleLowerCase('es-CO'))) chosen.add(c);
  for (const c of candidates) if (chosen.size < budget) chosen.add(c);
  return { kept: candidates.filter((c) => chosen.has(c)), removed: candidates.filter((c) => !chosen.has(c)) };
}

const listed = (items: string[], mark: string) => items.slice(0, 5).map((i) => `${mark}${i}`).join(', ') + (items.length > 5 ? ', …' : '');

/**
 * The Instagram caption: title, lead, "Más información: <link>" (links are not clickable
 * on Instagram, but the address still tells where to read more), hashtags, mentions and
 * the account's signature. Fitted to Instagram's rules, each cut reported as a warning:
 * at most 30 hashtags and 20 mentions counting those inside the text (the account's fixed
 * ones are kept first), and at most 2,200 characters, shortening the lead on a word
 * boundary, then dropping trailing hashtags. Lengths are Unicode code points.
 */
export function renderInstagram(c: Pick<Comunicado, 'content'>, options: { link?: string | undefined; touches?: SocialTouches } = {}): RenderedPost {
  const touches = options.touches ?? { hashtags: [], mentions: [] };
  const warnings: string[] = [];

  const tagged = capInline([cleanText(c.content.title).trim(), cleanText(c.content.lead).trim()], INLINE_HASHTAG, '#', INSTAGRAM_MAX_HASHTAGS);
  if (tagged.demoted) warnings.push(t('social_meta.warn.ig_inline_hashtags', { max: INSTAGRAM_MAX_HASHTAGS }));
  const mentioned = capInline(tagged.texts, INLINE_MENTION, '@', INSTAGRAM_MAX_MENTIONS);
  if (mentioned.demoted) warnings.push(t('social_meta.warn.ig_inline_mentions', { max: INSTAGRAM_MAX_MENTIONS }));
  const [title = '', fullLead = ''] = mentioned.texts;

  const inlineTags = new Set(tagged.found.map((x) => x.toLocaleLowerCase('es-CO')));
  const tagCandidates = uniqueTags([c.content.hashtags, touches.hashtags]).filter((x) => !inlineTags.has(x.toLocaleLowerCase('es-CO')));
  const tags = pick(tagCandidates, touches.hashtags, INSTAGRAM_MAX_HASHTAGS - tagged.found.length);
  if (tags.removed.length) {
    warnings.push(t('social_meta.warn.ig_hashtags_trimmed', { max: INSTAGRAM_MAX_HASHTAGS, count: tags.removed.length, tags: listed(tags.removed, '#') }));
  }
  const inlineMentions = new Set(mentioned.found.map((x) => x.toLowerCase()));
  const mentionCandidates = uniqueTags([touches.mentions], '@').filter((x) => !inlineMentions.has(x.toLowerCase()));
  const mentions = pick(mentionCandidates, touches.mentions, INSTAGRAM_MAX_MENTIONS - mentioned.found.length);
  if (mentions.removed.length) {
    warnings.push(t('social_meta.warn.ig_mentions_trimmed', { max: INSTAGRAM_MAX_MENTIONS, count: mentions.removed.length, mentions: listed(mentions.removed, '@') }));
  }

  const linkLine = options.link ? t('social_meta.more_info', { url: options.link }) : '';
  const signature = touches.signature?.trim() ? cleanText(touches.signature).trim() : '';
  let keptTags = tags.kept;
  const assemble = (lead: string) =>
    [title, lead, linkLine, keptTags.map((h) => `#${h}`).join(' '), mentions.kept.map((m) => `@${m}`).join(' '), signature].filter(Boolean).join('\n\n');

  let lead = fullLead;
  let text = assemble(lead);
  if (codePoints(text) > INSTAGRAM_CAPTION_MAX) {
    const withoutLead = codePoints(assemble(''));
    const room = INSTAGRAM_CAPTION_MAX - withoutLead - 2; // the blank line before the lead
    lead = room > 1 ? shorten(fullLead, room) : '';
    text = assemble(lead);
    warnings.push(t('social_meta.warn.ig_caption_trimmed', { limit: INSTAGRAM_CAPTION_MAX, removed: codePoints(fullLead) - codePoints(lead) }));
  }
  if (codePoints(text) > INSTAGRAM_CAPTION_MAX) {
    // Even without the lead it is too long (huge signature): drop hashtags from the end.
    const dropped: string[] = [];
    while (keptTags.length && codePoints(text) > INSTAGRAM_CAPTION_MAX) {
      dropped.unshift(keptTags[keptTags.length - 1]!);
      keptTags = keptTags.slice(0, -1);
      text = assemble(lead);
    }
    if (dropped.length) warnings.push(t('social_meta.warn.ig_hashtags_trimmed', { max: keptTags.length, count: dropped.length, tags: listed(dropped, '#') }));
  }
  // Last guard: the limit is a hard one for the API.
  if (codePoints(text) > INSTAGRAM_CAPTION_MAX) text = shorten(text, INSTAGRAM_CAPTION_MAX);
  return { text, length: codePoints(text), limit: INSTAGRAM_CAPTION_MAX, warnings };
}
