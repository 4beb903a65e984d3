import { GENESIS, sha256 } from './chain.ts';
import { readRecord } from './reader.ts';

export type VerifyResult =
  | { ok: true; count: number; lastHash: string; files: string[] }
  | {
      ok: false;
      count: number;
      file: string;
      lineNo: number;
      /** What is wrong with that line. */
      problem: 'not_a_line' | 'broken_link' | 'wrong_number' | 'unterminated';
      expected?: string;
      found?: string;
    };

/**
 * Walks the chain from the first line: each line must read as a record line, carry the
 * next number, and carry the SHA-256 of the line before it. Editing one byte of a line
 * breaks the link of the line after it; deleting a line breaks the link (and the number)
 * of the one that follows. Stops at the first line that breaks it.
 */
export async function verifyRecord(dir: string): Promise<VerifyResult> {
  let prev = GENESIS;
  let n = 0;
  const files = new Set<string>();
  for await (const r of readRecord(dir)) {
    files.add(r.file);
    const fail = (problem: Extract<VerifyResult, { ok: false }>['problem'], extra: { expected?: string; found?: string } = {}): VerifyResult => ({
      ok: false,
      count: n,
      file: r.file,
      lineNo: r.lineNo,
      problem,
      ...extra,
    });
    if (!r.line) return fail('not_a_line');
    if (r.line.prev !== prev) return fail('broken_link', { expected: prev, found: r.line.prev });
    if (r.line.n !== n + 1) return fail('wrong_number', { expected: String(n + 1), found: String(r.line.n) });
    if (r.unterminated) return fail('unterminated');
    prev = sha256(r.text);
    n = r.line.n;
  }
  return { ok: true, count: n, lastHash: prev, files: [...files] };
}
