import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { refusal } from '../messages/errors.ts';
import { copyFile, cp, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { z } from 'zod';
import { comunicadoSchema, formatId, idYear, type Comunicado, type MessageRef } from '../domain/comunicado.ts';
import { UserFacingError } from '../domain/errors.ts';
import { readJsonFile, writeFileAtomic } from './atomic-file.ts';
import { docProblem, PER_COMUNICADO_FOLDERS } from './doc-schemas.ts';
import { StoreCorruptError, StoreStartError, StoreWriteError } from './errors.ts';
import { t } from '../messages/index.ts';
import { acquireLock, type LockHandle, type LockOptions } from './lock.ts';
import { SerialQueue } from '../util/serial-queue.ts';
import {
  DOC_NAME,
  inWorkingSet,
  messageKey,
  summarize,
  type ComunicadoSummary,
  type Store,
} from './port.ts';

const stateSchema = z.object({
  format: z.literal(1),
  sequences: z.record(z.string(), z.number().int().nonnegative()),
  /** Per year, the last id already checked for files written before a crash. */
  checked: z.record(z.string(), z.number().int().nonnegative()).default({}),
  index: z.record(z.string(), z.custom<ComunicadoSummary>((v) => typeof v === 'object' && v !== null && 'id' in v)),
  messages: z.record(z.string(), z.string()),
  events: z.record(z.string(), z.number()),
});
type StateDoc = z.infer<typeof stateSchema>;

const EVENT_TTL_MS = 7 * 86_400_000;
const MAX_EVENTS = 20_000;
const DAILY_BACKUPS = 7;
/** How often the store refreshes its lock and looks whether the day's backup is due. */
const MAINTAIN_MS = 15_000;

/**
 * A lowdb adapter with the guarantees a press office needs: atomic writes (temp file,
 * fsync, rename), the previous version kept as `.bak`, and a refusal (never an overwrite)
 * when the file on disk is not valid.
 */
class AtomicJsonAdapter<T> implements Adapter<T> {
  constructor(
    private readonly path: string,
    private readonly parse: (data: unknown) => T,
    private readonly backupOf: (path: string) => string | undefined,
  ) {}

  async read(): Promise<T | null> {
    const file = await readJsonFile(this.path);
    if (!file) return null;
    if (file.problem) throw new StoreCorruptError(this.path, this.backupOf(this.path), file.problem);
    try {
      return this.parse(JSON.parse(file.text));
    } catch (err) {
      throw new StoreCorruptError(this.path, this.backupOf(this.path), t('store.corrupt.structure', { detail: (err as Error).message.slice(0, 200) }));
    }
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(data), { keepBackup: true });
  }
}

export interface LowdbStoreOptions {
  now?: () => Date;
  /** Days closed comunicados stay in the working set (default 45). */
  recentDays?: number;
  /** Lock heartbeat and staleness (tests shorten them and drive the heartbeat). */
  lock?: Omit<LockOptions, 'onLost'>;
}

/**
 * The on-disk store. Layout under DATA_DIR, chosen so one write never grows with history:
 *
 *   state.json                    small hot index: id sequences, the working set's
 *                                 summaries, message links, processed event ids
 *   comunicados/2026/C-2026-0142.json   one file per comunicado (content, versions,
 *                                 deliveries, audit); an update rewrites only this file
 *   docs/<name>.json              small named documents (media list, digest state...)
 *   backups/state-YYYY-MM-DD.json daily copies of state.json (7 kept)
 *   backups/docs-YYYY-MM-DD/      daily copies of docs/ (7 kept)
 *
 * Start-up reads state.json and the working set only, so a year of history does not
 * slow it down. Closed comunicados leave the index after `recentDays` but stay on disk
 * and are found by id.
 */
export class LowdbStore implements Store {
  private readonly state: Low<StateDoc>;
  private readonly cache = new Map<string, Comunicado>();
  private readonly docs = new Map<string, unknown>();
  private readonly mutex = new SerialQueue();
  private lock: LockHandle | undefined;
  private readonly now: () => Date;

  private constructor(
    readonly dataDir: string,
    private readonly options: LowdbStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    const initial: StateDoc = { format: 1, sequences: {}, checked: {}, index: {}, messages: {}, events: {} };
    this.state = new Low<StateDoc>(
      new AtomicJsonAdapter(join(dataDir, 'state.json'), (d) => stateSchema.parse(d), (p) => this.newestBackup(p)),
      initial,
    );
  }

  /**
   * Opens DATA_DIR: takes the lock, loads and checks the index, the working set and the
   * side documents. A full or read-only disk is a Spanish StoreStartError, not a stack.
   */
  static async open(dataDir: string, options: LowdbStoreOptions = {}): Promise<LowdbStore> {
    const dir = resolve(dataDir);
    try {
      return await LowdbStore.openIn(dir, options);
    } catch (err) {
      if (err instanceof UserFacingError && !(err instanceof StoreWriteError)) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? (err instanceof StoreWriteError ? err.errno : undefined);
      if (code && StoreStartError.handles(code)) throw new StoreStartError(dir, code, err);
      throw err;
    }
  }

