import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { childEnv, spawnTs } from './child.ts';

/** A free TCP port on 127.0.0.1 (the server that needs it binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerChild {
  child: ChildProcess;
  /** What the process wrote to stderr (last 200 KB). */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts a server as its own process and waits until `readyUrl` answers any HTTP status.
 * stop() sends SIGTERM, then SIGKILL after 5 s: the bench leaves nothing running.
 */
export async function startServerChild(file: string, args: string[], env: Record<string, string>, readyUrl: string, timeoutMs = 60_000): Promise<ServerChild> {
  const child = spawnTs(file, args, childEnv(env));
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    if (err.length > 200_000) err = err.slice(-100_000);
  });
  child.stdout!.resume();
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new Error(`${file} exited before it was ready:\n${err.slice(-4000)}`);
    try {
      await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${file} not ready after ${timeoutMs / 1000} s:\n${err.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { child, stderr: () => err, stop };
}
