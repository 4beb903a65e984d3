import { afterEach, describe, expect, it } from 'vitest';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import type { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { t } from '../../../src/messages/index.ts';
import { PublishError } from '../../../src/publish/port.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { startBot, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { ScriptedPublisher } from '../../fakes/scripted-publisher.ts';
import { comunicadoIn, content } from '../../fixtures/comunicados.ts';

/**
 * A bot killed at the wrong instant, restarted on the same data folder: the store holds
 * the comunicado exactly as the crash left it (found by the crash-point runner,
 * `npm run chaos`). Nobody is asked anything; the bot carries on by itself.
 */

let bot: Bot | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await bot?.stop();
  await cleanup?.();
  bot = undefined;
  cleanup = undefined;
});

const DESTS = ['portal:noticia', 'facebook:alcaldia'] as const;

async function crashedWith(c: Comunicado, clock: ReturnType<typeof virtualClock>) {
  const dir = await tempDir('recover-stuck-');
  cleanup = dir.cleanup;
  const first = await LowdbStore.open(dir.dir, { now: clock.now });
  await first.create(c);
  await first.close(); // the process died here
  const portal = new ScriptedPublisher('portal:noticia');
  const fb = new ScriptedPublisher('facebook:alcaldia');
  const chat = new RecordingChat();
  bot = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [chat], publishers: [portal, fb], clock });
  await bot.app.idle();
  return { portal, fb, chat, store: bot.store };
}

const origin = { platform: 'console' as const, channel: 'comunicados' };

describe('start-up resumes a comunicado a crash left without deliveries', () => {
  it('killed between the saved approval and the start of publishing («Aprobado»): published once at start-up, summary posted, author told', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const c = comunicadoIn('approved', { origin, content: content({ destinations: [...DESTS] }) });
    const { portal, fb, chat, store } = await crashedWith(c, clock);
    const after = (await store.get(c.id))!;
    expect(after.state).toBe('published');
    expect(portal.created).toHaveLength(1);
    expect(fb.created).toHaveLength(1);
    expect(chat.posts.filter((p) => p.message.text.startsWith(`📣 ${c.id}`))).toHaveLength(1);
    expect(chat.texts().filter((x) => x.startsWith(t('reply.author_published', { id: c.id, title: c.content.title })))).toHaveLength(1);
  });

  it('killed after «Publicando» was saved and before any delivery existed: the deliveries are created and run once', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const c = comunicadoIn('publishing', { origin, content: content({ destinations: [...DESTS] }) });
    const { portal, fb, store } = await crashedWith(c, clock);
    const after = (await store.get(c.id))!;
    expect(after.state).toBe('published');
    expect(Object.values(after.deliveries).map((d) => d.state)).toEqual(['done', 'done']);
    expect(portal.created).toHaveLength(1);
    expect(fb.created).toHaveLength(1);
  });

  it('a scheduled comunicado started by the scheduler and killed before its deliveries existed: published once, not twice by the next tick', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    // start_publishing took it out of `scheduled` (and dropped scheduledFor) in the write the crash kept.
    const c = comunicadoIn('publishing', { origin, content: content({ destinations: [...DESTS], publishAt: '2026-03-10T14:00:00Z' }) });
    const { portal, fb, store } = await crashedWith(c, clock);
    const scheduler = bot!.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
    clock.advance(60_000);
    await scheduler.tick();
    await bot!.app.idle();
    expect((await store.get(c.id))!.state).toBe('published');
    expect(portal.created).toHaveLength(1);
    expect(fb.created).toHaveLength(1);
  });

  it('«Publicando» with every delivery already done (killed before the final state was saved): settled, nothing republished', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const c = comunicadoIn('publishing', { origin, content: content({ destinations: ['facebook:alcaldia'] }) });
    c.deliveries['facebook:alcaldia'] = { destination: 'facebook:alcaldia', state: 'done', attempts: 1, dryRun: false, remoteId: '111_1', url: 'https://www.facebook.com/111/posts/1' };
    const { fb, chat, store } = await crashedWith(c, clock);
    expect((await store.get(c.id))!.state).toBe('published');
    expect(fb.calls).toHaveLength(0);
    expect(chat.posts.filter((p) => p.message.text.startsWith(`📣 ${c.id}`))).toHaveLength(1);
  });
});