  private static async openIn(dir: string, options: LowdbStoreOptions): Promise<LowdbStore> {
    await mkdir(join(dir, 'comunicados'), { recursive: true });
    await mkdir(join(dir, 'docs'), { recursive: true });
    await mkdir(join(dir, 'backups'), { recursive: true });
    const store = new LowdbStore(dir, options);
    // The lock's mtimes are shared with other processes: wall time unless a test injects one.
    // Its heartbeat runs from the store's own timer (maintain), with the daily backup.
    store.lock = await acquireLock(dir, {
      ...options.lock,
      timer: false,
      onLost: () => store.markLockLost(),
    });
    try {
      await store.load();
    } catch (err) {
      await store.lock.release();
      throw err;
    }
    if (options.lock?.timer !== false) {
      store.timer = setInterval(() => void store.maintain().catch(() => {}), options.lock?.heartbeatMs ?? MAINTAIN_MS);
      store.timer.unref();
    }
    return store;
  }

  private timer: NodeJS.Timeout | undefined;

  /**
   * The store's periodic work: refresh the lock's heartbeat and, once per day of the app's
   * clock, back up state.json and docs/. Runs every 15 s; tests call it after moving time.
   */
  maintain(): Promise<void> {
    return this.mutex.run(async () => {
      if (!(await this.heartbeat())) return;
      await this.dailyBackup();
    });
  }

  private async load(): Promise<void> {
    await this.removeStaleTemps(this.dataDir);
    await this.state.read();
    await this.checkDocs();
    const s = this.state.data;
    const nowMs = this.now().getTime();
    let dirty = false;
    // Files written just before a crash that the index does not know yet: only ids handed
    // out since the last start can be such orphans, so start-up does not grow with history.
    for (const [year, seq] of Object.entries(s.sequences)) {
      // A state written before this mark existed: look at the last few ids, as a crash
      // can only have left the newest ones behind.
      const mark = s.checked[year];
      const from = mark !== undefined ? mark + 1 : Math.max(1, seq - 20);
      if (from > seq) continue;
      s.checked[year] = seq;
      dirty = true;
      for (let n = from; n <= seq; n++) {
        const id = formatId(Number(year), n);
        if (!s.index[id] && existsSync(this.fileOf(id))) {
          const c = await this.readComunicado(id);
          if (c) {
            s.index[id] = summarize(c);
            dirty = true;
          }
        }
      }
    }
    for (const id of Object.keys(s.index)) {
      const c = await this.readComunicado(id);
      if (!c) {
        delete s.index[id];
        dirty = true;
        continue;
      }
      const summary = summarize(c);
      if (JSON.stringify(summary) !== JSON.stringify(s.index[id])) {
        s.index[id] = summary; // the comunicado file is the truth after a crash
        dirty = true;
      }
      if (inWorkingSet(summary, nowMs, this.options.recentDays)) this.cache.set(id, c);
      else {
        delete s.index[id];
        dirty = true;
      }
    }
    const live = new Set(Object.keys(s.index));
    for (const [k, id] of Object.entries(s.messages)) {
      if (!live.has(id)) {
        delete s.messages[k];
        dirty = true;
      }
    }
    dirty = this.pruneEvents(nowMs) || dirty;
    if (dirty) await this.state.write();
    await this.dailyBackup();
  }

  private pruneEvents(nowMs: number): boolean {
    const events = this.state.data.events;
    let entries = Object.entries(events);
    const before = entries.length;
    entries = entries.filter(([, at]) => nowMs - at < EVENT_TTL_MS);
    if (entries.length > MAX_EVENTS) entries = entries.sort((a, b) => a[1] - b[1]).slice(-MAX_EVENTS);
    if (entries.length === before) return false;
    this.state.data.events = Object.fromEntries(entries);
    return true;
  }

