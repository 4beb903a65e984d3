import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/domain/errors.ts';
import { closeBot, GROUP, JEFE, PASANTE, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

describe('Telegram: what the bot sends besides previews', () => {
  it('upload: a document in the thread, its title as an escaped caption', async () => {
    bot = await startBot();
    const anchor = await bot.adapter.post({ channel: String(GROUP.id) }, { text: 'Resumen semanal' });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await bot.adapter.upload({ channel: String(GROUP.id), threadId: anchor.messageId }, { filename: 'grafico-semana.png', data: png, title: 'Publicaciones <semana 12> & alcance' });
    const [doc] = bot.fake.callsOf('sendDocument');
    expect(doc!.status).toBe('ok');
    expect(doc!.payload['document']).toEqual({ filename: 'grafico-semana.png', size: png.length });
    expect(doc!.payload['caption']).toBe('Publicaciones &lt;semana 12&gt; &amp; alcance');
    expect((doc!.result as { reply_to_message?: { message_id: number } }).reply_to_message?.message_id).toBe(Number(anchor.messageId));
  });

  it('dm: a private message to someone who opened the bot; a Spanish explanation for someone who did not', async () => {
    bot = await startBot({ chats: [{ id: JEFE.id, type: 'private', first_name: JEFE.first_name }] });
    const ref = await bot.adapter.dm(String(JEFE.id), { text: 'Comparta el comunicado C-2026-0001 en sus listas de difusión.' });
    expect(ref).toMatchObject({ platform: 'telegram', channel: String(JEFE.id) });
    expect(bot.fake.sent(JEFE.id)[0]!.text).toBe('Comparta el comunicado C-2026-0001 en sus listas de difusión.');
    const refused = bot.adapter.dm(String(PASANTE.id), { text: 'Hola' });
    await expect(refused).rejects.toBeInstanceOf(UserFacingError);
    await expect(bot.adapter.dm(String(PASANTE.id), { text: 'Hola' })).rejects.toThrow(/debe abrir un chat con el bot y pulsar «Iniciar»/);
  });

  it('an edit with no change is not an error (Telegram says "message is not modified")', async () => {
    bot = await startBot();
    const ref = await bot.adapter.post({ channel: String(GROUP.id) }, { text: 'Publicación de C-2026-0001: Publicando' });
    await bot.adapter.update(ref, { text: 'Publicación de C-2026-0001: Publicando' });
    const [edit] = bot.fake.callsOf('editMessageText');
    expect(edit!.status).toBe(400);
    await bot.adapter.update(ref, { text: 'Publicación de C-2026-0001: Publicado' });
    expect(bot.fake.message(GROUP.id, Number(ref.messageId))!['text']).toBe('Publicación de C-2026-0001: Publicado');
  });
});