describe('a comunicado the start-up recovery settles by itself', () => {
  it('an interrupted create call the lookup finds at start-up: summary with the link posted once, author told once', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const sentAt = clock.now().toISOString();
    const c = comunicadoIn('publishing', { origin, content: content({ destinations: ['facebook:alcaldia'] }) });
    c.deliveries['facebook:alcaldia'] = { destination: 'facebook:alcaldia', state: 'in_flight', attempts: 1, dryRun: false, startedAt: sentAt, sentAt };
    const dir = await tempDir('recover-settled-');
    cleanup = dir.cleanup;
    const first = await LowdbStore.open(dir.dir, { now: clock.now });
    await first.create(c);
    await first.close();

    const fb = new ScriptedPublisher('facebook:alcaldia');
    fb.reconcileAnswer = { remoteId: '111_222', url: 'https://www.facebook.com/111/posts/pfbid0222' };
    const chat = new RecordingChat();
    clock.advance(5_000);
    bot = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [chat], publishers: [fb], clock });
    await bot.app.idle();
    const scheduler = bot.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
    clock.advance(60_000);
    await scheduler.tick(); // a later tick has nothing left to say
    await bot.app.idle();

    const after = (await bot.store.get(c.id))!;
    expect(after.state).toBe('published');
    expect(after.deliveries['facebook:alcaldia']).toMatchObject({ state: 'done', url: 'https://www.facebook.com/111/posts/pfbid0222' });
    const summaries = chat.posts.filter((p) => p.message.text.startsWith(`📣 ${c.id}`));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.message.text).toContain('https://www.facebook.com/111/posts/pfbid0222');
    expect(chat.texts().filter((x) => x.startsWith(t('reply.author_published', { id: c.id, title: c.content.title })))).toHaveLength(1);
    expect(after.authorToldOutcome?.state).toBe('published');
    expect(fb.calls).toHaveLength(0);
  });
});

describe('a create call cut off in a live run (reset, timeout after acting)', () => {
  it('is looked up instead of asked: not found within the settle window stays verifying, then found by a later tick; nobody asked, never re-posted', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const dir = await tempDir('cut-off-');
    cleanup = dir.cleanup;
    const cut = new PublishError('unknown', 'network', 'Se cortó la conexión con el portal; no se sabe si quedó publicado.');
    const portal = new ScriptedPublisher('portal:noticia', [{ error: cut }]);
    portal.reconcileAnswer = null; // not listed yet
    const chat = new RecordingChat();
    bot = await startBot({ dataDir: dir.dir, config: testConfig({ publishing: { settleSeconds: { portal: 30 }, lookupEverySeconds: 5 } }), chats: [chat], publishers: [portal], clock });
    const c = comunicadoIn('approved', { origin, content: content({ destinations: ['portal:noticia'] }) });
    await bot.store.create(c);
    await bot.app.services.comunicados.publishNow(c.id);
    expect((await bot.store.get(c.id))!.deliveries['portal:noticia']!.state).toBe('verifying');
    expect(chat.texts().some((x) => x.includes('/confirmar'))).toBe(false);

    portal.reconcileAnswer = { remoteId: '42', url: 'https://portal.test/c-2026-0001' };
    clock.advance(10_000);
    const scheduler = bot.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
    await scheduler.tick();
    await bot.app.idle();
    const after = (await bot.store.get(c.id))!;
    expect(after.deliveries['portal:noticia']).toMatchObject({ state: 'done', url: 'https://portal.test/c-2026-0001' });
    expect(after.state).toBe('published');
    expect(portal.calls).toHaveLength(1); // one create call, the cut one; never sent again
  });

  it('still absent once the settle window passed: failed (safe to retry), not a question', async () => {
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const dir = await tempDir('cut-off-');
    cleanup = dir.cleanup;
    const portal = new ScriptedPublisher('portal:noticia', [{ error: new PublishError('unknown', 'network', 'Se cortó la conexión.') }]);
    portal.reconcileAnswer = null;
    bot = await startBot({ dataDir: dir.dir, config: testConfig({ publishing: { settleSeconds: { portal: 30 }, lookupEverySeconds: 5 } }), chats: [new RecordingChat()], publishers: [portal], clock });
    const c = comunicadoIn('approved', { origin, content: content({ destinations: ['portal:noticia'] }) });
    await bot.store.create(c);
    await bot.app.services.comunicados.publishNow(c.id);
    const scheduler = bot.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
    clock.advance(31_000);
    await scheduler.tick();
    await bot.app.idle();
    const after = (await bot.store.get(c.id))!;
    expect(after.deliveries['portal:noticia']).toMatchObject({ state: 'failed', error: { code: 'not_created' } });
    expect(after.state).toBe('failed');
  });
});
