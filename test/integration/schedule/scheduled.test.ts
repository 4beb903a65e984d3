import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { schedulerExtension } from '../../../src/schedule/scheduler.ts';
import { JEFE, startBot, tempDir, testConfig, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal, type PortalState } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

const FAKE = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

const TEXT = ['Feria del libro en la plaza de Bolívar', '', 'Del 3 al 8 de marzo, entrada libre.', 'programar: 2026-03-03 10:00', 'destinos: portal'].join('\n');

function schedulerOf(b: Bot) {
  return b.app.extensions.find((e) => e.name === 'scheduler') as ReturnType<typeof schedulerExtension>;
}

describe('scheduled publishing', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  let portal: PortalState;
  const bots: Bot[] = [];

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: [...FAKE] });
    vi.setSystemTime(new Date('2026-03-03T14:00:00Z')); // 09:00 in Ibagué
    dir = await tempDir('sched-');
    inbox = newInbox();
    portal = newPortal();
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop().catch(() => {});
    vi.useRealTimers();
    await dir.cleanup();
  });

  async function bot(): Promise<Bot> {
    const b = await startBot({ dataDir: dir.dir, config: testConfig(), chats: [new RecordingChat({ inbox })], publishers: fakePortalPublishers(portal) });
    bots.push(b);
    await b.app.idle();
    return b;
  }

  async function advance(b: Bot, ms: number): Promise<void> {
    for (let done = 0; done < ms; done += 10_000) {
      await vi.advanceTimersByTimeAsync(Math.min(10_000, ms - done));
      await b.app.idle();
    }
  }

  async function schedule(b: Bot): Promise<string> {
    const c = await b.app.services.comunicados.submit({ text: TEXT, files: [], actor: { platform: 'slack', userId: 'UREDACTORA' }, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M1' } });
    const after = await b.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    expect(after.state).toBe('scheduled');
    expect(after.scheduledFor).toBe('2026-03-03T15:00:00Z');
    return c.id;
  }

  it('waits for its hour (America/Bogota) and publishes then, once', async () => {
    const b = await bot();
    const id = await schedule(b);
    await b.app.handle({ type: 'command', name: 'estado', text: id, files: [], eventKey: 'e1', actor: JEFE, origin: { platform: 'slack', channel: 'CCOM', messageId: 'M9' } });
    expect(inbox.posts.at(-1)!.message.text).toContain('3 de marzo de 2026, 10:00');

    await advance(b, 59 * 60_000 + 30_000); // 09:59:30
    expect(portal.publishes).toHaveLength(0);
    // Two ticks at the same moment (interval and a manual one) still start it once.
    await advance(b, 40_000); // 10:00:10
    await Promise.all([schedulerOf(b).tick(), schedulerOf(b).tick()]);
    await b.app.idle();
    await advance(b, 5 * 60_000);
    expect(portal.publishes).toEqual([{ destination: 'portal:noticia', comunicado: id, at: expect.any(Number) }]);
    expect(portal.publishes[0]!.at - Date.parse('2026-03-03T15:00:00Z')).toBeLessThanOrEqual(20_000);
    const c = (await b.store.get(id))!;
    expect(c.state).toBe('published');
    expect(c.audit.some((a) => a.action === 'late_publish')).toBe(false);
  });

  it('is published once across a restart, late, with a note saying how late', async () => {
    let b = await bot();
    const id = await schedule(b);
    await advance(b, 30 * 60_000); // 09:30: still waiting
    await b.stop();
    bots.length = 0;

    // The bot was down until 13:15.
    vi.setSystemTime(new Date('2026-03-03T18:15:00Z'));
    b = await bot();
    await advance(b, 60_000);
    expect(portal.publishes).toHaveLength(1);
    const c = (await b.store.get(id))!;
    expect(c.state).toBe('published');
    expect(c.audit.find((a) => a.action === 'late_publish')?.detail).toBe('3 h 15 min tarde (programado para 3 de marzo de 2026, 10:00)');
    expect(inbox.posts.map((p) => p.message.text)).toContain(`⏰ ${id} se publica con 3 h 15 min de retraso: el bot estaba detenido a la hora programada (3 de marzo de 2026, 10:00).`);

    // Restarting again publishes nothing more.
    await b.stop();
    bots.length = 0;
    b = await bot();
    await advance(b, 5 * 60_000);
    expect(portal.publishes).toHaveLength(1);
    expect((await b.store.get(id))!.audit.filter((a) => a.action === 'late_publish')).toHaveLength(1);
  });

  it('skips a scheduled comunicado withdrawn before its hour', async () => {
    const b = await bot();
    const id = await schedule(b);
    await b.app.services.comunicados.withdraw(id, 'se aplazó la feria', JEFE);
    await advance(b, 2 * 3_600_000);
    expect(portal.publishes).toHaveLength(0);
    expect((await b.store.get(id))!.state).toBe('withdrawn');
  });
});
