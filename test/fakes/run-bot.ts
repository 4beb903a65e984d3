import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { logFile } from './test-logs.ts';
import { nodeArgs } from './compiled.ts';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Environment for a bot child process: no chat tokens unless given, no inherited secrets. */
export function botEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS, PORT: '0', TZ: 'UTC', LOG_LEVEL: 'debug' };
  return { ...base, ...extra };
}

export interface BotRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `src/main.ts` as a real process (like `npm start`), feeding `input` on stdin. */
export function runBot(input: string, env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<BotRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: ROOT, env: botEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    const log = logFile('bot');
    child.stderr.on('data', (d) => {
      stderr += d;
      appendFileSync(log, d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Starts the bot and leaves it running (for kill tests); stdin stays open. */
export function startBot(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: ROOT, env: botEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const log = logFile('bot');
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => {
    out += d;
    appendFileSync(log, d);
  });
  return { child, output: () => out };
}

/** A port free on 127.0.0.1 right now (for a bot process that must listen on a known PORT). */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
