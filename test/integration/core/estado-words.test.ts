import { afterEach, describe, expect, it } from 'vitest';
import { estadoDetail } from '../../../src/render/chat.ts';
import { JEFE, startBot, submitAndApprove, tempDir, testConfig, type Bot } from '../../fakes/handoff/app.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { ScriptedPublisher, duplicate, refused } from '../../fakes/scripted-publisher.ts';
import { messageProblems } from '../../fakes/words.ts';

/**
 * Issue 14 item 14: `/estado ID` after real publications and a withdrawal shows the
 * history in words: no `withdraw_removed`, no `portal:noticia`, no `bad_request`.
 */

const TEXT = ['Jornada de vacunación en la comuna 7', '', 'La Secretaría de Salud vacuna gratis este sábado.', 'destinos: portal, facebook, x'].join('\n');
const ZONE = 'America/Bogota';

describe('/estado history words', () => {
  const bots: Bot[] = [];
  const dirs: Array<{ cleanup(): Promise<void> }> = [];
  afterEach(async () => {
    while (bots.length) await bots.pop()!.stop();
    while (dirs.length) await dirs.pop()!.cleanup();
  });

  async function bot(publishers?: ScriptedPublisher[]): Promise<Bot> {
    const dir = await tempDir('estado-words-');
    dirs.push(dir);
    // The scripted X lookup is impossible (it throws); with no settle window the engine
    // leaves the delivery unknown at once, as this test means, instead of verifying first.
    const config = testConfig({ publishing: { settleSeconds: { x: 0 } } });
    const b = await startBot({ dataDir: dir.dir, config, chats: [new RecordingChat()], ...(publishers ? { publishers } : {}) });
    bots.push(b);
    return b;
  }

  it('after a withdrawal (simulated destinations removed)', async () => {
    const b = await bot();
    const c = await submitAndApprove(b.app, TEXT, 'console');
    expect(c.state).toBe('published');
    await b.app.services.comunicados.withdraw(c.id, 'Se canceló la jornada', JEFE);
    const after = (await b.store.get(c.id))!;
    expect(after.audit.map((a) => a.action)).toContain('withdraw_removed');
    const message = estadoDetail(after, ZONE);
    expect(await messageProblems(message)).toEqual([]);
    expect(message.text).toContain('retirado del destino (Portal · noticia');
    expect(message.text).not.toMatch(/withdraw_|portal:noticia|facebook:alcaldia/);
  });

  it('after a partial publication: a refused destination and an unknown one', async () => {
    const b = await bot([
      new ScriptedPublisher('portal:noticia'),
      new ScriptedPublisher('facebook:alcaldia', [{ error: refused() }]),
      new ScriptedPublisher('x:alcaldia', [{ error: duplicate() }]),
    ]);
    const c = await submitAndApprove(b.app, TEXT, 'console');
    expect(c.state).toBe('partially_published');
    const message = estadoDetail(c, ZONE);
    expect(await messageProblems(message)).toEqual([]);
    expect(message.text).toContain('destino falló (Facebook · Alcaldía)');
    expect(message.text).toContain('publicación terminada (Publicado parcialmente)');
    expect(message.text).not.toMatch(/bad_request|duplicate|partially_published|x:alcaldia/);
  });
});
