import { createReadStream } from 'node:fs';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { PublishError } from '../../port.ts';
import { networkCode } from './google-error.ts';

/** Google requires chunks in multiples of 256 KiB (all but the last). */
export const CHUNK_UNIT = 256 * 1024;
export const DEFAULT_CHUNK_SIZE = 32 * CHUNK_UNIT; // 8 MiB

export interface ResumableUploadOptions {
  http: AxiosInstance;
  /** The session URI from the Location header of the initiating POST. */
  sessionUrl: string;
  filePath: string;
  total: number;
  mime: string;
  chunkSize: number;
  /** Current `Bearer ...` value (the access token may be renewed during a long upload). */
  authorization(): Promise<string>;
  /** Consecutive failures without progress before giving up. */
  maxBrokenInARow: number;
  sleep(ms: number): Promise<void>;
  /** Bytes handed to the connection so far. */
  onProgress(bytes: number): void;
  signal?: AbortSignal | undefined;
  /**
   * Called (and awaited) once, right before the chunk holding the last byte is sent: the
   * video exists only once that byte arrives, so every chunk before it is preparation.
   */
  beforeFinal?(): Promise<void>;
}

/** The connection kept breaking; `mayBeComplete` when the last thing sent was the final byte. */
export class UploadBrokenError extends Error {
  constructor(
    readonly code: string,
    readonly attempts: number,
    readonly mayBeComplete: boolean,
  ) {
    super(`upload broken ${attempts} times (${code})`);
    this.name = 'UploadBrokenError';
  }
}

/** YouTube answered with a final error (4xx other than the resumable ones). */
export class UploadAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly data: unknown,
    readonly headers: Record<string, unknown>,
  ) {
    super(`upload refused with HTTP ${status}`);
    this.name = 'UploadAnswerError';
  }
}

/** `Range: bytes=0-42` -> 43 bytes persisted; no header -> nothing persisted yet. */
export function persistedBytes(range: unknown): number {
  const m = typeof range === 'string' ? /bytes=0-(\d+)/.exec(range) : null;
  return m ? Number(m[1]) + 1 : 0;
}

function backoffMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** (attempt - 1));
}

/**
 * Sends a file to a YouTube resumable upload session, chunk by chunk, each chunk streamed
 * from disk (`createReadStream` with start/end), so memory stays flat whatever the video
 * size. After a broken connection or a 5xx it asks the session what it kept
 * (`Content-Range: bytes *\/total` -> 308 + `Range`) and continues from there; a 200/201
 * from either request carries the created video resource, so a lost final answer is
 * recovered instead of uploading twice.
 */
export async function uploadResumable(o: ResumableUploadOptions): Promise<unknown> {
  let offset = 0;
  let needStatus = false;
  let broken = 0;
  let finalSent = false;
  let lastCode = '';

  const fail = async (code: string) => {
    broken += 1;
    lastCode = code;
    if (broken > o.maxBrokenInARow) throw new UploadBrokenError(lastCode, broken, finalSent);
    await o.sleep(backoffMs(broken));
    needStatus = true;
  };

  for (;;) {
    if (o.signal?.aborted) throw new UploadBrokenError('ABORTED', broken, finalSent);
    let res: AxiosResponse;
    try {
      if (needStatus || offset >= o.total) {
        res = await request(o, null, { 'Content-Range': `bytes */${o.total}`, 'Content-Length': '0' });
      } else {
        const end = Math.min(offset + o.chunkSize, o.total) - 1;
        if (end === o.total - 1 && !finalSent) await o.beforeFinal?.();
        finalSent = end === o.total - 1;
        res = await putChunk(o, offset, end);
      }
    } catch (err) {
      // A token renewal failure is already classified; only network failures resume.
      if (err instanceof PublishError) throw err;
      if (o.signal?.aborted) throw new UploadBrokenError('ABORTED', broken, finalSent);
      await fail(networkCode(err));
      continue;
    }
    needStatus = false;
    if (res.status === 200 || res.status === 201) return res.data;
    if (res.status === 308) {
      const kept = persistedBytes(res.headers.range);
      if (kept > offset) broken = 0;
      if (kept >= o.total) {
        // Everything arrived but the session did not close: ask again, counting it as a stall.
        await fail('INCOMPLETE_FINISH');
        continue;
      }
      offset = kept;
      o.onProgress(offset);
      continue;
    }
    if (res.status >= 500) {
      await fail(`HTTP ${res.status}`);
      continue;
    }
    throw new UploadAnswerError(res.status, res.data, res.headers as Record<string, unknown>);
  }
}

async function putChunk(o: ResumableUploadOptions, start: number, end: number): Promise<AxiosResponse> {
  const stream = createReadStream(o.filePath, { start, end });
  let read = 0;
  stream.on('data', (b) => {
    read += b.length;
    o.onProgress(start + read);
  });
  try {
    return await request(o, stream, {
      'Content-Range': `bytes ${start}-${end}/${o.total}`,
      'Content-Length': String(end - start + 1),
      'Content-Type': o.mime,
    });
  } finally {
    stream.destroy();
  }
}

async function request(o: ResumableUploadOptions, body: NodeJS.ReadableStream | null, headers: Record<string, string>): Promise<AxiosResponse> {
  return o.http.put(o.sessionUrl, body ?? '', {
    headers: { Authorization: await o.authorization(), ...headers },
    // No redirect following: follow-redirects would buffer the body, and 308 here means
    // "Resume Incomplete", not a redirect.
    maxRedirects: 0,
    maxBodyLength: Infinity,
    validateStatus: () => true,
    ...(o.signal ? { signal: o.signal } : {}),
  });
}
