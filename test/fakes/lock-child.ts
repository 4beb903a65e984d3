/**
 * A starter in its own process, for the lock race test: waits for "go" on stdin, tries to
 * take the data-folder lock, prints HELD or LOCKED, and keeps what it got until stdin ends.
 */
import { acquireLock } from '../../src/store/lock.ts';
import { StoreLockedError } from '../../src/store/errors.ts';

const dir = process.argv[2]!;
let buffered = '';
process.stdin.setEncoding('utf8');
const go = new Promise<void>((resolve) => {
  process.stdin.on('data', (d) => {
    buffered += d;
    if (buffered.includes('go')) resolve();
  });
});
process.stdout.write('READY\n');
await go;
try {
  const lock = await acquireLock(dir, { timer: false });
  process.stdout.write('HELD\n');
  await new Promise<void>((r) => process.stdin.on('end', r));
  await lock.release();
} catch (err) {
  process.stdout.write(err instanceof StoreLockedError ? 'LOCKED\n' : `ERROR ${(err as Error).message}\n`);
}
