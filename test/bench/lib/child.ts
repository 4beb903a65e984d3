import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Marker of the one line a child process prints to hand its figures back as JSON. */
const RESULT = 'BENCH_RESULT ';

/** Prints the figures of a child process for its parent (one JSON line). */
export function sendResult(value: unknown): void {
  process.stdout.write(`${RESULT}${JSON.stringify(value)}\n`);
}

/**
 * A minimal environment for a child process: no inherited secrets or tokens, only what
 * node needs plus what the benchmark gives.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', NODE_ENV: 'production' };
  return { ...base, ...extra };
}

export interface ChildRun<T> {
  result: T;
  stderr: string;
}

/**
 * Starts a file as its own node process from the repository root: TypeScript through the
 * tsx loader, or an already compiled `.js` file with plain node (as the Docker image runs).
 */
export function spawnTs(file: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): ChildProcess {
  const loader = file.endsWith('.js') ? [] : ['--import', 'tsx'];
  return spawn(process.execPath, [...nodeArgs, ...loader, file, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Compiles the app and the benchmarks to JavaScript (test/.tmp/bench-dist) and returns the
 * compiled path of `tsFile`, so a benchmark can measure what production runs.
 */
export function compiledPath(tsFile: string): string {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'test/bench/tsconfig.compiled.json'], { cwd: ROOT, stdio: 'inherit' });
  return join(ROOT, 'test', '.tmp', 'bench-dist', relative(ROOT, tsFile)).replace(/\.ts$/, '.js');
}

/**
 * Runs a TypeScript file as a child process and returns the JSON it sent with
 * `sendResult`. Its other output is passed through (indented), so progress stays visible.
 * A hard timeout kills it: a benchmark never hangs the machine others test on.
 */
export function runTsChild<T>(file: string, args: string[], options: { env?: Record<string, string>; timeoutMs?: number; nodeArgs?: string[]; quiet?: boolean } = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawnTs(file, args, childEnv(options.env), options.nodeArgs);
    let out = '';
    let stderr = '';
    let result: T | undefined;
    let found = false;
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      let nl: number;
      while ((nl = out.indexOf('\n')) >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith(RESULT)) {
          result = JSON.parse(line.slice(RESULT.length)) as T;
          found = true;
        } else if (!options.quiet && line.trim()) process.stdout.write(`    ${line}\n`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (found) resolve({ result: result as T, stderr });
      else reject(new Error(`${file} ${args.join(' ')} ended (${signal ?? code}) without a result:\n${stderr.slice(-4000)}`));
    });
  });
}

/** `--name=value` arguments of this process. */
export function argValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export function hasArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
