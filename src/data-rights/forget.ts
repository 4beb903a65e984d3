import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { normalizeEmail } from '../media-email/contacts.ts';
import type { MediaDirectory } from '../media-email/directory.ts';
import { personHash } from '../record/events.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import type { Store } from '../store/port.ts';
import { scrubJson } from './scrub.ts';

export interface ForgetDeps {
  store: Store;
  directory: MediaDirectory;
  dataDir: string;
}

export interface ForgetReport {
  hash: string;
  /** Whether the person was on the list when erased. */
  wasListed: boolean;
  /** Files under DATA_DIR looked at, rewritten without the person, and deleted (simulated emails, exports). */
  checked: number;
  changed: number;
  removed: number;
}

/** Folders never scanned: the record holds only hashes; comunicados are the office's own publications. */
const SKIP = new Set(['registro', 'comunicados', 'staging']);
const MAX_SCAN_BYTES = 50 * 1024 * 1024;

async function* filesUnder(dir: string, root: string): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (dir === root && SKIP.has(e.name)) continue;
      yield* filesUnder(path, root);
    } else if (e.isFile()) yield path;
  }
}

/**
 * `/medios olvidar correo` (Ley 1581, supresión): the person leaves the list, every send
 * record (kept with their delivery facts under a hash, so the counts stay right), the
 * backups and the `.bak` copies, and every simulated email or export under outbox/ that
 * names them is deleted. Live documents go through the store (its cache must not bring
 * them back); the copies on disk are rewritten after. The record keeps the hash only.
 */
export async function forgetPerson(deps: ForgetDeps, email: string, by: string): Promise<ForgetReport> {
  const key = normalizeEmail(email);
  const hash = personHash(key);
  const removed = await deps.directory.forget(key, hash, by);
  for (const name of (await deps.store.docNames?.('email')) ?? []) {
    const doc = await deps.store.readDoc<unknown>(name, undefined);
    if (doc === undefined || !JSON.stringify(doc).toLowerCase().includes(key)) continue;
    await deps.store.updateDoc<unknown>(name, doc, (d) => scrubJson(d, key, hash).value);
  }
  const report: ForgetReport = { hash, wasListed: !!removed, checked: 0, changed: 0, removed: 0 };
  for await (const path of filesUnder(deps.dataDir, deps.dataDir)) {
    const rel = relative(deps.dataDir, path);
    const info = await stat(path).catch(() => undefined);
    if (!info || info.size > MAX_SCAN_BYTES) continue;
    report.checked += 1;
    const inName = rel.toLowerCase().includes(key);
    const text = await readFile(path, 'utf8');
    if (!inName && !text.toLowerCase().includes(key)) continue;
    // Simulated emails (named after the address) and exports: copies, deleted whole.
    if (inName || rel.split(sep)[0] === 'outbox') {
      await unlink(path);
      report.removed += 1;
      continue;
    }
    let next: string;
    try {
      const scrubbed = scrubJson(JSON.parse(text), key, hash);
      next = JSON.stringify(scrubbed.value);
    } catch {
      next = text.replace(new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), hash);
    }
    await writeFileAtomic(path, next);
    report.changed += 1;
  }
  return report;
}