  /**
   * Side documents are checked at start-up like state.json (except the per-comunicado
   * folders, which grow with history and are checked when read).
   */
  private async checkDocs(): Promise<void> {
    const root = join(this.dataDir, 'docs');
    const walk = async (dir: string, depth: number): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (depth === 0 && !PER_COMUNICADO_FOLDERS.has(entry.name)) await walk(path, 1);
          continue;
        }
        if (entry.name.endsWith('.tmp')) {
          await unlink(path).catch(() => {});
          continue;
        }
        if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
        const name = relative(root, path).replace(/\.json$/, '');
        await this.docAdapter(name).read();
      }
    };
    await walk(root, 0);
  }

  /** Backs up state.json and docs/ once per day of the app's clock; keeps the last 7 of each. */
  private async dailyBackup(): Promise<void> {
    const day = this.now().toISOString().slice(0, 10);
    if (this.backedUp === day) return;
    const dir = join(this.dataDir, 'backups');
    const src = join(this.dataDir, 'state.json');
    const target = join(dir, `state-${day}.json`);
    if (existsSync(src) && !existsSync(target)) {
      await copyFile(src, `${target}.tmp`);
      await rename(`${target}.tmp`, target);
    }
    const docsTarget = join(dir, `docs-${day}`);
    if (!existsSync(docsTarget)) {
      const partial = `${docsTarget}.partial`;
      await rm(partial, { recursive: true, force: true });
      await cp(join(this.dataDir, 'docs'), partial, { recursive: true, filter: (f) => !f.endsWith('.tmp') });
      await rename(partial, docsTarget);
    }
    const all = await readdir(dir);
    for (const pattern of [/^state-\d{4}-\d{2}-\d{2}\.json$/, /^docs-\d{4}-\d{2}-\d{2}$/]) {
      const old = all.filter((f) => pattern.test(f)).sort();
      for (const f of old.slice(0, Math.max(0, old.length - DAILY_BACKUPS))) await rm(join(dir, f), { recursive: true, force: true }).catch(() => {});
    }
    this.backedUp = day;
  }

  private backedUp: string | undefined;

  private newestBackup(path: string): string | undefined {
    if (existsSync(`${path}.bak`)) return `${path}.bak`;
    const dir = join(this.dataDir, 'backups');
    try {
      if (path === join(this.dataDir, 'state.json')) {
        const last = readdirSync(dir).filter((f) => /^state-.*\.json$/.test(f)).sort().at(-1);
        if (last) return join(dir, last);
      }
      const docs = join(this.dataDir, 'docs');
      const rel = relative(docs, path);
      if (!rel.startsWith('..')) {
        const days = readdirSync(dir).filter((f) => /^docs-\d{4}-\d{2}-\d{2}$/.test(f)).sort().reverse();
        for (const d of days) if (existsSync(join(dir, d, rel))) return join(dir, d, rel);
      }
    } catch {
      /* no backups folder */
    }
    return undefined;
  }

  /** A temp file is the trace of a write that never finished: it is ignored and removed. */
  private async removeStaleTemps(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.tmp')) await unlink(join(dir, entry.name)).catch(() => {});
    }
  }

  private fileOf(id: string): string {
    return join(this.dataDir, 'comunicados', String(idYear(id)), `${id}.json`);
  }

  private async readComunicado(id: string): Promise<Comunicado | undefined> {
    const path = this.fileOf(id);
    const file = await readJsonFile(path);
    if (!file) return undefined;
    if (file.problem) throw new StoreCorruptError(path, this.newestBackup(path), file.problem);
    const parsed = comunicadoSchema.safeParse(JSON.parse(file.text));
    if (!parsed.success) throw new StoreCorruptError(path, this.newestBackup(path), t('store.corrupt.structure', { detail: parsed.error.issues[0]?.message }));
    return parsed.data;
  }

  private async writeComunicado(c: Comunicado): Promise<void> {
    const path = this.fileOf(c.id);
    await mkdir(join(this.dataDir, 'comunicados', String(idYear(c.id))), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(c), { keepBackup: true });
  }

  /** Writes state.json with `change` applied; memory changes only if the write succeeded. */
  private async commitState(change: (s: StateDoc) => void): Promise<void> {
    const previous = this.state.data;
    const next = structuredClone(previous);
    change(next);
    this.state.data = next;
    try {
      await this.state.write();
    } catch (err) {
      this.state.data = previous;
      throw err;
    }
  }

  nextId(now: Date): Promise<string> {
    return this.mutex.run(async () => {
      const year = now.getUTCFullYear();
      let seq = this.state.data.sequences[String(year)] ?? 0;
      let id: string;
      do {
        seq += 1;
        id = formatId(year, seq);
      } while (existsSync(this.fileOf(id)));
      await this.commitState((s) => {
        s.sequences[String(year)] = seq;
      });
      return id;
    });
  }

  create(c: Comunicado): Promise<void> {
    const valid = comunicadoSchema.parse(c);
    return this.mutex.run(async () => {
      if (this.state.data.index[c.id] || existsSync(this.fileOf(c.id))) throw new Error(`comunicado ${c.id} exists`);
      await this.writeComunicado(valid);
      await this.commitState((s) => {
        s.index[c.id] = summarize(valid);
      });
      this.cache.set(c.id, valid);
    });
  }

  async get(id: string): Promise<Comunicado | undefined> {
    const cached = this.cache.get(id);
    if (cached) return structuredClone(cached);
    if (!/^C-\d{4}-\d{4,}$/.test(id)) return undefined;
    return this.readComunicado(id);
  }

  update(id: string, fn: (c: Comunicado) => Comunicado | Promise<Comunicado>): Promise<Comunicado> {
    return this.mutex.run(async () => {
      const current = this.cache.get(id) ?? (await this.readComunicado(id));
      if (!current) throw refusal('not_found', 'store.not_found', { id });
      const next = comunicadoSchema.parse(await fn(structuredClone(current)));
      if (next.id !== id) throw new Error('update must not change the id');
      await this.writeComunicado(next);
      const summary = summarize(next);
      if (JSON.stringify(summary) !== JSON.stringify(this.state.data.index[id])) {
        await this.commitState((s) => {
          s.index[id] = summary;
        });
      }
      this.cache.set(id, next);
      return structuredClone(next);
    });
  }

  async list(): Promise<ComunicadoSummary[]> {
    const nowMs = this.now().getTime();
    return Object.values(this.state.data.index)
      .filter((s) => inWorkingSet(s, nowMs, this.options.recentDays))
      .map((s) => structuredClone(s));
  }

  linkMessage(ref: MessageRef, id: string): Promise<void> {
    return this.mutex.run(() =>
      this.commitState((s) => {
        s.messages[messageKey(ref)] = id;
      }),
    );
  }

  async findByMessage(ref: Pick<MessageRef, 'platform' | 'channel' | 'messageId'>): Promise<string | undefined> {
    return this.state.data.messages[messageKey(ref)];
  }

  claimEvent(key: string): Promise<boolean> {
    return this.mutex.run(async () => {
      if (key in this.state.data.events) return false;
      const nowMs = this.now().getTime();
      await this.commitState((s) => {
        s.events[key] = nowMs;
      });
      if (Object.keys(this.state.data.events).length > MAX_EVENTS * 1.1 && this.pruneEvents(nowMs)) await this.state.write();
      return true;
    });
  }

  private docAdapter<T>(name: string): AtomicJsonAdapter<T> {
    if (!DOC_NAME.test(name)) throw new Error(`invalid document name: ${name}`);
    const path = join(this.dataDir, 'docs', `${name}.json`);
    return new AtomicJsonAdapter<T>(
      path,
      (d) => {
        const problem = docProblem(name, d);
        if (problem) throw new Error(problem);
        return d as T;
      },
      (p) => this.newestBackup(p),
    );
  }

  async readDoc<T>(name: string, fallback: T): Promise<T> {
    if (this.docs.has(name)) return structuredClone(this.docs.get(name) as T);
    const value = (await this.docAdapter<T>(name).read()) ?? fallback;
    this.docs.set(name, value);
    return structuredClone(value);
  }

  updateDoc<T>(name: string, fallback: T, fn: (doc: T) => T | Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      const current = await this.readDoc(name, fallback);
      const next = await fn(current);
      if (name.includes('/')) await mkdir(join(this.dataDir, 'docs', name.split('/')[0]!), { recursive: true });
      await this.docAdapter<T>(name).write(next);
      this.docs.set(name, structuredClone(next));
      return structuredClone(next);
    });
  }

  async docNames(folder: string): Promise<string[]> {
    if (!/^[a-z0-9][a-z0-9_-]{0,60}$/.test(folder)) return [];
    let names: string[];
    try {
      names = await readdir(join(this.dataDir, 'docs', folder));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names.filter((n) => n.endsWith('.json')).map((n) => `${folder}/${n.slice(0, -'.json'.length)}`).filter((n) => DOC_NAME.test(n)).sort();
  }

  private lostLock = false;

  private markLockLost(): void {
    this.lostLock = true;
  }

  /** Refreshes the data-folder lock now (the timer does it every 15 s). */
  heartbeat(): Promise<boolean> {
    return this.lock?.heartbeat() ?? Promise.resolve(false);
  }

  health() {
    const active = Object.keys(this.state.data.index).length;
    const lost = this.lockLost();
    return lost ? { ok: false, kind: 'lowdb', active, problem: 'lock_lost', detail: lost } : { ok: true, kind: 'lowdb', active };
  }

  /**
   * Why this process no longer owns DATA_DIR, if it does not: closed, the heartbeat found
   * another holder, or the lock file is gone or names another process (read on each
   * /healthz: a small file, every few seconds).
   */
  private lockLost(): string | undefined {
    if (!this.lock) return t('store.health.closed');
    if (this.lostLock) return t('store.health.lock_lost');
    let pid: unknown;
    try {
      pid = (JSON.parse(readFileSync(join(this.dataDir, 'comunicados.lock'), 'utf8')) as { pid?: unknown }).pid;
    } catch {
      return t('store.health.lock_lost');
    }
    return pid === process.pid ? undefined : t('store.health.lock_lost');
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.mutex.run(async () => {});
    await this.lock?.release();
    this.lock = undefined;
  }
}
