import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DateTime } from 'luxon';
import { t } from '../messages/index.ts';
import { writeFileAtomic } from '../store/atomic-file.ts';
import { StoreWriteError } from '../store/errors.ts';
import { SerialQueue } from '../util/serial-queue.ts';
import { formatLine, GENESIS, parseLine, sha256, YEAR_FILE, type RecordEvent, type RecordLine } from './chain.ts';

export interface RecordLogOptions {
  now?: () => Date;
  /** The office's time zone: an event belongs to the year of its date there. */
  timeZone?: string;
}

/** Where the chain stands: the last line's number and hash. */
export interface RecordHead {
  n: number;
  hash: string;
  year: number | undefined;
}

interface Tail {
  /** Offset just after the last line that reads as a record line. */
  goodEnd: number;
  last?: { line: RecordLine; text: string };
}

const TAIL_CHUNK = 64 * 1024;

/**
 * Finds the last good line of a record file by reading its end only, so opening the record
 * does not grow with its history. Bytes after that line (a line cut by a crash, or one that
 * does not read as a record line) are the torn tail.
 */
async function readTail(fh: FileHandle, size: number): Promise<Tail> {
  let chunk = TAIL_CHUNK;
  for (;;) {
    const start = Math.max(0, size - chunk);
    const buf = Buffer.alloc(size - start);
    await fh.read(buf, 0, buf.length, start);
    // `end` is the offset (in buf) just after a newline: everything before it is whole lines.
    let end = buf.lastIndexOf(0x0a) + 1;
    let needMore = false;
    while (end > 0) {
      const prevNl = buf.lastIndexOf(0x0a, end - 2);
      if (prevNl < 0 && start > 0) {
        needMore = true;
        break;
      }
      const text = buf.subarray(prevNl + 1, end - 1).toString('utf8');
      const line = parseLine(text);
      if (line) return { goodEnd: start + end, last: { line, text } };
      end = prevNl + 1;
    }
    if (!needMore && (end > 0 || start === 0)) return { goodEnd: start + end };
    if (start === 0) return { goodEnd: 0 };
    chunk *= 4;
  }
}

/**
 * The append-only, hash-chained record: one JSON line per event under
 * `DATA_DIR/registro/<year>.jsonl`, each carrying the SHA-256 of the line before it (the
 * first line of a year links to the last of the year before). An append is written and
 * fsynced before it resolves, and appends run one at a time, so the chain has no forks.
 *
 * Opening reads only the end of the newest file. A line cut by a crash is never dropped
 * silently: its bytes are kept beside the file (`<year>.jsonl.cortada-<n>`), the file goes
 * back to its last whole line, and the record itself says so in a line of its own; the
 * Spanish notice is in `notices` for the start-up output.
 */
export class RecordLog {
  private readonly queue = new SerialQueue();
  private fh: FileHandle | undefined;
  private year: number | undefined;
  private size = 0;
  private n = 0;
  private hash = GENESIS;
  private closed = false;
  readonly notices: string[] = [];
  private readonly now: () => Date;
  private readonly listeners: Array<(lines: RecordLine[]) => void> = [];

  private constructor(
    readonly dir: string,
    private readonly options: RecordLogOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  static async open(dir: string, options: RecordLogOptions = {}): Promise<RecordLog> {
    const log = new RecordLog(dir, options);
    await mkdir(dir, { recursive: true });
    await log.load();
    return log;
  }

  /** The record's files, oldest year first. */
  static async files(dir: string): Promise<Array<{ year: number; path: string }>> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names
      .map((name) => ({ m: YEAR_FILE.exec(name), name }))
      .filter((x) => x.m)
      .map((x) => ({ year: Number(x.m![1]), path: join(dir, x.name) }))
      .sort((a, b) => a.year - b.year);
  }

