import type { Comunicado, Content } from '../domain/comunicado.ts';
import type { PlainLanguageConfig } from '../accessibility/config.ts';
import { plainLanguageHints, readability, type Hint } from '../accessibility/plain-language.ts';
import { ALT_MIN_CHARS, ALT_WARN_CHARS, imagesWithLongAlt, imagesWithWeakAlt, videosWithoutCaptions } from '../domain/accessibility.ts';
import { t } from '../messages/index.ts';

/**
 * The preview's accessibility lines: images whose alt text does not describe them (a
 * block), alt texts too long to listen to (a warning), and for each video whether it has
 * captions, was declared without speech, or still lacks them (a block).
 */
export function accessibilityLines(c: Comunicado): string[] {
  const lines: string[] = [];
  for (const w of imagesWithWeakAlt(c.content)) lines.push(t('a11y.preview.alt_weak', { file: w.file, alt: w.alt }));
  for (const l of imagesWithLongAlt(c.content)) lines.push(t('a11y.preview.alt_long', { file: l.file, length: l.length, max: ALT_WARN_CHARS }));
  for (const a of c.content.attachments) {
    if (a.kind !== 'video') continue;
    if (a.captions) lines.push(t('a11y.preview.captions', { file: a.filename, captions: a.captions.filename, cues: a.captions.cues }));
    else if (a.noSpeech) lines.push(t('a11y.preview.no_speech', { file: a.filename }));
    else lines.push(t('a11y.preview.captions_missing', { file: a.filename }));
  }
  return lines;
}

/** The captions file name a person would send for a video: its own name with `.srt`. */
function captionsNameFor(video: string): string {
  const dot = video.lastIndexOf('.');
  return `${dot > 0 ? video.slice(0, dot) : video}.srt`;
}

/**
 * The author's note for what else blocks approval: alt texts that do not describe, videos
 * without captions; with the exact message that fixes each (like the missing alt notice).
 */
export function accessibilityNotice(c: Comunicado): string | undefined {
  const parts: string[] = [];
  const weak = imagesWithWeakAlt(c.content);
  if (weak.length) {
    parts.push(
      [
        t('a11y.notice.alt_weak_intro', { files: weak.map((w) => `«${w.file}»`).join(', '), min: ALT_MIN_CHARS }),
        t('reply.alt_edit_command', { id: c.id }),
        ...weak.map((w) => t('reply.alt_line', { file: w.file })),
      ].join('\n'),
    );
  }
  const videos = videosWithoutCaptions(c.content);
  if (videos.length) {
    parts.push(
      [
        t('a11y.notice.captions_intro', { files: videos.map((f) => `«${f}»`).join(', ') }),
        t('reply.alt_edit_command', { id: c.id }),
        ...videos.map((file) => t('a11y.notice.captions_line', { file, captions: captionsNameFor(file) })),
      ].join('\n'),
    );
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

/** The most lines one rule gets in the preview; the rest are counted. */
const MAX_PER_RULE = 3;

/**
 * The preview's plain-language block (Circular DAFP 100-010 de 2021): the INFLESZ score of
 * the text and each hint, as one section. Warnings only; thresholds from `plainLanguage:`.
 */
export function plainLanguageBlock(content: Pick<Content, 'title' | 'lead' | 'body'>, config: PlainLanguageConfig): string | undefined {
  if (!config.enabled) return undefined;
  const text = [content.title, content.lead, content.body].filter((s) => s.trim()).join('\n\n');
  const score = readability([content.lead, content.body].filter((s) => s.trim()).join('\n\n') || text);
  if (!score) return undefined;
  const lines = [t('a11y.plain.heading')];
  const level = t(`a11y.plain.level.${score.level}`);
  lines.push(score.score < config.minReadability ? t('a11y.plain.readability_low', { score: score.score, level, min: config.minReadability }) : t('a11y.plain.readability', { score: score.score, level }));
  const hints = plainLanguageHints(text, config);
  const byRule = new Map<string, Hint[]>();
  for (const h of hints) byRule.set(h.rule, [...(byRule.get(h.rule) ?? []), h]);
  for (const list of byRule.values()) {
    for (const h of list.slice(0, MAX_PER_RULE)) {
      switch (h.rule) {
        case 'long_sentence':
          lines.push(t('a11y.plain.long_sentence', { words: h.words, max: config.maxSentenceWords, start: h.start }));
          break;
        case 'passive':
          lines.push(t('a11y.plain.passive', { phrase: h.phrase }));
          break;
        case 'all_caps':
          lines.push(t('a11y.plain.all_caps', { words: h.words }));
          break;
        case 'acronym':
          lines.push(t('a11y.plain.acronym', { acronym: h.acronym }));
          break;
        case 'long_paragraph':
          lines.push(t('a11y.plain.long_paragraph', { sentences: h.sentences, max: config.maxParagraphSentences, start: h.start }));
          break;
      }
    }
    if (list.length > MAX_PER_RULE) lines.push(t('a11y.plain.more', { count: list.length - MAX_PER_RULE }));
  }
  return lines.join('\n');
}
