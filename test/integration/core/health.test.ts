import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, startBot } from '../../fakes/run-bot.ts';

describe('GET /healthz', { timeout: 120_000 }, () => {
  it('answers 200 with the store and adapter state while the bot runs', async () => {
    const port = await freePort();
    const { child, output } = startBot({ DATA_DIR: join(mkdtempSync(join(tmpdir(), 'health-')), 'data'), PORT: String(port) });
    try {
      let body: Record<string, unknown> | undefined;
      for (let i = 0; i < 500 && !body; i++) {
        await new Promise((r) => setTimeout(r, 200));
        body = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => (r.ok ? (r.json() as Promise<Record<string, unknown>>) : undefined), () => undefined);
      }
      expect(body, output()).toMatchObject({ ok: true, store: { ok: true, kind: 'lowdb' }, chats: { console: { ok: true } } });
      const notFound = await fetch(`http://127.0.0.1:${port}/otra`);
      expect(notFound.status).toBe(404);
      // Extensions' routes are served too: the media list's unsubscribe page answers in HTML.
      const unsubscribe = await fetch(`http://127.0.0.1:${port}/medios/baja?t=desconocido`);
      expect(unsubscribe.headers.get('content-type')).toMatch(/text\/html/);
      expect(await unsubscribe.text()).toMatch(/<html/i);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
  });
});
