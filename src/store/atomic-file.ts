import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { t } from '../messages/index.ts';
import { dirname } from 'node:path';
import { StoreWriteError } from './errors.ts';

let counter = 0;

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes `data` to `path` so that a crash at any instant leaves either the old or the new
 * content, never a mix: write a temp file beside it, fsync, rename over, fsync the folder.
 * With `keepBackup`, the previous content stays as `path.bak` (a hard link, so it costs no
 * copy). On failure the temp file is removed and a StoreWriteError (Spanish) is thrown.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { keepBackup?: boolean } = {}): Promise<void> {
  const tmp = `${path}.${process.pid}.${++counter}.tmp`;
  try {
    const fh = await open(tmp, 'w', 0o640);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (options.keepBackup) {
      const bakTmp = `${path}.bak.${process.pid}.${counter}.tmp`;
      try {
        await link(path, bakTmp);
        await rename(bakTmp, `${path}.bak`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
          await unlink(bakTmp).catch(() => {});
          throw err;
        }
      }
    }
    await rename(tmp, path);
    await fsyncDir(dirname(path));
  } catch (err) {
    await unlink(tmp).catch(() => {});
    if (err instanceof StoreWriteError) throw err;
    throw new StoreWriteError((err as NodeJS.ErrnoException).code ?? 'EIO', err);
  }
}

/** Why a file's text is not a valid JSON document, or undefined when it is fine. */
export function corruption(text: string): string | undefined {
  if (text.length === 0) return t('store.corrupt.empty');
  if (text.includes('\u0000')) return t('store.corrupt.nul');
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return t('store.corrupt.json', { detail: (err as Error).message.slice(0, 120) });
  }
}

/** Reads a JSON file; `undefined` when it does not exist. Throws the parse problem otherwise. */
export async function readJsonFile(path: string): Promise<{ text: string; problem?: string } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const problem = corruption(text);
  return problem ? { text, problem } : { text };
}
