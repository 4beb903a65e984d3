import { afterEach, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../fakes/telegram/bot-api.ts';
import { closeBot, FORM_TEXT, GROUP, jpeg, REDACTORA, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

const MB = 1024 * 1024;

/** The bot's answers in the group, as a person reads them. */
const said = (b: Bot) => b.fake.sent(GROUP.id).map((m) => m.text);

describe('Telegram: files and their limits', () => {
  it('public Bot API: a 25 MB video is refused in Spanish before any download, and nothing is created', async () => {
    const fake = await new FakeBotApi(undefined, { publicFileLimit: true }).start();
    fake.addChat(GROUP);
    bot = await startBot({ fake, adapter: { publicApi: true } });
    const video = fake.addFile(undefined, { path: 'videos/file_9.mp4', size: 25 * MB });
    fake.pushMessage(GROUP.id, REDACTORA, {
      video: { file_id: video.file_id, file_unique_id: video.file_unique_id, width: 1920, height: 1080, duration: 95, file_name: 'rueda-de-prensa.mp4', mime_type: 'video/mp4', file_size: 25 * MB },
      caption: `/comunicado ${FORM_TEXT}`,
    });
    const refusal = await fake.waitFor(() => said(bot!).find((t) => t.includes('rueda-de-prensa.mp4')), 'refusal');
    // Only she needs to hear it: Telegram has no private reply in a group, so it tags her.
    expect(refusal).toBe(
      'El archivo «rueda-de-prensa.mp4» pesa 25 MB y Telegram solo deja a los bots descargar archivos de hasta 20 MB. Envíelo más liviano (comprimido o en menor resolución) o compártalo como enlace. Si la oficina usa un servidor propio de la Bot API (TELEGRAM_API_ROOT), ese límite no aplica.\n\n🔔 Laura Gómez',
    );
    expect(fake.callsOf('getFile')).toHaveLength(0);
    expect(await bot.comunicados()).toHaveLength(0);
  });

  it('public Bot API: when the message does not tell the size, getFile\'s "file is too big" gets the same Spanish answer', async () => {
    const fake = await new FakeBotApi(undefined, { publicFileLimit: true }).start();
    fake.addChat(GROUP);
    bot = await startBot({ fake, adapter: { publicApi: true } });
    const doc = fake.addFile(undefined, { path: 'documents/file_3.pdf', size: 30 * MB });
    const fields = fake.documentFields(doc, 'informe-gestion.pdf', 'application/pdf', `/comunicado ${FORM_TEXT}`);
    delete fields['document'].file_size;
    fake.pushMessage(GROUP.id, REDACTORA, fields);
    const refusal = await fake.waitFor(() => said(bot!).find((t) => t.includes('informe-gestion.pdf')), 'refusal');
    expect(refusal).toMatch(/^El archivo «informe-gestion\.pdf» pesa .+ y Telegram solo deja a los bots descargar archivos de hasta 20 MB\./);
    expect(fake.callsOf('getFile')).toHaveLength(1);
    expect(await bot.comunicados()).toHaveLength(0);
  });

  it('a self-hosted Bot API (TELEGRAM_API_ROOT) lifts the 20 MB cap up to attachments.maxBytes, which still applies', async () => {
    bot = await startBot({ config: { attachments: { maxBytes: 40 * 1024 } } });
    const big = Buffer.concat([await jpeg(), Buffer.alloc(60 * 1024, 7)]);
    const photo = bot.fake.addFile(big);
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(photo, `/comunicado ${FORM_TEXT}\nalt: Foto muy pesada`));
    const refusal = await bot.fake.waitFor(() => said(bot!).find((t) => t.startsWith('El archivo «foto-')), 'refusal');
    expect(refusal).toMatch(/^El archivo «foto-\d+\.jpg» pesa más de 40 KB, el máximo permitido\./);
    expect(await bot.comunicados()).toHaveLength(0);
  });

  it('a file that is not what its name says is refused by content, in Spanish', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const doc = fake.addFile(Buffer.from('MZ\x90\x00 esto es un programa, no un PDF'.padEnd(600, ' ')), { path: 'documents/file_5.pdf' });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(doc, 'boletin.pdf', 'application/pdf', `/comunicado ${FORM_TEXT}`));
    const refusal = await fake.waitFor(() => said(bot!).find((t) => t.includes('boletin.pdf')), 'refusal');
    expect(refusal).toMatch(/^(No reconozco el contenido de «boletin\.pdf»|El archivo «boletin\.pdf» es en realidad)/);
    expect(await bot.comunicados()).toHaveLength(0);
  });

  it('in the step-by-step form a file over 20 MB is refused at once and the form goes on', async () => {
    const fake = await new FakeBotApi(undefined, { publicFileLimit: true }).start();
    fake.addChat(GROUP);
    bot = await startBot({ fake, adapter: { publicApi: true } });
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/comunicado' });
    await fake.waitFor(() => said(bot!).find((t) => t.includes('¿Cuál es el título?')), 'first question');
    const big = fake.addFile(undefined, { size: 21 * MB });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(big, 'video-crudo.mov', 'video/quicktime'));
    await fake.waitFor(() => said(bot!).find((t) => t.startsWith('El archivo «video-crudo.mov» pesa 21 MB')), 'refusal');
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'Título que sigue en pie' });
    await fake.waitFor(() => said(bot!).find((t) => t.startsWith('2/5 · Escriba la entradilla')), 'second question');
  });
});
