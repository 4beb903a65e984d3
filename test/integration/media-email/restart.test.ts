import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { logFile } from '../../fakes/test-logs.ts';
import { nodeArgs } from '../../fakes/compiled.ts';
import { makeMediaApp, tempDir } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KILL_AT = 81;

describe('a restart in the middle of a send', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    smtp = new SmtpFake();
    await smtp.start();
    data = await tempDir();
  });

  afterEach(async () => {
    await smtp.stop();
    await data.cleanup();
  });

  it('sends to 200 contacts with nobody getting it twice and nobody missed', async () => {
    const dataDir = join(data.dir, 'data');
    const log = logFile('media-crash-child');
    const child = spawn(process.execPath, [...nodeArgs('test/integration/media-email/crash-child.ts'), dataDir, smtp.url], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => appendFileSync(log, d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // The 81st message arrives: the process dies before the server answers 250, so by SMTP
    // rules that message was not delivered (and the fake does not count it).
    smtp.onAccept = async (_mail, index) => {
      if (index !== KILL_AT - 1) return;
      child.kill('SIGKILL');
      await exited;
      return { code: 421, message: 'connection lost' };
    };
    expect(await exited).toBe('SIGKILL');
    smtp.onAccept = undefined;
    expect(out).toContain('imported 200');
    expect(out).not.toContain('sent');
    expect(smtp.received).toHaveLength(KILL_AT - 1);

    // The bot starts again on the same DATA_DIR (the dead process's lock is taken over).
    const m = await makeMediaApp({ dataDir, smtpUrl: smtp.url });
    await m.app.idle();
    const id = 'C-2026-0001';

    const counts = new Map<string, number>();
    for (const mail of smtp.received) for (const to of mail.envelope.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(smtp.received).toHaveLength(200);

    const rec = await m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: id, planned: {}, recipients: {} });
    const entries = Object.values(rec.recipients);
    expect(entries).toHaveLength(200);
    expect(entries.every((r) => r.state === 'accepted')).toBe(true);
    // The one in flight at the crash was sent again, with the same Message-ID as its first attempt.
    const interrupted = entries[KILL_AT - 1]!;
    expect(interrupted).toMatchObject({ resumed: true, attempts: 2 });
    expect(smtp.to(interrupted.email)[0]!.parsed.messageId).toBe(interrupted.messageId);
    expect(entries.filter((r) => r.attempts !== 1)).toHaveLength(1);

    const c = (await m.store.get(id))!;
    expect(c.deliveries['email:todos']).toMatchObject({ state: 'done' });
    expect(c.deliveries['email:todos']!.meta?.email).toMatchObject({ total: 200, accepted: 200, deferred: 0, refused: 0 });
    expect(c.state).toBe('published');

    // Another start later sends nothing more.
    await m.close();
    const again = await makeMediaApp({ dataDir, smtpUrl: smtp.url });
    await again.app.idle();
    await again.close();
    expect(smtp.received).toHaveLength(200);
  }, 90_000);
});
