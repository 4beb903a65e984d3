import { afterEach, describe, expect, it } from 'vitest';
import type { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { startBot, tempDir, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { ScriptedPublisher } from '../../fakes/scripted-publisher.ts';
import { comunicadoIn, content } from '../../fixtures/comunicados.ts';

let bot: Bot | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await bot?.stop();
  await cleanup?.();
  bot = undefined;
});

describe('the scheduler re-runs due lookups on the app clock', () => {
  it('after a restart the delivery is verified by itself: found on a later tick, its link shown, the thread told', async () => {
    const dir = await tempDir('verify-');
    cleanup = dir.cleanup;
    const clock = virtualClock('2026-03-10T15:00:00Z');
    const sentAt = clock.now().toISOString();
    const store = await LowdbStore.open(dir.dir, { now: clock.now });
    const c = comunicadoIn('publishing', { origin: { platform: 'console', channel: 'comunicados' }, content: content({ destinations: ['facebook:alcaldia'] }) });
    c.deliveries['facebook:alcaldia'] = { destination: 'facebook:alcaldia', state: 'in_flight', attempts: 1, dryRun: false, startedAt: sentAt, sentAt };
    await store.create(c);

    const fb = new ScriptedPublisher('facebook:alcaldia');
    fb.reconcileAnswer = null; // not listed yet
    const chat = new RecordingChat();
    clock.advance(3000);
    bot = await startBot({ dataDir: dir.dir, config: testConfig({ publishing: { settleSeconds: { facebook: 120 }, lookupEverySeconds: 15 } }), chats: [chat], publishers: [fb], store, clock });
    const scheduler = bot.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
    expect((await store.get(c.id))!.deliveries['facebook:alcaldia']!.state).toBe('verifying');

    fb.reconcileAnswer = { remoteId: '111_222', url: 'https://www.facebook.com/111/posts/pfbid0222' };
    await scheduler.tick(); // not due yet (15 s after the first lookup)
    expect((await store.get(c.id))!.deliveries['facebook:alcaldia']!.state).toBe('verifying');
    clock.advance(15_000);
    await scheduler.tick();
    const after = (await store.get(c.id))!;
    expect(after.deliveries['facebook:alcaldia']).toMatchObject({ state: 'done', url: 'https://www.facebook.com/111/posts/pfbid0222' });
    expect(after.state).toBe('published');
    expect(chat.posts.some((p) => p.message.text.startsWith(`📣 ${c.id}`) && p.message.text.includes('https://www.facebook.com/111/posts/pfbid0222'))).toBe(true);
    expect(fb.calls).toHaveLength(0); // never published again
  });
});
