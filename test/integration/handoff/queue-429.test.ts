import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHandoff } from '../../../src/handoff/record.ts';
import { startBot, submitAndApprove, tempDir, team, testConfig, virtualClock, type Bot } from '../../fakes/handoff/app.ts';
import { fakePortalPublishers, newPortal } from '../../fakes/handoff/portal.ts';
import { RecordingChat, newInbox, type Inbox } from '../../fakes/handoff/recording-chat.ts';

const TEXT = 'Vacunación gratuita este sábado en Ibagué\n\nJornada en 12 puntos de la ciudad. #SaludIbagué';

function countBy(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

describe('50 members through a chat that answers 429', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let inbox: Inbox;
  const bots: Bot[] = [];
  const clock = virtualClock('2026-03-03T15:00:00Z');

  beforeEach(async () => {
    dir = await tempDir('queue-');
    inbox = newInbox();
    clock.set('2026-03-03T15:00:00Z');
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop().catch(() => {});
    await dir.cleanup();
  });

  async function bot(chat: RecordingChat, options: { start?: boolean } = {}): Promise<Bot> {
    const b = await startBot({
      dataDir: dir.dir,
      // No spacing of our own: the chat's 429s are what paces the queue here.
      config: testConfig(team(50, { sendIntervalMs: { slack: 0 } })),
      chats: [chat],
      clock,
      publishers: fakePortalPublishers(newPortal(), clock.ms),
      ...options,
    });
    bots.push(b);
    return b;
  }

  it.each(['slack', 'telegram'] as const)('delivers to all 50, none twice, waiting out each 429 (%s error shape)', async (style) => {
    const chat = new RecordingChat({ inbox, now: clock.ms, dmLimit: { max: 7, windowMs: 3000, style } });
    const b = await bot(chat);
    const start = clock.ms();
    const c = await submitAndApprove(b.app, TEXT);

    const counts = countBy(inbox.dms.map((d) => d.userId));
    expect(counts.size).toBe(50);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(inbox.refused429).toBeGreaterThan(5);
    // The waits were honoured: never more than 7 messages in any 3-second window.
    const times = inbox.dms.map((d) => d.at).sort((a, b) => a - b);
    for (let i = 7; i < times.length; i++) expect(times[i]! - times[i - 7]!).toBeGreaterThanOrEqual(3000);
    expect(clock.ms() - start).toBeGreaterThanOrEqual(18_000);

    const rec = (await readHandoff(b.store, c.id))!;
    const members = Object.values(rec.members);
    expect(members.every((m) => m.dm.state === 'sent' && m.dm.message)).toBe(true);
    expect(members.reduce((n, m) => n + m.dm.attempts, 0)).toBe(50 + inbox.refused429);
    expect(inbox.posts.find((p) => p.message.text.startsWith('📲'))?.message.text).toContain('mensaje enviado a 50 de 50');
  });

  it('resumes after a restart without resending, and never resends a message cut off mid-call', async () => {
    // First run: the 21st message hangs (the process dies during that call).
    const hang = new Promise<never>(() => {});
    let reached21!: () => void;
    const hanging21 = new Promise<void>((r) => (reached21 = r));
    const first = new RecordingChat({
      inbox,
      now: clock.ms,
      beforeDm: (_u, n) => {
        if (n !== 21) return undefined;
        reached21();
        return hang;
      },
    });
    const b1 = await bot(first, { start: false });
    const c = await b1.app.services.comunicados.submit({
      text: TEXT,
      files: [],
      actor: { platform: 'slack', userId: 'UREDACTORA' },
      origin: { platform: 'slack', channel: 'CCOM', messageId: 'M1' },
    });
    await b1.app.services.comunicados.apply(c.id, { type: 'approve' }, { platform: 'slack', userId: 'UJEFE' });
    // The 21st call is now hanging (the chat said so): 20 delivered, one marked in flight.
    await hanging21;
    expect(inbox.dms).toHaveLength(20);
    const before = (await readHandoff(b1.store, c.id))!;
    const hanging = Object.entries(before.members).find(([, m]) => m.dm.state === 'sending');
    expect(hanging).toBeDefined();
    // "Crash": the store is released without a clean stop; the hanging call never returns.
    await b1.store.close();
    bots.length = 0;

    // Second run, same data: resumes the queued ones only.
    const second = new RecordingChat({ inbox, now: clock.ms });
    const b2 = await bot(second);
    await b2.app.idle();

    const counts = countBy(inbox.dms.map((d) => d.userId));
    const hungUser = hanging![1].userId!;
    expect(counts.get(hungUser)).toBeUndefined(); // the cut-off call is not resent...
    expect(counts.size).toBe(49);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const rec = (await readHandoff(b2.store, c.id))!;
    expect(rec.members[hanging![0]]!.dm).toMatchObject({ state: 'unknown', error: 'el bot se detuvo mientras enviaba' });
    // ...and the thread says so, so a person can ask.
    const summary = inbox.posts.find((p) => p.message.text.startsWith('📲'))!.message.text;
    expect(summary).toContain('mensaje enviado a 49 de 50');
    expect(summary).toContain(`❓ No se sabe si les llegó a: ${rec.members[hanging![0]]!.name}`);
    // The reminder later resends the text to that member (it may never have arrived).
    clock.advance(3 * 3_600_000);
    const ext = b2.app.extensions.find((e) => e.name === 'handoff') as unknown as { handoff: { sweep(): Promise<void> } };
    await ext.handoff.sweep();
    await b2.app.idle();
    const reminder = inbox.dms.find((d) => d.userId === hungUser);
    expect(reminder?.message.text).toContain('Por si el mensaje anterior no le llegó');
  });
});
