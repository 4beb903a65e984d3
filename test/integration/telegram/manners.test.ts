import { afterEach, describe, expect, it } from 'vitest';
import { REACTION_EMOJI } from '../../fakes/telegram/bot-api.ts';
import { ManualTimers } from '../../fakes/manual-timers.ts';
import { closeBot, FORM_TEXT, GROUP, JEFE, jpeg, PASANTE, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

/** Issue 14, the Telegram side: private answers, replaced previews, the help's reactions, albums. */

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

async function submitted(b: Bot) {
  b.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
  const preview = await b.fake.waitFor(() => previewOf(b), 'preview');
  await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
  const [c] = await b.comunicados();
  return { preview, id: c!.id };
}

/** The answers to button presses, as Telegram received them. */
function callbackAnswers(b: Bot) {
  return b.fake.callsOf('answerCallbackQuery').filter((c) => c.status === 'ok').map((c) => c.payload);
}

describe('Telegram manners (issue 14)', () => {
  it('item 6: a non-approver pressing «Aprobar» gets a private alert; nothing is posted in the group', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    const before = bot.fake.sent(GROUP.id).length;
    const update = bot.fake.pushButton(GROUP.id, preview.messageId, PASANTE, `approve:${id}`);
    await bot.fake.waitFor(() => bot!.fake.handled(update), 'button handled');
    await bot.app.idle();

    const answers = callbackAnswers(bot);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ show_alert: true });
    expect(String(answers[0]!['text'])).toContain('usted no está configurado como aprobador');
    expect(String(answers[0]!['text']).length).toBeLessThanOrEqual(200);
    expect(bot.fake.sent(GROUP.id)).toHaveLength(before);
    expect((await bot.store.get(id))!.state).toBe('pending_approval');
  });

  it('item 4: after an edit the old preview says it was replaced, links to the new one, loses its buttons, and a press on it is answered privately', async () => {
    bot = await startBot();
    const { preview, id } = await submitted(bot);
    expect(bot.fake.message(GROUP.id, preview.messageId)!['reply_markup']).toBeDefined();

    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado editar ${id}\n${FORM_TEXT.replace('30 de mayo', '31 de mayo')}` });
    const fresh = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📝 Comunicado ${id} editado (versión 2)`)), 'new preview');
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📝 ${id} actualizado a la versión 2`)), 'edit answered');

    const old = bot.fake.message(GROUP.id, preview.messageId)!;
    expect(String(old['text'])).toContain(`Reemplazado por la versión 2 de ${id}`);
    expect(old['reply_markup']).toBeUndefined();
    const link = `https://t.me/c/${String(GROUP.id).slice(4)}/${fresh.messageId}`;
    expect(JSON.stringify(old)).toContain(link);
    const edit = bot.fake.callsOf('editMessageText').find((c) => c.status === 'ok' && c.payload['message_id'] === preview.messageId);
    expect(edit, 'the old preview was edited through editMessageText').toBeDefined();

    // A press that was already on its way (or a stale client) on the old buttons decides nothing.
    const update = bot.fake.pushButton(GROUP.id, preview.messageId, JEFE, `approve:${id}`);
    await bot.fake.waitFor(() => bot!.fake.handled(update), 'button handled');
    await bot.app.idle();
    const answer = callbackAnswers(bot).at(-1)!;
    expect(answer).toMatchObject({ show_alert: true });
    expect(String(answer['text'])).toContain('La versión vigente es la 2');
    const c = (await bot.store.get(id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.approvals).toEqual([]);
    expect(c.messages.superseded).toEqual([expect.objectContaining({ messageId: String(preview.messageId) })]);
    expect(bot.fake.sent(GROUP.id).some((m) => m.text.includes('aprobado por'))).toBe(false);

    // A 👍 on the old preview from someone who is not an approver: silence.
    const sent = bot.fake.sent(GROUP.id).length;
    const reaction = bot.fake.pushReaction(GROUP.id, preview.messageId, { user: PASANTE }, ['👍']);
    await bot.fake.waitFor(() => bot!.fake.handled(reaction), 'reaction handled');
    await bot.app.idle();
    expect(bot.fake.sent(GROUP.id)).toHaveLength(sent);
  });

  it('item 11: /ayuda names the reactions Telegram offers and the adapter maps (👍 👎 ✍), not Slack’s', async () => {
    bot = await startBot();
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: '/ayuda' });
    const help = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith('Comandos del bot')), 'help');
    expect(help.text).toContain('👍 (aprobar), 👎 (rechazar) o ✍ (pedir cambios)');
    expect(help.text).not.toMatch(/[✅❌✏]/u);
    const { approve, reject, changes } = bot.config.approval.emoji.telegram;
    for (const [emoji, mapped] of [['👍', approve], ['👎', reject], ['✍', changes]] as const) {
      expect(REACTION_EMOJI.has(emoji), `${emoji} is a reaction Telegram offers`).toBe(true);
      expect(mapped).toContain(emoji);
    }
  });

  it('item 12: an album spread over seconds stays open; a photo after the comunicado was made is added, or the author is told', async () => {
    const timers = new ManualTimers();
    bot = await startBot({ adapter: { albumTimers: timers, albumDebounceMs: undefined } });
    const files = await Promise.all(['#c0392b', '#27ae60', '#2980b9', '#8e44ad'].map(async (color) => bot!.fake.addFile(await jpeg(color))));
    const group = '13912345678900012';
    const part = (i: number, caption: string) => bot!.fake.pushMessage(GROUP.id, REDACTORA, bot!.fake.photoFields(files[i]!, caption, { media_group_id: group }));
    const handled = (u: { updateId: number }) => bot!.fake.waitFor(() => bot!.fake.handled(u.updateId), `update ${u.updateId} handled`);

    await handled(part(0, `/comunicado ${FORM_TEXT}\nalt: Desfile inaugural`));
    timers.advance(2500); // Telegram took 2.5 s to send the second photo
    await handled(part(1, 'Reinas del folclor en tarima'));
    timers.advance(2500);
    expect(previewOf(bot), 'the album is still open').toBeUndefined();
    timers.advance(5000);
    await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    await bot.app.idle();
    let [c] = await bot.comunicados();
    expect(c!.content.attachments.map((a) => a.alt)).toEqual(['Desfile inaugural', 'Reinas del folclor en tarima']);

    // A third photo of the same album, after the comunicado was made: a new version with it.
    await handled(part(2, 'Público en la plaza'));
    const added = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.includes('Llegó tarde')), 'note to the author');
    expect(added.text).toContain(`se agregó como versión 2`);
    expect(added.entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: `tg://user?id=${REDACTORA.id}` }));
    await bot.app.idle();
    [c] = await bot.comunicados();
    expect(c!.version).toBe(2);
    expect(c!.content.attachments.map((a) => a.alt)).toEqual(['Desfile inaugural', 'Reinas del folclor en tarima', 'Público en la plaza']);
    expect(c!.state).toBe('pending_approval');

    // Once published, a straggler cannot change it: the author is told, nothing is lost silently.
    bot.fake.pushReaction(GROUP.id, Number(c!.messages.preview!.messageId), { user: JEFE }, ['👍']);
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${c!.id}`)), 'published');
    await bot.app.idle();
    await handled(part(3, 'Cierre con fuegos artificiales'));
    const told = await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.includes('no se agregó')), 'not added');
    expect(told.text).toContain(c!.id);
    expect(told.text).toContain('publicado');
    [c] = await bot.comunicados();
    expect(c!.content.attachments).toHaveLength(3);
    expect(c!.state).toBe('published');
  });
});
