import type { Comunicado } from '../domain/comunicado.ts';
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
