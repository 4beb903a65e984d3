import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordLine } from '../../../src/record/chain.ts';
import { readRecord } from '../../../src/record/reader.ts';
import { verifyRecord } from '../../../src/record/verify.ts';
import { BotSession } from '../../fakes/bot-session.ts';
import { ROOT, runBot } from '../../fakes/run-bot.ts';
import { runRegistroCli } from '../../../src/cli/registro.ts';
import { readEnv } from '../../../src/config/env.ts';

/*
 * The record across a kill -9 in the middle of a burst of events: the real bot (console
 * chat, its own process) gets 24 submissions and their approvals in one go and is killed
 * while it works through them. After a restart the chain verifies, and every act the bot
 * had acknowledged in the chat (✅ Recibido, ✅ … aprobado por) is in the record.
 */

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const N = 24;

function burst(): string {
  const out: string[] = [];
  for (let i = 1; i <= N; i++) out.push('/comunicado', `Ráfaga número ${i}`, '', `Entradilla ${i}.`, 'destinos: portal', '.');
  out.push('/como jefe');
  for (let i = 1; i <= N; i++) out.push(`/aprobar C-2026-${String(i).padStart(4, '0')}`);
  return `${out.join('\n')}\n`;
}

async function lines(dir: string): Promise<RecordLine[]> {
  const out: RecordLine[] = [];
  for await (const r of readRecord(join(dir, 'registro'))) if (r.line) out.push(r.line);
  return out;
}

describe('the record survives kill -9 in the middle of a burst', () => {
  it('verifies after the restart and holds every acknowledged act', { timeout: 240_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'registro-kill-'));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const bot = new BotSession(env);
    await bot.waitFor(/Escriba \/ayuda/);
    bot.send(burst());
    // Killed while it works: some submissions acknowledged, the burst not finished.
    await bot.waitFor(/(✅ Recibido: C-2026-\d{4}[\s\S]*){6}/);
    await bot.kill('SIGKILL');
    const before = bot.output;
    const received = [...before.matchAll(/✅ Recibido: (C-2026-\d{4})/g)].map((m) => m[1]!);
    const approved = [...before.matchAll(/✅ (C-2026-\d{4}) aprobado por/g)].map((m) => m[1]!);
    expect(received.length).toBeGreaterThanOrEqual(6);
    expect(received.length + approved.length).toBeLessThan(2 * N); // really in the middle

    const again = new BotSession(env);
    await again.waitFor(/Escriba \/ayuda/);
    again.send('/estado\n');
    await again.end();
    expect(again.output).not.toMatch(/Error inesperado/);

    const verified = await verifyRecord(join(dataDir, 'registro'));
    expect(verified.ok, JSON.stringify(verified)).toBe(true);
    const all = await lines(dataDir);
    const has = (id: string, action: string) => all.some((l) => l.id === id && l.action === action);
    for (const id of received) {
      expect(has(id, 'create'), `${id} create`).toBe(true);
      expect(has(id, 'submit'), `${id} submit`).toBe(true);
    }
    for (const id of approved) expect(has(id, 'approve'), `${id} approve`).toBe(true);
    // Two starts, each with the config's hash.
    expect(all.filter((l) => l.kind === 'config' && l.action === 'start')).toHaveLength(2);
  });

  it('a torn last line is reported in Spanish when the bot starts, set aside, and the chain verifies', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'registro-torn-'));
    const first = await runBot('/comunicado\nPrimera prueba\n\nEntradilla.\n.\n', { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(first.code, first.stderr).toBe(0);
    const files = await readdir(join(dataDir, 'registro'));
    expect(files).toHaveLength(1);
    const path = join(dataDir, 'registro', files[0]!);
    await appendFile(path, '{"n":99,"at":"2026-');
    const second = await runBot('/estado\n', { DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/Registro: la última línea de .+ quedó cortada por una interrupción \(19 bytes\)\. No se borró: se guardó en .+\.cortada-/);
    expect((await readdir(join(dataDir, 'registro'))).some((f) => f.includes('.cortada-'))).toBe(true);
    expect((await verifyRecord(join(dataDir, 'registro'))).ok).toBe(true);
    expect((await lines(dataDir)).some((l) => l.kind === 'registro' && l.action === 'torn_line' && l.bytes === 19)).toBe(true);
    let out = '';
    const code = await runRegistroCli(['verificar'], { stdout: { write: (x: string) => (out += x) }, stderr: { write: (x: string) => (out += x) }, env: readEnv({ DATA_DIR: dataDir }), cwd: ROOT });
    expect(code).toBe(0);
    expect(out).toMatch(/^Registro íntegro: \d+ eventos/);
    expect(out).toMatch(/Líneas cortadas por una interrupción y apartadas al iniciar .*: 1 — \d{4}\.jsonl\.cortada-/);
  });
});

