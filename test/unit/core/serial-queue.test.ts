import { describe, expect, it } from 'vitest';
import { KeyedQueue, SerialQueue } from '../../../src/util/serial-queue.ts';

/** A task that finishes when the test says so, and records when it started and ended. */
function gate(log: string[], name: string, fail = false) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const task = async () => {
    log.push(`start ${name}`);
    await opened;
    log.push(`end ${name}`);
    if (fail) throw new Error(name);
    return name;
  };
  return { task, open };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('the one keyed serial queue', () => {
  it.each<[string, [string, boolean][], string[], string[]]>([
    // name, tasks as [key, fails], order in which the test opens them, expected log
    ['same key: one at a time, in arrival order', [['a', false], ['a', false]], ['0', '1'], ['start 0', 'end 0', 'start 1', 'end 1']],
    ['same key: a failed task does not block the next', [['a', true], ['a', false]], ['0', '1'], ['start 0', 'end 0', 'start 1', 'end 1']],
    ['different keys run in parallel', [['a', false], ['b', false]], ['1', '0'], ['start 0', 'start 1', 'end 1', 'end 0']],
    ['three on one key, one on another', [['a', false], ['b', false], ['a', false]], ['1', '0', '2'], ['start 0', 'start 1', 'end 1', 'end 0', 'start 2', 'end 2']],
  ])('%s', async (_name, tasks, openOrder, expected) => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const gates = tasks.map(([, fail], i) => gate(log, String(i), fail));
    const results = tasks.map(([key], i) => q.run(key, gates[i]!.task).then((v) => `ok ${v}`, (e: Error) => `failed ${e.message}`));
    for (const i of openOrder) {
      await tick();
      gates[Number(i)]!.open();
    }
    const settled = await Promise.all(results);
    expect(log).toEqual(expected);
    expect(settled).toEqual(tasks.map(([, fail], i) => (fail ? `failed ${i}` : `ok ${i}`)));
    expect(q.busy()).toBe(false);
  });

  it('idle waits for every key, and for one key alone', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    void q.run('a', a.task);
    void q.run('b', b.task);
    let aIdle = false;
    let allIdle = false;
    void q.idle('a').then(() => (aIdle = true));
    void q.idle().then(() => (allIdle = true));
    a.open();
    await tick();
    await tick();
    expect([aIdle, allIdle, q.busy('a'), q.busy('b')]).toEqual([true, false, false, true]);
    b.open();
    await q.idle();
    expect(allIdle).toBe(true);
  });

  it('SerialQueue is one key of it: order kept, failures passed to their caller only', async () => {
    const q = new SerialQueue();
    const log: string[] = [];
    const one = gate(log, '1', true);
    const two = gate(log, '2');
    const r1 = q.run(one.task).catch((e: Error) => `failed ${e.message}`);
    const r2 = q.run(two.task);
    expect(q.busy).toBe(true);
    two.open();
    await tick();
    one.open();
    expect(await Promise.all([r1, r2])).toEqual(['failed 1', '2']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await q.idle();
    expect(q.busy).toBe(false);
  });
});
