import { afterEach, describe, expect, it } from 'vitest';
import { closeBot, FORM_TEXT, GROUP, JEFE, PASANTE, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

/** Submits a comunicado and waits until its preview is out and recorded. */
async function submitted(b: Bot) {
  b.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
  const preview = await b.fake.waitFor(() => previewOf(b), 'preview');
  await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
  const [c] = await b.comunicados();
  return { preview, id: c!.id };
}

async function stateOf(b: Bot, id: string) {
  return (await b.store.get(id))!.state;
}

describe('Telegram: approval', () => {
  it('the Jefe reacts 👍 on the preview: published, a status reply edited in place, a final reply with every link', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    bot.fake.pushReaction(GROUP.id, preview.messageId, { user: JEFE }, ['👍']);
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${id}`)), 'final message');
    await bot.app.idle();
    const c = (await bot.store.get(id))!;
    expect(c.state).toBe('published');
    expect(c.approvals).toContainEqual(expect.objectContaining({ kind: 'approve', actor: expect.objectContaining({ userId: String(JEFE.id) }) }));

    // The status is a reply to the preview, then edited in place (not re-posted).
    const status = bot.fake.sent(GROUP.id).filter((m) => m.text.startsWith(`Publicación de ${id}`));
    expect(status).toHaveLength(1);
    expect(status[0]!.payload['reply_parameters']).toMatchObject({ message_id: preview.messageId });
    expect(c.messages.status).toEqual({ platform: 'telegram', channel: String(GROUP.id), messageId: String(status[0]!.messageId) });
    const edits = bot.fake.callsOf('editMessageText').filter((e) => e.status === 'ok' && e.payload['message_id'] === status[0]!.messageId);
    expect(edits.length).toBeGreaterThan(0);
    expect(bot.fake.message(GROUP.id, status[0]!.messageId)!['text']).toContain('Publicado');

    // The final reply names every destination with its address (dry-run ones are local
    // file:// paths, shown as text: Telegram only links http(s) and tg:// addresses).
    const final = bot.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${id}`))!;
    expect(final.payload['reply_parameters']).toMatchObject({ message_id: preview.messageId });
    for (const d of Object.values(c.deliveries)) expect(final.text).toContain(d.url!);
    expect(final.entities.filter((e) => e.type === 'text_link')).toEqual([]);
  });

  it('the Jefe presses «Aprobar»: the button is answered and the comunicado published', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    bot.fake.pushButton(GROUP.id, preview.messageId, JEFE, `approve:${id}`);
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${id}`)), 'final message');
    await bot.app.idle();
    expect(await stateOf(bot, id)).toBe('published');
    expect(bot.fake.callsOf('answerCallbackQuery')).toHaveLength(1);
    expect(bot.fake.sent(GROUP.id).some((m) => m.text === `✅ ${id} aprobado por Carolina Rojas.`)).toBe(true);
  });

  it('a reaction from someone who is not an approver, an anonymous one, or on another message changes nothing', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    const receipt = bot.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido'))!;
    bot.fake.pushReaction(GROUP.id, preview.messageId, { user: PASANTE }, ['👍']);
    bot.fake.pushReaction(GROUP.id, preview.messageId, { actor_chat: GROUP }, ['👍']);
    bot.fake.pushReaction(GROUP.id, receipt.messageId, { user: JEFE }, ['👍']);
    bot.fake.pushReaction(GROUP.id, preview.messageId, { user: JEFE }, ['🔥']);
    // A last command to know every update before it was handled.
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/estado ${id}` });
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`Comunicado ${id}`) || m.text.includes('Pendiente de aprobación')), 'estado');
    await bot.app.idle();
    // 👍 from the pasante is everyday talk: no refusal is posted in the group.
    expect(bot.fake.sent(GROUP.id).filter((m) => m.text.includes('no está configurado como aprobador'))).toEqual([]);
    const c = (await bot.store.get(id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.approvals).toHaveLength(0);
    expect(c.awaitingReason).toBeUndefined();
  });

  it('👎 from the Jefe asks the reason with force_reply; the reply to that question rejects with it', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    bot.fake.pushReaction(GROUP.id, preview.messageId, { user: JEFE }, ['👎']);
    const question = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.includes('¿cuál es el motivo del rechazo')), 'question');
    expect(question.payload['reply_markup']).toEqual({ force_reply: true, selective: true });
    expect(question.payload['reply_parameters']).toMatchObject({ message_id: preview.messageId });
    expect(question.entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: `tg://user?id=${JEFE.id}` }));
    expect(await stateOf(bot, id)).toBe('pending_approval');

    bot.fake.pushMessage(GROUP.id, JEFE, { text: 'Falta la cifra oficial de inscritos.', reply_to_message_id: question.messageId });
    const rejected = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`❌ ${id} fue rechazado`)), 'rejection');
    expect(rejected.text).toContain('Motivo: Falta la cifra oficial de inscritos.');
    const c = (await bot.store.get(id))!;
    expect(c.state).toBe('rejected');
    expect(c.rejection).toMatchObject({ reason: 'Falta la cifra oficial de inscritos.', actor: { userId: String(JEFE.id) } });
  });

  it('✍ from the Jefe requests changes', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    bot.fake.pushReaction(GROUP.id, preview.messageId, { user: JEFE }, ['✍']);
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.includes(`pidió cambios en su comunicado ${id}`)), 'changes notice');
    expect(await stateOf(bot, id)).toBe('changes_requested');
  });
});
