import { afterEach, describe, expect, it } from 'vitest';
import type { MediaEmailExtension } from '../../../src/media-email/extension.ts';
import { closeBot, GROUP, JEFE, startBot, type Bot } from '../telegram/harness.ts';
import { roleConfigDoc } from './drivers.ts';

/** Issue 12, item 3: the press list (personal data, Ley 1581) never lands in a group. */
describe('/medios exportar on Telegram when the approver never opened a private chat with the bot', () => {
  let bot: Bot | undefined;
  afterEach(async () => {
    await closeBot(bot);
    bot = undefined;
  });

  it('sends nothing to the group: the approver is told to open the private chat first', async () => {
    bot = await startBot({ config: roleConfigDoc(), defaultExtensions: true });
    const media = bot.app.extensions.find((e) => e.name === 'media-email') as MediaEmailExtension;
    await media.directory.add({ name: 'Sara Díaz', outlet: 'El Nuevo Día', email: 'sara@elnuevodia.com.co', segment: 'prensa' }, 'prueba');
    const { updateId } = bot.fake.pushMessage(GROUP.id, JEFE, { text: '/medios exportar' });
    await bot.fake.waitFor(() => bot!.fake.handled(updateId), 'export handled');
    await bot.app.idle();

    const docs = bot.fake.callsOf('sendDocument');
    expect(docs.every((c) => Number(c.payload['chat_id']) === JEFE.id)).toBe(true);
    expect(docs.filter((c) => c.status === 'ok')).toHaveLength(0);
    const group = bot.fake.sent(GROUP.id).map((m) => m.text).join('\n');
    expect(group).toContain('No puedo escribirle en privado');
    expect(group).not.toContain('sara@elnuevodia.com.co');
  });
});
