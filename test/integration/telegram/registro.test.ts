import { afterEach, describe, expect, it } from 'vitest';
import { closeBot, FORM_TEXT, GROUP, JEFE, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

/*
 * /registro on Telegram, through Telegraf against the Bot API fake: a group has no private
 * reply, so the history goes to the approver by direct message and the group hears only
 * that it was sent.
 */

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

describe('the record on Telegram', () => {
  it('sends one comunicado\'s history to the approver by DM, with the 👍 recorded as a reaction', async () => {
    bot = await startBot({ record: true, chats: [{ id: JEFE.id, type: 'private', first_name: JEFE.first_name }] });
    const b = bot;
    b.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${FORM_TEXT}` });
    const preview = await b.fake.waitFor(() => previewOf(b), 'preview');
    const id = (await b.comunicados()).at(-1)!.id;
    b.fake.pushReaction(GROUP.id, preview.messageId, { user: JEFE }, ['👍']);
    await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${id}`)), 'final message');

    b.fake.pushMessage(GROUP.id, JEFE, { text: `/registro ${id}` });
    const dm = await b.fake.waitFor(() => b.fake.sent(JEFE.id).find((m) => m.text.includes(`Registro de ${id}`)), 'history by DM');
    expect(dm.text).toContain('aprobado · con una reacción');
    await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.includes('Le envié el historial por mensaje directo')), 'note in the group');
    expect(b.fake.sent(GROUP.id).some((m) => m.text.includes(`Registro de ${id}`))).toBe(false);
  });
});
