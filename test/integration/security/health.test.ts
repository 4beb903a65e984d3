import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/chat/console/adapter.ts';
import { HEALTH_PATH, healthRoute, type HealthSource } from '../../../src/http/health.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { startHarness, type Harness } from '../slack/harness.ts';
import { closeBot, startBot, tempDir, type Bot } from '../telegram/harness.ts';

/** Issue 12, item 6: /healthz tells the truth, in its status code (the Docker HEALTHCHECK reads only that). */
describe('/healthz', () => {
  let server: HttpServer | undefined;
  let bot: Bot | undefined;
  let slack: Harness | undefined;
  afterEach(async () => {
    await server?.close();
    await closeBot(bot);
    await slack?.close();
    server = undefined;
    bot = undefined;
    slack = undefined;
  });

  async function serve(app: HealthSource): Promise<string> {
    server = new HttpServer(testLogger('healthz'));
    server.route(HEALTH_PATH, healthRoute(app));
    return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  }

  it('answers GET and HEAD on the exact path only: 405 for other methods, 404 for sub-paths', async () => {
    bot = await startBot();
    const base = await serve(bot.app);
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, store: { ok: true }, chats: { telegram: { ok: true } } });
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await fetch(`${base}/healthz`, { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.get('allow')).toBe('GET, HEAD');
    }
    for (const path of ['/healthz/', '/healthz/algo', '/healthzz', '/healthz/../healthz/x']) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/healthz?detalle=1`)).status).toBe(200);
  });

  it('answers 503 with the reason in JSON once the Telegram adapter stopped', async () => {
    bot = await startBot();
    const base = await serve(bot.app);
    await bot.adapter.stop();
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(await r.json()).toMatchObject({ ok: false, chats: { telegram: { ok: false } }, store: { ok: true } });
    expect((await fetch(`${base}/healthz`, { method: 'HEAD' })).status).toBe(503);
  });

  it('answers 503 once the Slack adapter stopped', async () => {
    slack = await startHarness();
    const base = await serve(slack.app);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await slack.adapter.stop();
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ ok: false, chats: { slack: { ok: false, detail: 'Slack detenido' } } });
  });

  it('answers 503 when the store lost its lock on the data folder (the lock file removed or taken)', async () => {
    const dir = await tempDir();
    const store = await LowdbStore.open(join(dir, 'data'));
    bot = await startBot({ store, dataDir: dir });
    const base = await serve(bot.app);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await rm(join(dir, 'data', 'comunicados.lock'));
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(503);
    const body = (await r.json()) as { store: { ok: boolean; detail: string } };
    expect(body.store.ok).toBe(false);
    expect(body.store.detail).toMatch(/se perdió el bloqueo de la carpeta de datos/);
    await store.close();
  });

  it('answers 503 when the console chat stopped', async () => {
    const chat = new ConsoleAdapter({ input: new PassThrough(), output: new PassThrough(), user: 'redactora', channel: 'comunicados' });
    const app: HealthSource = { health: () => ({ store: { ok: true }, chats: { console: chat.health() } }) };
    const base = await serve(app);
    expect((await fetch(`${base}/healthz`)).status).toBe(503); // not started yet
    await chat.start(async () => {});
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await chat.stop();
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
  });
});
