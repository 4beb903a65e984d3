import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { startBot, submitAndApprove, tempDir, testConfig, type Bot } from '../../fakes/handoff/app.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { ScriptedPublisher, duplicate } from '../../fakes/scripted-publisher.ts';

const JEFE_CONSOLE: Actor = { platform: 'console', userId: 'jefe', name: 'jefe' };
const FORM = 'Cierre vial en la carrera Quinta\n\nPor obras, la carrera Quinta estará cerrada el sábado.\n\ndestinos: portal, facebook, x';

let bot: Bot | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await bot?.stop();
  await cleanup?.();
  bot = undefined;
});

describe('/confirmar: the summary is edited in place and the author is told once', () => {
  it('two confirmations edit the one "📣 … Publicado parcialmente" summary; the author hears once, when all is settled', async () => {
    const dir = await tempDir('confirm-summary-');
    cleanup = dir.cleanup;
    const chat = new RecordingChat();
    const publishers = [
      new ScriptedPublisher('portal:noticia'),
      new ScriptedPublisher('facebook:alcaldia', [{ error: duplicate() }]),
      new ScriptedPublisher('x:alcaldia', [{ error: duplicate() }]),
    ];
    // The scripted lookups are impossible (they throw); with no settle window the engine
    // asks at once instead of verifying first.
    const config = testConfig({ destinations: { default: ['portal:noticia', 'facebook:alcaldia', 'x:alcaldia'] }, publishing: { settleSeconds: { facebook: 0, x: 0 } } });
    bot = await startBot({ dataDir: dir.dir, config, chats: [chat], publishers });
    const c = await submitAndApprove(bot.app, FORM, 'console');
    expect(c.state).toBe('partially_published');

    const summaries = () => chat.posts.filter((p) => p.message.text.startsWith(`📣 ${c.id}`));
    const toAuthor = () => chat.posts.filter((p) => p.message.mentions?.includes('redactora') && p.message.text.includes('quedó'));
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0]!.message.text).toContain('Publicado parcialmente');
    expect(toAuthor()).toHaveLength(0); // two destinations still open

    await bot.app.services.comunicados.confirm(c.id, 'facebook:alcaldia', true, JEFE_CONSOLE);
    expect(summaries()).toHaveLength(1);
    const summaryRef = summaries()[0]!.ref;
    expect(chat.updates.filter((u) => u.ref.messageId === summaryRef.messageId)).toHaveLength(1);
    expect(toAuthor()).toHaveLength(0);

    await bot.app.services.comunicados.confirm(c.id, 'x:alcaldia', true, JEFE_CONSOLE);
    expect(summaries()).toHaveLength(1);
    const edits = chat.updates.filter((u) => u.ref.messageId === summaryRef.messageId);
    expect(edits).toHaveLength(2);
    expect(edits.at(-1)!.message.text).toMatch(new RegExp(`^📣 ${c.id} .*: Publicado$`, 'm'));
    expect(toAuthor()).toHaveLength(1);
    expect(toAuthor()[0]!.message.text).toContain('publicado');
  });
});