  private async load(): Promise<void> {
    const files = await RecordLog.files(this.dir);
    const torn: Array<{ path: string; bytes: number; sha256: string; savedAs: string }> = [];
    this.year = files.at(-1)?.year;
    for (const f of [...files].reverse()) {
      const fh = await open(f.path, 'r+');
      try {
        const size = (await fh.stat()).size;
        const tail = await readTail(fh, size);
        if (tail.goodEnd < size) {
          const bytes = Buffer.alloc(size - tail.goodEnd);
          await fh.read(bytes, 0, bytes.length, tail.goodEnd);
          const savedAs = `${f.path}.cortada-${(tail.last?.line.n ?? 0) + 1}-${Date.now()}`;
          await writeFileAtomic(savedAs, bytes);
          await fh.truncate(tail.goodEnd);
          await fh.sync();
          torn.push({ path: f.path, bytes: bytes.length, sha256: sha256(bytes), savedAs });
          this.notices.push(t('record.torn', { file: f.path, bytes: bytes.length, saved: savedAs }));
        }
        if (tail.last) {
          this.n = tail.last.line.n;
          this.hash = sha256(tail.last.text);
          break;
        }
      } finally {
        await fh.close();
      }
    }
    for (const x of torn) {
      await this.append([{ kind: 'registro', action: 'torn_line', file: basename(x.path), bytes: x.bytes, sha256: x.sha256, savedAs: basename(x.savedAs) }]);
    }
  }

  /** The year an instant belongs to, in the office's time zone. */
  private yearOf(at: string): number {
    const dt = DateTime.fromISO(at, { zone: 'utc' });
    const year = (this.options.timeZone ? dt.setZone(this.options.timeZone) : dt).year;
    return Number.isFinite(year) ? year : this.now().getUTCFullYear();
  }

  private async fileFor(year: number): Promise<FileHandle> {
    if (this.fh && this.year !== undefined && year <= this.year) return this.fh; // never back to an older file
    await this.fh?.close();
    const path = join(this.dir, `${year}.jsonl`);
    this.fh = await open(path, 'a', 0o640);
    this.size = (await this.fh.stat()).size;
    this.year = year;
    const dirFh = await open(this.dir, 'r');
    try {
      await dirFh.sync();
    } finally {
      await dirFh.close();
    }
    return this.fh;
  }

  /**
   * Appends events as consecutive lines (one write, one fsync) and resolves once they are
   * on disk. A failed write (disk full) leaves the file as it was and rejects with a
   * StoreWriteError in Spanish: the action it recorded must not count as done.
   */
  append(events: RecordEvent[]): Promise<RecordLine[]> {
    if (events.length === 0) return Promise.resolve([]);
    return this.queue.run(async () => {
      if (this.closed) throw new StoreWriteError('ECLOSED', new Error('record closed'));
      let n = this.n;
      let hash = this.hash;
      const out: RecordLine[] = [];
      let text = '';
      for (const e of events) {
        const at = e.at ?? this.now().toISOString();
        const line = formatLine(++n, at, hash, e);
        out.push(JSON.parse(line) as RecordLine);
        hash = sha256(line);
        text += `${line}\n`;
      }
      const year = Math.max(this.year ?? 0, this.yearOf(out[0]!.at));
      let fh: FileHandle | undefined;
      try {
        fh = await this.fileFor(year);
        const data = Buffer.from(text, 'utf8');
        await fh.write(data, 0, data.length);
        await fh.datasync();
        this.size += data.length;
      } catch (err) {
        // Back to the last whole line, so the next append continues a sound chain.
        await fh?.truncate(this.size).catch(() => {});
        if (err instanceof StoreWriteError) throw err;
        throw new StoreWriteError((err as NodeJS.ErrnoException).code ?? 'EIO', err);
      }
      this.n = n;
      this.hash = hash;
      for (const listener of this.listeners) listener(out);
      return out;
    });
  }

  /** Called with every batch of lines once it is on disk (open data keeps its list current this way). */
  onAppend(listener: (lines: RecordLine[]) => void): void {
    this.listeners.push(listener);
  }

  head(): RecordHead {
    return { n: this.n, hash: this.hash, year: this.year };
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      this.closed = true;
      await this.fh?.close();
      this.fh = undefined;
    });
  }
}
