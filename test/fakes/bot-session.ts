import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { botEnv, ROOT } from './run-bot.ts';
import { logFile } from './test-logs.ts';
import { nodeArgs } from './compiled.ts';

/**
 * The bot as a real process in console mode, driven line by line: write a line, wait for
 * the output to say something. For the fault suite, which kills and restarts it.
 */
export class BotSession {
  readonly child: ChildProcess;
  private out = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, nodeArgs('src/main.ts'), { cwd: ROOT, env: botEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    const log = logFile('bot-session');
    this.child.stdout!.on('data', (d) => (this.out += d));
    this.child.stderr!.on('data', (d) => {
      this.out += d;
      appendFileSync(log, d);
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code, signal) => resolve({ code, signal })));
  }

  get output(): string {
    return this.out;
  }

  send(text: string): void {
    this.child.stdin!.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Waits until the output matches (counting from the start), or fails with the output. */
  async waitFor(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
    const start = Date.now();
    for (;;) {
      const m = this.out.match(pattern);
      if (m) return m;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`bot exited before ${pattern}:\n${this.out}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}:\n${this.out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Ends the input and waits for the bot to finish what it has pending and exit. */
  async end(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.stdin!.end();
    return this.exited;
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }

  wait(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.exited;
  }
}
