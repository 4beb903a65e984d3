import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramAdapter } from '../../../src/chat/telegram/index.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { FakeBotApi, type Json } from '../../fakes/telegram/bot-api.ts';
import { FORM_TEXT, GROUP, JEFE, REDACTORA, previewOf, removeDir, startBot, tempDir, type Bot } from './harness.ts';

const bots: Bot[] = [];
const dirs: string[] = [];
afterEach(async () => {
  const done = bots.splice(0);
  for (const b of done) await b.stop();
  for (const b of done) {
    await b.fake.stop();
    expect(b.logs.join('')).not.toContain(b.fake.token);
  }
  for (const d of dirs.splice(0)) await removeDir(d);
});

async function track(b: Promise<Bot>): Promise<Bot> {
  const bot = await b;
  bots.push(bot);
  return bot;
}

const SECRET = 'Secreto_de-Prueba_2026';

function postUpdate(port: number, path: string, update: Json, secret?: string): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An update as Telegram would POST it, from a message the fake stored. */
function commandUpdate(fake: FakeBotApi, text: string): Json {
  const { updateId, message } = fake.pushMessage(GROUP.id, REDACTORA, { text });
  return { update_id: updateId, message };
}

describe('Telegram: the same update twice, restarts, webhooks', () => {
  it('an update served again after a restart (its offset never confirmed) makes one comunicado, not two', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const fake = await new FakeBotApi().start();
    fake.addChat(GROUP);
    const store1 = await LowdbStore.open(dir);
    const first = await startBot({ fake, store: store1, dataDir: dir });
    const { updateId } = fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
    await first.stop();
    await store1.close();
    // The process died before Telegram saw the next offset: the update comes again.
    fake.unconfirm(updateId);
    const store2 = await LowdbStore.open(dir);
    const second = await track(startBot({ fake, store: store2, dataDir: dir }));
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/estado' });
    await fake.waitFor(() => fake.sent(GROUP.id).filter((m) => m.text.includes('C-2026-0001')).length >= 3 && fake.sent(GROUP.id).at(-1)!.text.includes('Pendiente'), '/estado answer');
    const served = fake.callsOf('getUpdates').filter((c) => (c.result as Json[] | undefined)?.some((u) => u['update_id'] === updateId));
    expect(served.length).toBe(2);
    expect(await second.comunicados()).toHaveLength(1);
    expect(fake.sent(GROUP.id).filter((m) => m.text.startsWith('📰'))).toHaveLength(1);
    await second.stop();
    await store2.close();
  });

  it('webhook mode: setWebhook with the secret and allowed_updates; the same update POSTed twice counts once', async () => {
    const bot = await track(startBot({ env: { TELEGRAM_WEBHOOK_URL: 'https://bot.ibague.gov.co/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: SECRET } }));
    expect(bot.fake.webhook).toEqual({
      url: 'https://bot.ibague.gov.co/telegram/webhook',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query', 'message_reaction'],
    });
    expect(bot.fake.callsOf('getUpdates')).toHaveLength(0);
    expect(bot.adapter.health()).toEqual({ ok: true, detail: 'webhook /telegram/webhook' });
    const update = commandUpdate(bot.fake, `/comunicado ${FORM_TEXT}`);
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update, SECRET)).toBe(200);
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update, SECRET)).toBe(200);
    await bot.app.idle();
    expect(await bot.comunicados()).toHaveLength(1);
    expect(bot.fake.sent(GROUP.id).filter((m) => m.text.startsWith('📰'))).toHaveLength(1);
  });

  it('webhook mode: a request with a wrong or missing secret is refused and nothing happens', async () => {
    const bot = await track(startBot({ env: { TELEGRAM_WEBHOOK_URL: 'https://bot.ibague.gov.co/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: SECRET } }));
    const update = commandUpdate(bot.fake, `/comunicado ${FORM_TEXT}`);
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update, 'otro-secreto')).toBe(401);
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update)).toBe(401);
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update, `${SECRET}x`)).toBe(401);
    await bot.app.idle();
    expect(await bot.comunicados()).toHaveLength(0);
    expect(bot.fake.sent()).toHaveLength(0);
    // The same update with the right secret is then taken (the refusals did not record it).
    expect(await postUpdate(bot.http.port!, '/telegram/webhook', update, SECRET)).toBe(200);
    expect(await bot.comunicados()).toHaveLength(1);
  });

  it('refuses to start a webhook without TELEGRAM_WEBHOOK_SECRET, in Spanish', () => {
    const env = readEnv({ TELEGRAM_BOT_TOKEN: '123456789:AAH-fake-token-for-tests-0000000000', TELEGRAM_WEBHOOK_URL: 'https://bot.ibague.gov.co/telegram' });
    const config = parseConfig({ office: {}, chats: { telegram: { chats: [GROUP.id] } } });
    const build = () => createTelegramAdapter({ env, config, logger: silentLogger(), http: new HttpServer(silentLogger()), store: new MemoryStore() });
    expect(build).toThrow(UserFacingError);
    expect(build).toThrow(/falta TELEGRAM_WEBHOOK_SECRET/);
  });
});

