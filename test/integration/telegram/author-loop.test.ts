import { afterEach, describe, expect, it } from 'vitest';
import type { TgChat } from '../../fakes/telegram/bot-api.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { closeBot, FORM_TEXT, GROUP, JEFE, jpeg, REDACTORA, startBot, type Bot } from './harness.ts';

/*
 * Telegraf against the Bot API fake: the redactora writes in the office's group, the Jefe
 * approves in a separate approvals group. Every outcome reaches her in the group she wrote
 * in, as a reply to her own message, tagged, with the links.
 */

const SECRET = 'secreto-del-portal-telegram-author-loop-0123';
const APPROVALS: TgChat = { id: -1001500000777, type: 'supergroup', title: 'Aprobaciones de prensa' };
const TITLE = 'Alcaldía abre convocatoria para el Festival Folclórico';

let bot: Bot | undefined;
let portal: FakeHttpPortal | undefined;
afterEach(async () => {
  await closeBot(bot);
  await portal?.close();
  bot = undefined;
  portal = undefined;
});

async function start(): Promise<Bot> {
  portal = await startFakeHttpPortal(SECRET);
  bot = await startBot({
    chats: [APPROVALS],
    env: { PORTAL_URL: portal.url, PORTAL_HMAC_SECRET: SECRET },
    config: {
      chats: { telegram: { chats: [GROUP.id], approvalsChat: APPROVALS.id } },
      portal: { type: 'http' },
      publishing: { maxAttempts: 1 },
    },
  });
  bot.fake.addMember(APPROVALS.id, JEFE);
  return bot;
}

/** The redactora's /comunicado in her group: its id, her message and the preview in approvals. */
async function submit(b: Bot, text: string) {
  const receipts = () => b.fake.sent(GROUP.id).filter((m) => m.text.startsWith('✅ Recibido: C-'));
  const before = receipts().length;
  const { message } = b.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${text}` });
  await b.fake.waitFor(() => receipts().length > before, 'receipt');
  const c = (await b.comunicados()).at(-1)!;
  const preview = await b.fake.waitFor(() => b.fake.sent(APPROVALS.id).find((m) => m.text.includes(`Nuevo comunicado para aprobación: ${c.id}`)), 'preview');
  return { id: c.id, own: message['message_id'] as number, preview };
}

/** Waits for the bot's message to the redactora in her group that starts with `start`. */
function told(b: Bot, start: string) {
  return b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.startsWith(start)), start);
}

describe('Telegram: the author hears every outcome in her group, as a reply to her message', () => {
  it('published and partially published: every link; what failed and why', async () => {
    const b = await start();
    const ok = await submit(b, `${FORM_TEXT}\ndestinos: portal, facebook`);
    b.fake.pushButton(APPROVALS.id, ok.preview.messageId, JEFE, `approve:${ok.id}`);
    const published = await told(b, `✅ Su comunicado ${ok.id} «${TITLE}» quedó publicado en todos sus destinos.`);
    await b.app.idle();
    const c = (await b.store.get(ok.id))!;
    expect(c.state).toBe('published');
    expect(published.payload['reply_parameters']).toMatchObject({ message_id: ok.own });
    // The portal's link is an anchor; the simulated Facebook link (file://) is shown as text.
    expect(published.entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: c.deliveries['portal:noticia']!.url }));
    expect(published.text).toContain(`Facebook · Alcaldía (simulación): ${c.deliveries['facebook:alcaldia']!.url}`);
    expect(published.entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: `tg://user?id=${REDACTORA.id}` }));

    const partial = await submit(b, `${FORM_TEXT}\ndestinos: portal, facebook`);
    portal!.failNext({ method: 'POST', status: 422, body: { error: 'La categoría Cultura no existe' } });
    b.fake.pushButton(APPROVALS.id, partial.preview.messageId, JEFE, `approve:${partial.id}`);
    const msg = await told(b, `⚠️ Su comunicado ${partial.id} «${TITLE}» quedó publicado solo en parte.`);
    expect(msg.text).toContain('No se publicó en\n• Portal · noticia: El portal rechazó el comunicado (422): La categoría Cultura no existe.');
    expect(msg.text).toContain('Facebook · Alcaldía (simulación): file://');
    expect(msg.payload['reply_parameters']).toMatchObject({ message_id: partial.own });
  });

  it('failed, rejected, changes requested and withdrawn reach her group, not only the approvals group', async () => {
    const b = await start();
    const failed = await submit(b, `${FORM_TEXT}\ndestinos: portal`);
    portal!.failNext({ method: 'POST', status: 422, body: { error: 'El título supera 30 caracteres' } });
    b.fake.pushButton(APPROVALS.id, failed.preview.messageId, JEFE, `approve:${failed.id}`);
    const f = await told(b, `❌ Su comunicado ${failed.id} «${TITLE}» no se pudo publicar en ningún destino.`);
    expect(f.text).toContain('El título supera 30 caracteres');

    const rejected = await submit(b, FORM_TEXT);
    b.fake.pushMessage(APPROVALS.id, JEFE, { text: `/rechazar ${rejected.id} Faltan las cifras oficiales` });
    await told(b, `❌ Su comunicado ${rejected.id} fue rechazado por Carolina Rojas. Motivo: Faltan las cifras oficiales`);

    const changes = await submit(b, FORM_TEXT);
    b.fake.pushMessage(APPROVALS.id, JEFE, { text: `/cambios ${changes.id} Agregue la fecha de cierre` });
    const ch = await told(b, `✏️ Carolina Rojas pidió cambios en su comunicado ${changes.id}: Agregue la fecha de cierre`);
    expect(ch.payload['reply_parameters']).toMatchObject({ message_id: changes.own });

    // ✍ carries no words: the Jefe is asked, and his reply to the question reaches her.
    const pencil = await submit(b, FORM_TEXT);
    b.fake.pushReaction(APPROVALS.id, pencil.preview.messageId, { user: JEFE }, ['✍']);
    const question = await b.fake.waitFor(() => b.fake.sent(APPROVALS.id).find((m) => m.text.includes(`qué cambios necesita ${pencil.id}`)), 'question');
    await told(b, `✏️ Carolina Rojas pidió cambios en su comunicado ${pencil.id}.`);
    b.fake.pushMessage(APPROVALS.id, JEFE, { text: 'Use la foto oficial del festival', reply_to_message_id: question.messageId });
    const noted = await told(b, `✏️ Carolina Rojas pidió cambios en su comunicado ${pencil.id}: Use la foto oficial del festival`);
    expect(noted.payload['reply_parameters']).toMatchObject({ message_id: pencil.own });

    const withdrawn = await submit(b, `${FORM_TEXT}\ndestinos: facebook`);
    b.fake.pushButton(APPROVALS.id, withdrawn.preview.messageId, JEFE, `approve:${withdrawn.id}`);
    await told(b, `✅ Su comunicado ${withdrawn.id}`);
    b.fake.pushMessage(APPROVALS.id, JEFE, { text: `/retirar ${withdrawn.id} La convocatoria se aplazó` });
    const w = await told(b, `🗑️ Su comunicado ${withdrawn.id} fue retirado por Carolina Rojas. Motivo: La convocatoria se aplazó`);
    expect(w.text).toContain('Facebook · Alcaldía');
    expect(b.fake.sent(GROUP.id).map((m) => m.text).join('\n')).not.toMatch(/hilo de la vista previa|quedó falló/);
  });
});

