import { afterEach, describe, expect, it } from 'vitest';
import { closeBot, FORM_TEXT, GROUP, JEFE, jpeg, OTHER_GROUP, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

describe('Telegram: submitting a comunicado', () => {
  it('connects by long polling with the three update kinds and registers the Spanish command menu', async () => {
    bot = await startBot();
    const poll = await bot.fake.waitFor(() => bot!.fake.callsOf('getUpdates').find((c) => c.payload['timeout'] === 50), 'long poll');
    expect(poll.payload['allowed_updates']).toEqual(['message', 'callback_query', 'message_reaction']);
    expect(bot.fake.callsOf('deleteWebhook')).toHaveLength(1);
    expect(bot.fake.commands.map((c) => c.command)).toEqual(expect.arrayContaining(['comunicado', 'estado', 'cancelar', 'ayuda']));
    expect(bot.fake.commands.find((c) => c.command === 'comunicado')?.description).toBe('Enviar un comunicado a aprobación');
    expect(bot.adapter.health()).toEqual({ ok: true, detail: 'long polling' });
  });

  it('/comunicado with the text form: a draft in pending approval, the preview with buttons and the approver tagged', async () => {
    bot = await startBot();
    const { message } = bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    const preview = await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    // The author hears it was received, once the preview is out.
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido: C-')), 'receipt');
    const [c] = await bot.comunicados();
    expect(c).toMatchObject({
      state: 'pending_approval',
      author: { platform: 'telegram', userId: String(REDACTORA.id), name: 'Laura Gómez' },
      origin: { platform: 'telegram', channel: String(GROUP.id), messageId: String(message['message_id']) },
      content: { title: 'Alcaldía abre convocatoria para el Festival Folclórico', hashtags: ['IbaguéCapitalMusical'] },
    });
    expect(c!.content.lead).toBe('La Alcaldía de Ibagué abre la convocatoria para el 52 Festival Folclórico Colombiano.');
    // The preview: HTML, a reply to the command, Aprobar / Rechazar / Pedir cambios, the Jefe tagged.
    expect(preview.payload['parse_mode']).toBe('HTML');
    expect(preview.payload['reply_parameters']).toMatchObject({ message_id: message['message_id'] });
    const keyboard = preview.payload['reply_markup'].inline_keyboard.flat();
    expect(keyboard.map((b: { text: string }) => b.text)).toEqual(['✅ Aprobar', '❌ Rechazar', 'Pedir cambios']);
    expect(keyboard.map((b: { callback_data: string }) => b.callback_data)).toEqual([`approve:${c!.id}`, `reject:${c!.id}`, `request_changes:${c!.id}`]);
    const tag = preview.entities.find((e) => e.type === 'text_link' && e.url === `tg://user?id=${JEFE.id}`)!;
    // How to approve, in the reactions Telegram offers (it has no ✅ or ❌ reactions).
    expect(preview.text).toContain('Aprobar: reaccione con 👍 o use el botón. Rechazar: 👎. Pedir cambios: ✍.');
    // Named as Telegram knows her (getChatMember), though she has not written yet.
    expect(preview.text.slice(tag.offset, tag.offset + tag.length)).toBe('Carolina Rojas');
    expect(c!.messages.preview).toEqual({ platform: 'telegram', channel: String(GROUP.id), messageId: String(preview.messageId) });
  });

  it('a photo whose caption starts with /comunicado: the photo is downloaded through getFile and attached', async () => {
    bot = await startBot();
    const file = bot.fake.addFile(await jpeg(), { path: 'photos/file_7.jpg' });
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(file, `/comunicado ${FORM_TEXT}\nalt: Bailarines del festival en la plaza de Bolívar`));
    await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.content.attachments).toHaveLength(1);
    expect(c!.content.attachments[0]).toMatchObject({ kind: 'image', mime: 'image/jpeg', alt: 'Bailarines del festival en la plaza de Bolívar' });
    // The largest photo size was asked for, not the thumbnail.
    expect(bot.fake.callsOf('getFile').map((x) => x.payload['file_id'])).toEqual([file.file_id]);
    // The preview leads with the photo itself, sent back by its file_id, the text as caption.
    const photo = bot.fake.callsOf('sendPhoto').find((x) => String(x.payload['caption'] ?? '').includes(c!.id));
    expect(photo?.payload['photo']).toBe(file.file_id);
  });

  it('an album of three photos (three updates, one media_group_id): one draft with the three photos', async () => {
    bot = await startBot();
    const files = await Promise.all(['#c0392b', '#27ae60', '#2980b9'].map(async (color) => bot!.fake.addFile(await jpeg(color))));
    const group = '13912345678901234';
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(files[0]!, `/comunicado ${FORM_TEXT}\nalt: Desfile inaugural`, { media_group_id: group }));
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(files[1]!, 'Reinas del folclor en tarima', { media_group_id: group }));
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(files[2]!, 'Público en la plaza', { media_group_id: group }));
    await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    await bot.app.idle();
    const all = await bot.comunicados();
    expect(all).toHaveLength(1);
    expect(all[0]!.content.attachments.map((a) => a.alt)).toEqual(['Desfile inaugural', 'Reinas del folclor en tarima', 'Público en la plaza']);
    expect(bot.fake.sent(GROUP.id).filter((m) => m.text.startsWith('📰'))).toHaveLength(1);
  });

  it('/comunicado as a reply to an earlier message takes its text and files', async () => {
    bot = await startBot();
    const file = bot.fake.addFile(await jpeg());
    const prepared = bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(file, `${FORM_TEXT}\nalt: Afiche oficial del festival`));
    const { message } = bot.fake.pushMessage(GROUP.id, JEFE, { text: '/comunicado', reply_to_message_id: prepared.message['message_id'] });
    await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c).toMatchObject({ author: { userId: String(JEFE.id) }, origin: { messageId: String(message['message_id']) } });
    expect(c!.content.title).toBe('Alcaldía abre convocatoria para el Festival Folclórico');
    expect(c!.content.attachments).toHaveLength(1);
    expect(c!.content.attachments[0]!.alt).toBe('Afiche oficial del festival');
  });

  it('/comunicado as a reply to one photo of an album takes the whole album', async () => {
    bot = await startBot();
    const files = await Promise.all(['#111111', '#222222'].map(async (color) => bot!.fake.addFile(await jpeg(color))));
    const group = '13900000000000077';
    bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(files[0]!, `${FORM_TEXT}\nalt: Tarima principal`, { media_group_id: group }));
    const second = bot.fake.pushMessage(GROUP.id, REDACTORA, bot.fake.photoFields(files[1]!, 'Comparsa en la carrera tercera', { media_group_id: group }));
    // Nobody asked for anything yet: an album without a command is just kept in mind.
    await bot.fake.waitFor(() => bot!.fake.handled(second.updateId), 'both album updates handled');
    expect(bot.fake.sent(GROUP.id)).toHaveLength(0);
    bot.fake.pushMessage(GROUP.id, JEFE, { text: '/comunicado', reply_to_message_id: second.message['message_id'] });
    await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.content.title).toBe('Alcaldía abre convocatoria para el Festival Folclórico');
    expect(c!.content.attachments.map((a) => a.alt)).toEqual(['Tarima principal', 'Comparsa en la carrera tercera']);
  });

  it('a step-by-step form survives a restart of the bot', async () => {
    bot = await startBot();
    const { fake, store, dataDir } = bot;
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/comunicado' });
    const q1 = await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.includes('¿Cuál es el título?')), 'first question');
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'Cierre temporal del parque Centenario', reply_to_message_id: q1.messageId });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('2/5')), 'second question');
    await bot.stop();
    bot = await startBot({ fake, store, dataDir });
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'El parque cierra por mantenimiento hasta el lunes.' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('3/5')), 'third question');
    fake.pushMessage(GROUP.id, REDACTORA, { text: '-' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('4/5')), 'fourth question');
    fake.pushMessage(GROUP.id, REDACTORA, { text: '-' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('5/5')), 'fifth question');
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'Listo.' });
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.content).toMatchObject({ title: 'Cierre temporal del parque Centenario', lead: 'El parque cierra por mantenimiento hasta el lunes.', body: '', destinations: ['portal:noticia'] });
  });

  it('/comunicado alone asks step by step (título, entradilla, cuerpo, destinos, fotos) and «listo» submits', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const start = fake.pushMessage(GROUP.id, REDACTORA, { text: '/comunicado' });
    const questions = () => fake.sent(GROUP.id).filter((m) => m.payload['reply_markup']?.force_reply);
    const answer = async (n: number, fields: Record<string, unknown>) => {
      const q = await fake.waitFor(() => questions()[n - 1], `question ${n}`);
      return fake.pushMessage(GROUP.id, REDACTORA, { ...fields, reply_to_message_id: q.messageId });
    };
    const q1 = await fake.waitFor(() => questions()[0], 'first question');
    expect(q1.text).toContain('¿Cuál es el título?');
    expect(q1.payload['reply_parameters']).toMatchObject({ message_id: start.message['message_id'] });
    expect(q1.payload['reply_markup']).toEqual({ force_reply: true, selective: true });
    await answer(1, { text: 'Vacunación gratuita en las comunas 1 a 13' });
    await answer(2, { text: 'La Secretaría de Salud lleva la jornada a los barrios este sábado.' });
    await answer(3, { text: 'Habrá puestos en parques y colegios.\n\nLleve el carné.' });
    const q4 = await fake.waitFor(() => questions()[3], 'destinos question');
    expect(q4.text).toContain('portal:noticia');
    await answer(4, { text: 'portal, twitter' });
    const q5 = await fake.waitFor(() => questions()[4], 'fotos question');
    expect(q5.text).toContain('«listo»');
    const file = fake.addFile(await jpeg());
    fake.pushMessage(GROUP.id, REDACTORA, fake.photoFields(file, 'Enfermera vacunando a un niño'));
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.startsWith('Recibí 1 archivo')), 'file receipt');
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'listo' });
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.content).toMatchObject({
      title: 'Vacunación gratuita en las comunas 1 a 13',
      lead: 'La Secretaría de Salud lleva la jornada a los barrios este sábado.',
      body: 'Habrá puestos en parques y colegios.\n\nLleve el carné.',
      destinations: ['portal:noticia', 'x:alcaldia'],
    });
    expect(c!.content.attachments[0]).toMatchObject({ kind: 'image', alt: 'Enfermera vacunando a un niño' });
    expect(c!.origin.messageId).toBe(String(start.message['message_id']));
  });

  it('/cancelar drops the step-by-step form; later messages are plain talk again', async () => {
    bot = await startBot();
    const fake = bot.fake;
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/comunicado' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text.includes('¿Cuál es el título?')), 'first question');
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/cancelar' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text === 'Listo, descarté el comunicado que estaba armando.'), 'cancel');
    const before = fake.sent(GROUP.id).length;
    fake.pushMessage(GROUP.id, REDACTORA, { text: 'Un título que ya nadie espera' });
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/cancelar' });
    await fake.waitFor(() => fake.sent(GROUP.id).find((m) => m.text === 'No hay ningún comunicado en curso para cancelar.'), 'nothing to cancel');
    expect(fake.sent(GROUP.id)).toHaveLength(before + 1);
    expect(await bot.comunicados()).toHaveLength(0);
  });

  it('messages from a chat that is not in the config are ignored', async () => {
    bot = await startBot();
    const fake = bot.fake;
    fake.pushMessage(OTHER_GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    fake.pushMessage(OTHER_GROUP.id, REDACTORA, { text: '/comunicado' });
    // A command in the configured group after them, to know the earlier ones were handled.
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/estado' });
    await fake.waitFor(() => fake.sent(GROUP.id).length > 0, 'answer in the configured group');
    expect(fake.sent(OTHER_GROUP.id)).toHaveLength(0);
    expect(await bot.comunicados()).toHaveLength(0);
  });
});