describe('Telegram: rate limits and group migration', () => {
  it('429 with retry_after is waited out and the same call made again, never dropped', async () => {
    const bot = await track(startBot());
    bot.fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    const preview = await bot.fake.waitFor(() => previewOf(bot), 'preview', 15_000);
    const refused = bot.fake.callsOf('sendMessage').find((c) => c.status === 429)!;
    expect(refused.payload['text']).toBe(preview.payload['text']);
    expect(preview.at - refused.at).toBeGreaterThanOrEqual(950);
    await bot.fake.waitFor(() => bot.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
    expect(bot.logs.join('')).toContain('telegram rate limit');
  });

  it('a group that became a supergroup (400 migrate_to_chat_id): the call is repeated there, the chat and its comunicados move', async () => {
    const NEW = -1009876543210;
    const bot = await track(startBot());
    // The /comunicado was written just before the upgrade; the bot answers after it.
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    bot.fake.migrateChat(GROUP.id, NEW);
    const preview = await bot.fake.waitFor(() => previewOf(bot, NEW), 'preview in the new supergroup');
    // Exactly one call met the old id (Telegram's 400 with migrate_to_chat_id); after it,
    // every call went to the new one.
    const refused = bot.fake.calls.filter((c) => c.status === 400);
    expect(refused).toHaveLength(1);
    expect(String(refused[0]!.payload['chat_id'])).toBe(String(GROUP.id));
    await bot.fake.waitFor(() => bot.fake.sent(NEW).find((m) => m.text.startsWith('✅ Recibido')), 'receipt in the new supergroup');
    await bot.fake.waitFor(() => bot.fake.sent(NEW).find((m) => m.text.startsWith('Este grupo pasó a ser un supergrupo')), 'notice');
    // The configured chat moved, and so did the comunicado.
    expect(bot.config.chats.telegram!.chats).toEqual([String(NEW)]);
    const [c] = await bot.comunicados();
    expect(c!.origin.channel).toBe(String(NEW));
    expect(c!.messages.preview).toMatchObject({ channel: String(NEW), messageId: String(preview.messageId) });
    // The move is remembered in the store, for the next start.
    expect(await bot.store.readDoc('telegram/migrations', {})).toEqual({ [String(GROUP.id)]: String(NEW) });
    // The group goes on in its new home: the Jefe's 👍 there publishes.
    bot.fake.pushReaction(NEW, preview.messageId, { user: JEFE }, ['👍']);
    await bot.fake.waitFor(() => bot.fake.sent(NEW).find((m) => m.text.startsWith(`📣 ${c!.id}`)), 'final message in the new supergroup');
  });

  it('the migration service messages move the chat and its pending comunicados before anything is refused', async () => {
    const NEW = -1009876543211;
    const bot = await track(startBot());
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    await bot.fake.waitFor(() => bot.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
    bot.fake.migrateChat(GROUP.id, NEW, { serviceMessages: true });
    await bot.fake.waitFor(() => bot.fake.sent(NEW).find((m) => m.text.startsWith('Este grupo pasó a ser un supergrupo')), 'notice');
    const [c] = await bot.comunicados();
    expect(c!.origin.channel).toBe(String(NEW));
    expect(c!.messages.preview!.channel).toBe(String(NEW));
    // Commands in the new supergroup are heard; the old id is not called again.
    bot.fake.pushMessage(NEW, JEFE, { text: `/aprobar ${c!.id}` });
    await bot.fake.waitFor(() => bot.fake.sent(NEW).find((m) => m.text.startsWith(`📣 ${c!.id}`)), 'final message');
    expect(bot.fake.calls.filter((x) => x.status === 400)).toEqual([]);
    // A restart keeps the move (the config file still names the old group).
    await bot.stop();
    const again = await track(startBot({ fake: bot.fake, store: bot.store }));
    expect(again.config.chats.telegram!.chats).toEqual([String(NEW)]);
  });
});
