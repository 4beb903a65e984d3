import { createReadStream } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Readable } from 'node:stream';
import type { Message } from 'telegraf/types';
import { TelegramError } from 'telegraf';
import { chatErrorText, UserFacingError } from '../../domain/errors.ts';
import { humanSize, safeFilename } from '../../files/ingest.ts';
import { t } from '../../messages/index.ts';
import type { IncomingFile } from '../port.ts';
import { redactToken, type ResilientTelegram } from './client.ts';

/** What the public Bot API lets a bot download (getFile); a self-hosted server has no such cap. */
export const PUBLIC_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * A file as Telegram describes it, small enough to keep in a store document (an open
 * step-by-step form keeps its photos across a restart) and turned into an IncomingFile
 * only when the core downloads it.
 */
export interface FileSpec {
  fileId: string;
  filename: string;
  mime?: string;
  size?: number;
  alt?: string;
  /** Sent as a Telegram photo: its file_id can be sent back with sendPhoto (the preview). */
  photo?: boolean;
}

/**
 * The photo, video or document a message carries (the largest size of a photo). Telegram
 * gives a photo no name: it is `foto-1.jpg`, which the core numbers on (`foto-2.jpg`…) so
 * that each name is unique in the comunicado and the author can type it in an `alt` line.
 * A document or video keeps the name it was sent with.
 */
export function fileOf(message: Message): FileSpec | undefined {
  const m = message as Partial<Message.PhotoMessage & Message.VideoMessage & Message.DocumentMessage>;
  const withSize = (spec: FileSpec, size: number | undefined): FileSpec => (size === undefined ? spec : { ...spec, size });
  if (m.photo?.length) {
    const best = [...m.photo].sort((a, b) => a.width * a.height - b.width * b.height).pop()!;
    return withSize({ fileId: best.file_id, filename: 'foto-1.jpg', mime: 'image/jpeg', photo: true }, best.file_size);
  }
  if (m.video) {
    const v = m.video;
    return withSize({ fileId: v.file_id, filename: v.file_name ?? 'video-1.mp4', ...(v.mime_type ? { mime: v.mime_type } : {}) }, v.file_size);
  }
  if (m.document) {
    const d = m.document;
    return withSize({ fileId: d.file_id, filename: d.file_name ?? 'documento-1', ...(d.mime_type ? { mime: d.mime_type } : {}) }, d.file_size);
  }
  return undefined;
}

export interface DownloadContext {
  client: ResilientTelegram;
  apiRoot: string;
  /** Public Bot API: downloads stop at 20 MB, and the person hears why. */
  publicApi: boolean;
}

function tooBig(spec: FileSpec, size: number): UserFacingError {
  return new UserFacingError('telegram_file_too_big', t('telegram.file_too_big_public', { file: safeFilename(spec.filename), size: humanSize(size) }));
}

/** The 20 MB refusal before any byte moves, when Telegram already told the size. */
export function checkDownloadable(spec: FileSpec, ctx: Pick<DownloadContext, 'publicApi'>): UserFacingError | undefined {
  if (ctx.publicApi && spec.size !== undefined && spec.size > PUBLIC_DOWNLOAD_LIMIT) return tooBig(spec, spec.size);
  return undefined;
}

/**
 * The core's view of a Telegram file. `open()` asks getFile for the path and streams the
 * bytes from `<apiRoot>/file/bot<token>/<path>` (or, for a self-hosted server in --local
 * mode, from the absolute path it returns). The core applies the size limit and the
 * content check while streaming. Nothing thrown from here carries the token.
 */
export function incomingFile(spec: FileSpec, ctx: DownloadContext): IncomingFile {
  const file: IncomingFile = {
    filename: spec.filename,
    open: () => open(spec, ctx),
  };
  if (spec.mime) file.mime = spec.mime;
  if (spec.size !== undefined) file.size = spec.size;
  if (spec.alt) file.alt = spec.alt;
  if (spec.photo) file.ref = { platform: 'telegram', id: spec.fileId };
  return file;
}

async function open(spec: FileSpec, ctx: DownloadContext): Promise<Readable> {
  const early = checkDownloadable(spec, ctx);
  if (early) throw early;
  let path: string | undefined;
  try {
    const info = await ctx.client.getFile(spec.fileId);
    if (ctx.publicApi && info.file_size !== undefined && info.file_size > PUBLIC_DOWNLOAD_LIMIT) throw tooBig(spec, info.file_size);
    path = info.file_path;
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    if (err instanceof TelegramError && /too big/i.test(err.description)) throw tooBig(spec, spec.size ?? PUBLIC_DOWNLOAD_LIMIT + 1);
    throw unavailable(spec, err, ctx);
  }
  if (!path) throw unavailable(spec, new Error('sin ruta de descarga'), ctx);
  if (isAbsolute(path)) return createReadStream(path); // telegram-bot-api --local
  const base = ctx.apiRoot.replace(/\/+$/, '');
  const url = `${base}/file/bot${ctx.client.token}/${path.split('/').map(encodeURIComponent).join('/')}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw unavailable(spec, err, ctx);
  }
  if (!res.ok || !res.body) throw unavailable(spec, new Error(`HTTP ${res.status}`), ctx);
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  // A failure mid-stream (connection cut) must not leak the URL either.
  body.on('error', (err) => redactToken(err, ctx.client.token));
  return body;
}

function unavailable(spec: FileSpec, err: unknown, ctx: DownloadContext): UserFacingError {
  const clean = redactToken(err instanceof Error ? err : new Error(String(err)), ctx.client.token);
  const detail = clean instanceof TelegramError ? chatErrorText(new Error(clean.description)) : chatErrorText(clean);
  return new UserFacingError('telegram_file_unavailable', t('telegram.file_unavailable', { file: safeFilename(spec.filename), detail: detail.slice(0, 80) }), { cause: clean });
}
