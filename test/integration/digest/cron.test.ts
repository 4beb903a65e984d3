import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { digestExtension } from '../../../src/digest/extension.ts';
import { startBot, tempDir, testConfig, type Bot } from '../../fakes/handoff/app.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

// Timers and Date are fake; setImmediate and I/O stay real so the lowdb store works.
const FAKE = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const };

function digestOf(bot: Bot) {
  return bot.app.extensions.find((e) => e.name === 'digest') as ReturnType<typeof digestExtension>;
}

describe('daily digest on node-cron (America/Bogota)', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  const bots: Bot[] = [];

  beforeEach(async () => {
    vi.useFakeTimers({ ...FAKE, toFake: [...FAKE.toFake] });
    // Tuesday 3 March 2026, 06:00 in Ibagué.
    vi.setSystemTime(new Date('2026-03-03T11:00:00Z'));
    dir = await tempDir('cron-');
    inbox = newInbox();
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop().catch(() => {});
    vi.useRealTimers();
    await dir.cleanup();
  });

  async function bot(chat = new RecordingChat({ inbox })): Promise<Bot> {
    const b = await startBot({ dataDir: dir.dir, config: testConfig({ digest: { time: '07:00' } }), chats: [chat] });
    bots.push(b);
    await b.app.idle();
    await digestOf(b).runner.idle();
    return b;
  }

  const digests = () => inbox.posts.filter((p) => p.target.channel === 'CDIG' && p.message.text.startsWith('☀️'));

  /** Moves fake time forward, letting cron fire and the store write for real. */
  async function advance(b: Bot, ms: number): Promise<void> {
    const step = 60_000;
    for (let done = 0; done < ms; done += step) {
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - done));
      await b.app.idle();
      await digestOf(b).runner.idle();
    }
  }

  it('fires at 07:00 in Ibagué (12:00 UTC), once a day, on a first start that sends nothing missed', async () => {
    const b = await bot();
    expect(digests()).toHaveLength(0); // first start ever: nothing was "missed"
    await advance(b, 59 * 60_000); // 06:59
    expect(digests()).toHaveLength(0);
    await advance(b, 2 * 60_000); // 07:01
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.at).toBeGreaterThanOrEqual(Date.parse('2026-03-03T12:00:00Z'));
    expect(digests()[0]!.at).toBeLessThan(Date.parse('2026-03-03T12:01:00Z'));
    await advance(b, 24 * 3_600_000);
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.message.text.startsWith('☀️ Resumen de la mañana · miércoles 4 de marzo')).toBe(true);
  });

  it('sends a digest missed while the bot was down once at start-up, not once per missed day', async () => {
    let b = await bot();
    await advance(b, 61 * 60_000); // Tuesday's digest goes out
    expect(digests()).toHaveLength(1);
    await b.stop();
    bots.length = 0;

    // Down from Tuesday 07:01 until Friday 09:30 (Wednesday, Thursday and Friday missed).
    vi.setSystemTime(new Date('2026-03-06T14:30:00Z'));
    b = await bot();
    expect(digests()).toHaveLength(2);
    const late = digests()[1]!.message.text;
    expect(late).toContain('Este resumen debía salir el 6 de marzo de 2026, 07:00; el bot estaba detenido a esa hora.');
    await advance(b, 2 * 3_600_000);
    expect(digests()).toHaveLength(2);

    // Another restart the same day: already sent.
    await b.stop();
    bots.length = 0;
    b = await bot();
    expect(digests()).toHaveLength(2);
    // Saturday 07:00: the cron goes on as usual.
    await advance(b, 22 * 3_600_000);
    expect(digests()).toHaveLength(3);
    expect(digests()[2]!.message.text).not.toContain('debía salir');
  });

  it('never runs two digests at once', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding = false;
    const chat = new RecordingChat({
      inbox,
      beforePost: async (target) => {
        if (target.channel === 'CDIG' && !holding) {
          holding = true;
          await held;
        }
      },
    });
    const b = await bot(chat);
    const runner = digestOf(b).runner;
    // Cron fires at 07:00 and is held mid-post...
    await vi.advanceTimersByTimeAsync(60 * 60_000 + 1000);
    expect(runner.running).toBe(true);
    // ...while a start-up catch-up for the same slot and a second cron call come in,
    const more = [runner.catchUp(), runner.runDaily(runner.latestSlot())];
    // and someone asks /digest.
    await b.app.handle({ type: 'command', name: 'digest', text: '', files: [], eventKey: 'd1', actor: { platform: 'slack', userId: 'UJEFE' }, origin: { platform: 'slack', channel: 'CCOM', messageId: '5' } });
    expect(inbox.posts.at(-1)!.message.text).toBe('Ya se está preparando un resumen; llegará en un momento.');
    release();
    expect(await Promise.all(more)).toEqual([false, false]);
    await runner.idle();
    expect(digests()).toHaveLength(1);
    expect(inbox.posts.filter((p) => p.message.text.startsWith('📋'))).toHaveLength(0);
  });

  it('carries the weekly chart on Mondays only', async () => {
    vi.setSystemTime(new Date('2026-03-01T11:00:00Z')); // Sunday 06:00
    const b = await bot();
    await advance(b, 61 * 60_000); // Sunday's digest
    expect(digests()).toHaveLength(1);
    expect(inbox.uploads).toHaveLength(0);
    await advance(b, 24 * 3_600_000); // Monday's digest
    expect(digests()).toHaveLength(2);
    expect(inbox.uploads).toHaveLength(1);
    expect(inbox.uploads[0]!.target).toEqual({ channel: 'CDIG' });
    expect(inbox.uploads[0]!.file.filename).toBe('semana-2026-03-01.png');
    await advance(b, 24 * 3_600_000); // Tuesday's: no chart
    expect(digests()).toHaveLength(3);
    expect(inbox.uploads).toHaveLength(1);
  });
});
