import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreLockedError } from '../../../src/store/errors.ts';
import { acquireLock } from '../../../src/store/lock.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { ROOT } from '../../fakes/run-bot.ts';
import { nodeArgs } from '../../fakes/compiled.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lock-'));

/** Starts `n` starter processes, releases them at once, and collects what each got. */
async function race(dir: string, n: number): Promise<string[]> {
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, [...nodeArgs('test/fakes/lock-child.ts'), dir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }),
  );
  const outs = children.map(() => '');
  const ready = children.map(
    (c, i) =>
      new Promise<void>((resolve) =>
        c.stdout.on('data', (d) => {
          outs[i] += d;
          if (outs[i]!.includes('READY')) resolve();
        }),
      ),
  );
  await Promise.all(ready);
  for (const c of children) c.stdin.write('go\n');
  // Every starter has answered before anyone lets go: two HELD would be a shared lock.
  await Promise.all(
    children.map(
      (c, i) =>
        new Promise<void>((resolve) => {
          const check = () => (/HELD|LOCKED|ERROR/.test(outs[i]!) ? resolve() : undefined);
          c.stdout.on('data', check);
          check();
        }),
    ),
  );
  const closed = children.map((c) => new Promise((r) => c.on('close', r)));
  for (const c of children) c.stdin.end();
  await Promise.all(closed);
  return outs.map((o) => o.replace('READY\n', '').trim());
}

describe('data-folder lock', () => {
  it('40 simultaneous starts: exactly one holds the lock', { timeout: 120_000 }, async () => {
    const results = await race(tmp(), 40);
    expect(results.filter((r) => r === 'HELD')).toHaveLength(1);
    expect(results.filter((r) => r === 'LOCKED')).toHaveLength(39);
  });

  it('40 simultaneous starts over a stale lock: exactly one takes it over', { timeout: 120_000 }, async () => {
    const dir = tmp();
    const file = join(dir, 'comunicados.lock');
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'contenedor-muerto', startedAt: '2026-01-01T00:00:00Z' }));
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(file, old, old);
    const results = await race(dir, 40);
    expect(results.filter((r) => r === 'HELD')).toHaveLength(1);
    expect(results.filter((r) => r === 'LOCKED')).toHaveLength(39);
  });

  it('40 simultaneous starts over a lock of a dead process on this host: exactly one takes it over', { timeout: 120_000 }, async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'comunicados.lock'), JSON.stringify({ pid: 2 ** 22 + 4321, host: hostname(), startedAt: '2026-12-04T05:00:00Z' }));
    const results = await race(dir, 40);
    expect(results.filter((r) => r === 'HELD')).toHaveLength(1);
    expect(results.filter((r) => r === 'LOCKED')).toHaveLength(39);
  });

  it('an empty lock that is recent counts as held (someone is writing it)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'comunicados.lock'), '');
    const err = await acquireLock(dir, { timer: false }).catch((e) => e);
    expect(err).toBeInstanceOf(StoreLockedError);
    expect(readFileSync(join(dir, 'comunicados.lock'), 'utf8')).toBe('');
  });

  it('a lock left by another hostname is taken over once its heartbeat is older than the limit', async () => {
    const dir = tmp();
    const file = join(dir, 'comunicados.lock');
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'otro-contenedor', startedAt: '2026-12-01T10:00:00Z' }));
    let clock = Date.now();
    // Recent heartbeat: a running instance elsewhere, refused.
    expect(await acquireLock(dir, { now: () => clock, timer: false }).catch((e) => e)).toBeInstanceOf(StoreLockedError);
    clock += 61_000;
    const lock = await acquireLock(dir, { now: () => clock, timer: false });
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('the holder keeps the lock fresh; when it is no longer ours, store health is not ok', async () => {
    const dir = tmp();
    let clock = Date.parse('2026-12-04T10:00:00Z');
    const store = await LowdbStore.open(dir, { now: () => new Date(clock), lock: { now: () => clock, timer: false } });
    try {
      // Heartbeats keep it fresh: 5 minutes later another starter is still refused.
      for (let i = 0; i < 20; i++) {
        clock += 15_000;
        expect(await store.heartbeat()).toBe(true);
      }
      expect(await acquireLock(dir, { now: () => clock, timer: false }).catch((e) => e)).toBeInstanceOf(StoreLockedError);
      expect(store.health().ok).toBe(true);
      // Someone deletes the lock and another instance starts.
      writeFileSync(join(dir, 'comunicados.lock'), JSON.stringify({ pid: 99, host: 'otro', startedAt: 'ahora', nonce: 'x' }));
      expect(await store.heartbeat()).toBe(false);
      expect(store.health()).toMatchObject({ ok: false, problem: 'lock_lost' });
    } finally {
      await store.close();
    }
    // Closing does not remove a lock that is not ours.
    expect(JSON.parse(readFileSync(join(dir, 'comunicados.lock'), 'utf8')).pid).toBe(99);
  });
});