describe('Telegram: photos have names the author can type', () => {
  it('an album without alt text: told at once with foto-1.jpg and foto-2.jpg and the message to send; sending it fixes only the alt texts', async () => {
    const b = await start();
    const one = b.fake.addFile(await jpeg('#1e8449'), { path: 'photos/file_31.jpg' });
    const two = b.fake.addFile(await jpeg('#7d3c98'), { path: 'photos/file_32.jpg' });
    const album = { media_group_id: '13900000000000001' };
    const { message } = b.fake.pushMessage(GROUP.id, REDACTORA, b.fake.photoFields(one, `/comunicado ${FORM_TEXT}`, album));
    b.fake.pushMessage(GROUP.id, REDACTORA, b.fake.photoFields(two, undefined, album));
    const receipt = await told(b, '✅ Recibido: C-');
    const [c] = await b.comunicados();
    expect(c!.content.attachments.map((a) => a.filename)).toEqual(['foto-1.jpg', 'foto-2.jpg']);
    expect(receipt.payload['reply_parameters']).toMatchObject({ message_id: message['message_id'] });
    expect(receipt.text).toContain('«foto-1.jpg», «foto-2.jpg»');
    expect(receipt.text).toContain(`/comunicado editar ${c!.id}\nalt foto-1.jpg: descripción de la imagen\nalt foto-2.jpg: descripción de la imagen`);
    expect(receipt.text).not.toMatch(/foto-\d{3,}\.jpg/);

    b.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado editar ${c!.id}\nalt foto-1.jpg: Bailarines en la plaza de Bolívar\nalt foto-2.jpg: Músicos con tiple y bandola` });
    await told(b, `📝 ${c!.id} actualizado a la versión 2.`);
    const after = (await b.store.get(c!.id))!;
    expect(after.content.title).toBe(TITLE);
    expect(after.content.lead).toBe(c!.content.lead);
    expect(after.content.body).toBe(c!.content.body);
    expect(after.content.attachments.map((a) => [a.filename, a.alt])).toEqual([
      ['foto-1.jpg', 'Bailarines en la plaza de Bolívar'],
      ['foto-2.jpg', 'Músicos con tiple y bandola'],
    ]);
    expect(b.fake.sent(GROUP.id).map((m) => m.text).join('\n')).not.toContain('El comunicado está vacío');
    // The approvals group still saw the warning on the first preview.
    expect(b.fake.sent(APPROVALS.id).some((m) => m.text.includes('⚠️ La imagen «foto-2.jpg» no tiene texto alternativo'))).toBe(true);
  });

  it('a document keeps the name it was sent with', async () => {
    const b = await start();
    const doc = b.fake.addFile(await jpeg('#c0392b'), { path: 'documents/file_40.jpg' });
    b.fake.pushMessage(GROUP.id, REDACTORA, b.fake.documentFields(doc, 'afiche festival.jpg', 'image/jpeg', `/comunicado ${FORM_TEXT}`));
    const receipt = await told(b, '✅ Recibido: C-');
    expect(receipt.text).toContain('⚠️ La imagen «afiche festival.jpg» no tiene texto alternativo');
    expect(receipt.text).toContain('alt afiche festival.jpg: descripción de la imagen');
  });
});
