import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { t } from '../messages/index.ts';
import { StoreLockedError } from './errors.ts';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks this process holds: the same pid in a lock file is ours only if listed here. */
const heldHere = new Set<string>();

/**
 * One process owns DATA_DIR. The lock file records who; a lock whose process is gone
 * (killed, crashed, or the same pid in a restarted container) is stale and taken over.
 */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, 'comunicados.lock');
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o640);
      await fh.writeFile(JSON.stringify(me));
      await fh.sync();
      await fh.close();
      heldHere.add(file);
      return async () => {
        heldHere.delete(file);
        await unlink(file).catch(() => {});
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let held: LockInfo | undefined;
    try {
      held = JSON.parse(await readFile(file, 'utf8')) as LockInfo;
    } catch {
      held = undefined; // unreadable lock: a crash while writing it; stale
    }
    // Our own pid in the file is stale unless this process really holds it (a container
    // restarted with the same pid); another live pid on this host is a running instance.
    const ours = held?.pid === me.pid && heldHere.has(file);
    const stale = !held || (held.host === me.host && !ours && (held.pid === me.pid || !alive(held.pid)));
    if (!stale && held) {
      throw new StoreLockedError(
        t('store.locked', { dir: dataDir, pid: held.pid, host: held.host, since: held.startedAt, lock: file }),
      );
    }
    await unlink(file).catch(() => {});
  }
  throw new StoreLockedError(t('store.locked', { dir: dataDir, pid: '?', host: '?', since: '?', lock: file }));
}
