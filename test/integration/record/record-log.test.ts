import { appendFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS, sha256 } from '../../../src/record/chain.ts';
import { RecordLog } from '../../../src/record/log.ts';
import { readRecord } from '../../../src/record/reader.ts';
import { verifyRecord } from '../../../src/record/verify.ts';

/*
 * The record on disk: lines chained by SHA-256, a byte edited or a line deleted anywhere
 * is caught by the walk, a torn last line is set aside (never dropped) and said in Spanish,
 * and the year of an event picks its file while the chain runs on across years.
 */

let dir: string;
let clock = new Date('2026-11-03T15:00:00Z');
const now = () => clock;

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'registro-')), 'registro');
  clock = new Date('2026-11-03T15:00:00Z');
});

afterEach(async () => {
  await rm(join(dir, '..'), { recursive: true, force: true });
});

async function seed(count: number): Promise<RecordLog> {
  const log = await RecordLog.open(dir, { now, timeZone: 'America/Bogota' });
  for (let i = 0; i < count; i++) {
    clock = new Date(clock.getTime() + 60_000);
    await log.append([{ kind: 'comunicado', action: 'submit', id: `C-2026-${String(i + 1).padStart(4, '0')}` }]);
  }
  return log;
}

async function lines(file = '2026.jsonl'): Promise<string[]> {
  return (await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean);
}

describe('the hash-chained record', () => {
  it('chains each line to the one before and verifies as intact with its count', async () => {
    const log = await seed(10);
    await log.close();
    const text = await lines();
    expect(text).toHaveLength(10);
    expect(JSON.parse(text[0]!).prev).toBe(GENESIS);
    for (let i = 1; i < text.length; i++) expect(JSON.parse(text[i]!).prev).toBe(sha256(text[i - 1]!));
    const result = await verifyRecord(dir);
    expect(result).toMatchObject({ ok: true, count: 10, lastHash: sha256(text[9]!) });
  });

  it('catches one byte edited in the middle of the record, naming the line after it', async () => {
    await (await seed(9)).close();
    const path = join(dir, '2026.jsonl');
    const text = await readFile(path, 'utf8');
    const all = text.split('\n');
    // One byte of line 5's comunicado id changes: 0005 -> 0006.
    all[4] = all[4]!.replace('C-2026-0005', 'C-2026-0006');
    await writeFile(path, all.join('\n'));
    expect(Buffer.byteLength(all.join('\n'))).toBe(Buffer.byteLength(text));
    const result = await verifyRecord(dir);
    expect(result).toMatchObject({ ok: false, count: 5, file: '2026.jsonl', lineNo: 6, problem: 'broken_link' });
  });

  it('catches a deleted line', async () => {
    await (await seed(8)).close();
    const path = join(dir, '2026.jsonl');
    const all = (await readFile(path, 'utf8')).split('\n');
    all.splice(3, 1);
    await writeFile(path, all.join('\n'));
    const result = await verifyRecord(dir);
    expect(result).toMatchObject({ ok: false, count: 3, lineNo: 4, problem: 'broken_link' });
  });

  it('sets a torn last line aside at start-up, says so in Spanish, records it, and the chain still verifies', async () => {
    await (await seed(4)).close();
    const path = join(dir, '2026.jsonl');
    const torn = '{"n":5,"at":"2026-11-03T15:05:00.000Z","prev":"ab';
    await appendFile(path, torn);
    expect((await verifyRecord(dir)).ok).toBe(false);

    const log = await RecordLog.open(dir, { now, timeZone: 'America/Bogota' });
    expect(log.notices).toHaveLength(1);
    expect(log.notices[0]).toMatch(/quedó cortada por una interrupción \(\d+ bytes\)\. No se borró: se guardó en/);
    const aside = (await readdir(dir)).filter((f) => f.startsWith('2026.jsonl.cortada-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(torn);
    await log.append([{ kind: 'comunicado', action: 'approve', id: 'C-2026-0001' }]);
    await log.close();

    const text = await lines();
    expect(text).toHaveLength(6);
    expect(JSON.parse(text[4]!)).toMatchObject({ n: 5, kind: 'registro', action: 'torn_line', bytes: Buffer.byteLength(torn), sha256: sha256(torn), savedAs: aside[0] });
    expect(await verifyRecord(dir)).toMatchObject({ ok: true, count: 6 });
  });

  it('reads only the end of the file at start-up and continues the chain', async () => {
    await (await seed(3)).close();
    const again = await RecordLog.open(dir, { now });
    expect(again.head().n).toBe(3);
    await again.append([{ kind: 'comunicado', action: 'review', id: 'C-2026-0002' }]);
    await again.close();
    expect((await verifyRecord(dir))).toMatchObject({ ok: true, count: 4 });
  });

  it('starts a new file for a new year (office time) and links it to the last line of the year before', async () => {
    clock = new Date('2027-01-01T04:30:00Z'); // still 31 December in Bogotá
    const log = await RecordLog.open(dir, { now, timeZone: 'America/Bogota' });
    await log.append([{ kind: 'config', action: 'start' }]);
    clock = new Date('2027-01-01T05:30:00Z'); // 1 January in Bogotá
    await log.append([{ kind: 'config', action: 'start' }]);
    await log.close();
    expect(await readdir(dir)).toEqual(['2026.jsonl', '2027.jsonl']);
    const first2027 = JSON.parse((await lines('2027.jsonl'))[0]!);
    expect(first2027.prev).toBe(sha256((await lines('2026.jsonl'))[0]!));
    const seen: number[] = [];
    for await (const r of readRecord(dir)) seen.push(r.line!.n);
    expect(seen).toEqual([1, 2]);
    expect(await verifyRecord(dir)).toMatchObject({ ok: true, count: 2 });
  });

  it('an empty newest file takes the chain from the year before', async () => {
    await (await seed(2)).close();
    await writeFile(join(dir, '2027.jsonl'), '');
    const log = await RecordLog.open(dir, { now });
    expect(log.head().n).toBe(2);
    await log.close();
    await truncate(join(dir, '2027.jsonl'), 0);
  });
});
