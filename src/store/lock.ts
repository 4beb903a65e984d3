import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { t } from '../messages/index.ts';
import { StoreLockedError } from './errors.ts';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Random per acquisition: tells our lock from another holder's with the same pid. */
  nonce?: string;
}

export interface LockOptions {
  /** The app's clock, in ms (heartbeat mtimes and staleness use it). */
  now?: () => number;
  /** How often the holder refreshes the lock's mtime (default 15 s). */
  heartbeatMs?: number;
  /** A lock whose mtime is older than this is stale (default 60 s). */
  staleMs?: number;
  /** Called once when the heartbeat finds the lock is no longer ours. */
  onLost?: () => void;
  /** Start the heartbeat timer (default true; tests call `heartbeat()` themselves). */
  timer?: boolean;
}

export interface LockHandle {
  readonly file: string;
  /** False once the heartbeat found another holder's lock (or none) in place of ours. */
  readonly held: boolean;
  /** Refreshes the mtime if the lock is still ours; otherwise marks it lost. */
  heartbeat(): Promise<boolean>;
  release(): Promise<void>;
}

export const LOCK_HEARTBEAT_MS = 15_000;
export const LOCK_STALE_MS = 60_000;

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

async function readInfo(file: string): Promise<LockInfo | undefined> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as LockInfo;
    return v && typeof v === 'object' && typeof v.pid === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

async function statOrUndefined(file: string) {
  try {
    return await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * One process owns DATA_DIR. The lock file appears at once with its content (written to a
 * temp file, then hard-linked into place: EEXIST means someone holds it), so there is no
 * instant when it exists empty. The holder refreshes its mtime every `heartbeatMs`; a lock
 * is stale when its mtime is older than `staleMs`, whatever host wrote it. An empty or
 * unreadable lock that is recent counts as held. Only on this host, a readable lock whose
 * process is gone is stale at once (a crash, or the same pid in a restarted container).
 * Taking over a stale lock goes through an O_EXCL `.takeover` file and a second look, so
 * two starters never both win.
 */
export async function acquireLock(dataDir: string, options: LockOptions = {}): Promise<LockHandle> {
  const now = options.now ?? (() => Date.now());
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const heartbeatMs = options.heartbeatMs ?? LOCK_HEARTBEAT_MS;
  const file = join(dataDir, 'comunicados.lock');
  const guard = `${file}.takeover`;
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date(now()).toISOString(), nonce: randomBytes(12).toString('hex') };
  // Not `.tmp`: the store removes leftover `.tmp` files at start-up, maybe while we link.
  const tmp = `${file}.${process.pid}.${me.nonce}.new`;
  const fh = await open(tmp, 'wx', 0o640);
  try {
    await fh.writeFile(JSON.stringify(me));
    await fh.sync();
  } finally {
    await fh.close();
  }
  const stamp = async () => {
    const at = new Date(now());
    await utimes(file, at, at);
  };
  const refuse = (held: LockInfo | undefined) =>
    new StoreLockedError(
      t('store.locked', { dir: dataDir, pid: held?.pid ?? '?', host: held?.host ?? '?', since: held?.startedAt ?? '?', lock: file }),
    );
  const isStale = (held: LockInfo | undefined, mtimeMs: number): boolean => {
    if (now() - mtimeMs > staleMs) return true;
    if (!held) return false; // empty or half-readable but recent: someone is writing it
    const ours = held.pid === me.pid && heldHere.has(file);
    return held.host === me.host && !ours && (held.pid === me.pid || !alive(held.pid));
  };

  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, file);
        await stamp();
        return handle();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const before = await statOrUndefined(file);
      if (!before) continue; // released meanwhile: try again
      const held = await readInfo(file);
      if (!isStale(held, before.mtimeMs)) throw refuse(held);
      // Stale: take it over under the guard, after a second look.
      let g;
      try {
        g = await open(guard, 'wx', 0o640);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const gs = await statOrUndefined(guard);
        // A guard left by a starter that crashed mid-takeover is itself stale.
        if (gs && now() - gs.mtimeMs > staleMs) await unlink(guard).catch(() => {});
        else throw refuse(held);
        continue;
      }
      await g.close();
      try {
        const again = await statOrUndefined(file);
        if (again) {
          if (again.ino !== before.ino || again.mtimeMs !== before.mtimeMs) throw refuse(await readInfo(file));
          if (!isStale(await readInfo(file), again.mtimeMs)) throw refuse(await readInfo(file));
          await unlink(file);
        }
        await link(tmp, file); // EEXIST here: another starter got in without the guard
        await stamp();
        return handle();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw refuse(await readInfo(file));
        throw err;
      } finally {
        await unlink(guard).catch(() => {});
      }
    }
    throw refuse(await readInfo(file));
  } finally {
    await unlink(tmp).catch(() => {});
  }

  function handle(): LockHandle {
    heldHere.add(file);
    let held = true;
    let timer: NodeJS.Timeout | undefined;
    const lost = () => {
      if (!held) return;
      held = false;
      if (timer) clearInterval(timer);
      heldHere.delete(file);
      options.onLost?.();
    };
    const h: LockHandle = {
      file,
      get held() {
        return held;
      },
      async heartbeat() {
        if (!held) return false;
        const info = await readInfo(file);
        if (!info || info.nonce !== me.nonce || info.pid !== me.pid) {
          lost();
          return false;
        }
        await stamp().catch(() => lost());
        return held;
      },
      async release() {
        if (timer) clearInterval(timer);
        timer = undefined;
        if (!held) return;
        held = false;
        heldHere.delete(file);
        const info = await readInfo(file);
        if (info?.nonce === me.nonce) await unlink(file).catch(() => {});
      },
    };
    if (options.timer !== false) {
      timer = setInterval(() => void h.heartbeat(), heartbeatMs);
      timer.unref();
    }
    return h;
  }
}
