import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parseLine, type RecordLine } from './chain.ts';
import { RecordLog } from './log.ts';

export interface ReadLine {
  /** The line's text as stored, without its newline. */
  text: string;
  /** Undefined when the text is not a record line. */
  line: RecordLine | undefined;
  file: string;
  /** 1-based line number within its file. */
  lineNo: number;
  /** Whether the file ends right after this line without a newline (a torn line). */
  unterminated: boolean;
}

/**
 * Every line of the record, oldest first, file by file. Streams, so a long record is read
 * without holding it in memory. `fromYear` skips earlier files (one comunicado's history
 * starts in the year of its id).
 */
export async function* readRecord(dir: string, options: { fromYear?: number } = {}): AsyncGenerator<ReadLine> {
  for (const f of await RecordLog.files(dir)) {
    if (options.fromYear !== undefined && f.year < options.fromYear) continue;
    const stream = createReadStream(f.path);
    let endsWithNewline = true;
    stream.on('data', (chunk) => {
      if (chunk.length) endsWithNewline = (chunk as Buffer)[chunk.length - 1] === 0x0a;
    });
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    let lineNo = 0;
    let pending: ReadLine | undefined;
    for await (const text of lines) {
      if (pending) yield pending;
      lineNo += 1;
      pending = { text, line: parseLine(text), file: basename(f.path), lineNo, unterminated: false };
    }
    if (pending) {
      pending.unterminated = !endsWithNewline;
      yield pending;
    }
  }
}
