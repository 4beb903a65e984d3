import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { webApi } from '@slack/bolt';
import { UserFacingError } from '../../domain/errors.ts';
import { humanSize, safeFilename } from '../../files/ingest.ts';
import { t } from '../../messages/index.ts';
import type { IncomingFile } from '../port.ts';

/** The part of a Slack file object the adapter reads (messages, file_input, files.info). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
  /** `check_file_info`: the event carried a stub; files.info has the rest. */
  file_access?: string;
  mode?: string;
}

export interface FileDownloadDeps {
  client: webApi.WebClient;
  botToken: string;
  /** SLACK_API_URL: its host is trusted with the token too (GovSlack, the tests). */
  apiUrl: string;
  maxBytes: number;
  fetch?: typeof fetch;
}

/** Hosts that may receive the bot token: Slack's own, GovSlack's, and the configured API's. */
export function isTrustedHost(url: string, apiUrl: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const apiHost = new URL(apiUrl).hostname.toLowerCase();
  return host === apiHost || /(^|\.)slack\.com$/.test(host) || /(^|\.)slack-gov\.com$/.test(host) || /(^|\.)slack-edge\.com$/.test(host);
}

export function isImage(file: SlackFile): boolean {
  return (file.mimetype ?? '').startsWith('image/') || ['jpg', 'jpeg', 'png', 'gif', 'webp'].includes((file.filetype ?? '').toLowerCase());
}

export function fileName(file: SlackFile): string {
  return file.name || file.title || file.id;
}

/**
 * An IncomingFile for the core's ingest: `open()` downloads `url_private_download` with the
 * bot token (asking files.info first when the event carried only a stub), refuses early
 * what is already known to be too big, and hands back the body as a stream; the core
 * meters the bytes again and checks the type by content.
 */
export function incomingFile(file: SlackFile, deps: FileDownloadDeps, alt?: string): IncomingFile {
  const filename = fileName(file);
  const shown = safeFilename(filename);
  const tooBig = () => new UserFacingError('file_too_big', t('files.too_big', { file: shown, limit: humanSize(deps.maxBytes) }));
  const out: IncomingFile = {
    filename,
    ref: { platform: 'slack', id: file.id },
    async open() {
      let info = file;
      if (!info.url_private_download || info.file_access === 'check_file_info') {
        const res = await deps.client.files.info({ file: file.id });
        info = { ...file, ...(res.file as SlackFile | undefined) };
      }
      if (info.size !== undefined && info.size > deps.maxBytes) throw tooBig();
      const url = info.url_private_download ?? info.url_private;
      if (!url) throw new UserFacingError('download_failed', t('slack.file_no_url', { file: shown }));
      if (!isTrustedHost(url, deps.apiUrl)) throw new UserFacingError('download_failed', t('slack.file_untrusted_host', { file: shown }));
      const res = await (deps.fetch ?? fetch)(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new UserFacingError('download_failed', t('files.download_failed', { file: shown, detail: `HTTP ${res.status}` }));
      }
      // Without the token (or the files:read scope) Slack answers 200 with its login page.
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
        await res.body.cancel();
        throw new UserFacingError('download_failed', t('slack.file_login_page', { file: shown }));
      }
      const length = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(length) && length > deps.maxBytes) {
        await res.body.cancel();
        throw tooBig();
      }
      return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    },
  };
  if (file.mimetype) out.mime = file.mimetype;
  if (file.size !== undefined) out.size = file.size;
  if (alt?.trim()) out.alt = alt.trim();
  return out;
}
