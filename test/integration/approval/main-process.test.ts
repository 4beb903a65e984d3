import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startBot } from '../../fakes/run-bot.ts';

/**
 * The approval page as `npm start` serves it: src/main.ts mounts the extension's route on
 * the one HTTP server (PORT), and in the console (dry run) the link email is written as an
 * .eml under DATA_DIR/approval/outbox/email/<id>/.
 */

let dir: string | undefined;
let bot: ReturnType<typeof startBot> | undefined;

afterAll(async () => {
  if (bot?.child.pid && bot.child.exitCode === null) {
    const closed = new Promise((r) => bot!.child.once('close', r));
    bot.child.kill('SIGTERM');
    await closed;
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Waits for the bot process to write something (a child process: its time is not ours to move). */
async function until<T>(what: () => T | undefined, label: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}\n${bot?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('approval link served by the real process (issue 17)', { timeout: 120_000 }, () => {
  it('console mode: the link email is written to the outbox and its page answers on PORT', async () => {
    dir = await mkdtemp(join(tmpdir(), 'approval-main-'));
    const port = await freePort();
    const config = join(dir, 'comunicados.yaml');
    await writeFile(
      config,
      [
        'office:',
        '  name: Oficina de Comunicaciones',
        '  entity: Alcaldía de Ibagué',
        `publicUrl: http://127.0.0.1:${port}`,
        'approval:',
        '  approvers: { console: [jefe] }',
        '  groups:',
        '    despacho:',
        '      label: Despacho del Alcalde',
        '      members:',
        '        - name: Secretaría Privada del Despacho',
        '          email: despacho@ibague.gov.co',
        '  rules:',
        '    - destinations: ["*:alcalde"]',
        '      require: [{ group: despacho }]',
        '',
      ].join('\n'),
    );
    const dataDir = join(dir, 'data');
    bot = startBot({ DATA_DIR: dataDir, CONFIG_FILE: config, PORT: String(port) });
    bot.child.stdin!.write(['/comunicado', 'El alcalde entrega la Villa Olímpica', '', 'Abre al público el lunes.', 'destinos: x:alcalde', '.', ''].join('\n'));
    const outbox = join(dataDir, 'approval', 'outbox', 'email');
    const eml = await until(() => {
      if (!existsSync(outbox)) return undefined;
      const folder = readdirSync(outbox)[0];
      const file = folder ? readdirSync(join(outbox, folder)).find((f) => f.endsWith('.eml')) : undefined;
      return folder && file ? join(outbox, folder, file) : undefined;
    }, 'the link email in the outbox');
    const mail = await simpleParser(readFileSync(eml));
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('despacho@ibague.gov.co');
    const url = new RegExp(`http://127\\.0\\.0\\.1:${port}/aprobacion/[A-Za-z0-9_-]{43}`).exec(mail.text ?? '')?.[0];
    expect(url, mail.text).toBeDefined();
    const res = await fetch(url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('El alcalde entrega la Villa Olímpica');
    expect(html).toContain('Secretaría Privada del Despacho, la Oficina de Comunicaciones le pide revisar este comunicado.');
    // The console said the link went, without the link.
    expect(bot.output()).toContain('Se envió el enlace de aprobación');
    expect(bot.output()).not.toContain(url!.split('/').pop()!);
  });
});
