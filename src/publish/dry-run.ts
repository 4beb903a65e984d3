import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Comunicado, Destination } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import type { DestinationPreview, PublishContext, Publisher, PublishResult, WithdrawResult } from './port.ts';

export interface DryRunOptions {
  /** The text the real platform would get (from that platform's renderer). */
  render?: (c: Comunicado, ctx?: PublishContext) => string;
  /** The preview's text where it differs from what is written (the portal: the page as read). */
  previewText?: (c: Comunicado) => string;
  /** File extension of the rendered text: `html` for the portal, `txt` otherwise. */
  ext?: 'html' | 'txt' | 'eml';
  /** Why this destination is a dry run, shown in the preview (e.g. "sin credenciales"). */
  reason?: string;
  warnings?: (c: Comunicado) => string[];
}

/** Folder name of a destination under outbox/: `portal:noticia` -> `portal-noticia`. */
export function outboxFolder(destination: string): string {
  return destination.replace(/[^a-z0-9_-]/gi, '-');
}

/**
 * Publishes nowhere: writes what would be published (rendered text, attachment list,
 * timing) under DATA_DIR/outbox/<destination>/ and returns a file link to it. Used in
 * console mode and for every destination that has no credentials. Idempotent: the same
 * comunicado overwrites its own files.
 */
export class DryRunPublisher implements Publisher {
  readonly dryRun = true;
  constructor(
    readonly destination: Destination,
    private readonly options: DryRunOptions = {},
  ) {}

  get dryRunReason(): string | undefined {
    return this.options.reason;
  }

  async publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult> {
    const dir = join(ctx.dataDir, 'outbox', outboxFolder(this.destination));
    await mkdir(dir, { recursive: true });
    const text = this.text(c, ctx);
    const ext = this.options.ext ?? 'txt';
    const textFile = join(dir, `${c.id}.${ext}`);
    await writeFileAtomic(textFile, text);
    const record = {
      destination: this.destination,
      id: c.id,
      version: c.version,
      title: c.content.title,
      publishAt: c.content.publishAt ?? null,
      vigenciaHasta: c.content.vigenciaHasta ?? null,
      portalUrl: ctx.portal?.url ?? null,
      attachments: c.content.attachments.map((a) => ({
        kind: a.kind,
        filename: a.filename,
        mime: a.mime,
        size: a.size,
        alt: a.alt ?? null,
        // A video's captions file, or its `sin voz` declaration (Resolución 1519 de 2020).
        ...(a.kind === 'video' ? { captions: a.captions?.filename ?? null, noSpeech: a.noSpeech === true } : {}),
      })),
      text,
      writtenAt: new Date().toISOString(),
      reason: this.options.reason ?? null,
    };
    await writeFileAtomic(join(dir, `${c.id}.json`), JSON.stringify(record, null, 2));
    return { remoteId: `dry-run:${this.destination}:${c.id}`, url: pathToFileURL(textFile).href, meta: { dryRun: true } };
  }

  async withdraw(): Promise<WithdrawResult> {
    return { outcome: 'removed', detail: t('dryrun.withdrawn') };
  }

  preview(c: Comunicado): DestinationPreview {
    const text = this.options.previewText?.(c) ?? this.text(c);
    return {
      destination: this.destination,
      text,
      length: Array.from(text).length,
      warnings: this.options.warnings?.(c) ?? [],
      dryRun: true,
    };
  }

  private text(c: Comunicado, ctx?: PublishContext): string {
    if (this.options.render) return this.options.render(c, ctx);
    const link = ctx?.portal?.url;
    return [c.content.title, c.content.lead, link, c.content.hashtags.map((h) => `#${h}`).join(' ')]
      .filter(Boolean)
      .join('\n\n');
  }
}
