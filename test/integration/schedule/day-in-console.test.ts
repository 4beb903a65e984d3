import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readHandoff } from '../../../src/handoff/record.ts';
import { ConsoleAdapter } from '../../../src/chat/console/adapter.ts';
import { startBot, tempDir, testConfig, type Bot } from '../../fakes/handoff/app.ts';

const FAKE = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const;

const SUBMISSION = [
  '/comunicado',
  'Ibagué estrena 120 luminarias LED en el barrio Jordán',
  '',
  'La Secretaría de Infraestructura instaló 120 luminarias que mejoran la seguridad de 3.000 habitantes.',
  '',
  'Las obras tomaron seis semanas. #IbaguéBrilla',
  'destinos: portal, facebook',
  'programar: 2026-03-03 10:00',
  '.',
];

/**
 * "Done when" of issue 7: one day in the console chat with fake time. A comunicado
 * scheduled for 10:00 publishes at its hour, every member gets their hand-off, two
 * confirm, the third is reminded, and the next morning's digest reports it with coverage.
 */
describe('a day in the console', () => {
  let dir: { dir: string; cleanup(): Promise<void> };
  let bot: Bot;
  let input: PassThrough;
  let out = '';

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: [...FAKE] });
    vi.setSystemTime(new Date('2026-03-03T13:00:00Z')); // Tuesday 08:00 in Ibagué
    dir = await tempDir('day-');
    input = new PassThrough();
    const output = new PassThrough();
    output.on('data', (d) => (out += d.toString()));
    const chat = new ConsoleAdapter({ input, output, user: 'redactora', channel: 'comunicados' });
    bot = await startBot({
      dataDir: dir.dir,
      config: testConfig({
        team: {
          reminderAfterMinutes: 120,
          members: [{ name: 'Ana María Pérez' }, { name: 'Luis Rojas' }, { name: 'Marta Gómez' }],
        },
        digest: { time: '07:00' },
      }),
      chats: [chat],
    });
  });
  afterEach(async () => {
    input.end();
    await bot.stop();
    vi.useRealTimers();
    await dir.cleanup();
  });

  /** Lets the console, the store and background work finish (real I/O, fake clock). */
  async function settle(until?: () => boolean): Promise<void> {
    // Real elapsed time bounds the wait (the clock the bot sees is fake).
    const start = performance.now();
    for (let i = 0; performance.now() - start < 15_000; i++) {
      await new Promise((r) => setImmediate(r));
      await bot.app.idle();
      if (until ? until() : i > 50) return;
    }
    throw new Error(`console did not get there; output so far:\n${out}`);
  }

  /** Types lines into the console and waits until the bot's answer contains `answer`. */
  async function type(lines: string[], answer: string): Promise<void> {
    const before = out.length;
    input.write(`${lines.join('\n')}\n`);
    await settle(() => out.slice(before).includes(answer));
  }

  async function advance(ms: number): Promise<void> {
    for (let done = 0; done < ms; done += 60_000) {
      await vi.advanceTimersByTimeAsync(Math.min(60_000, ms - done));
      await settle(() => true);
    }
    await settle();
  }

  /** The console ref (m12) of the bot message whose text contains `needle`. */
  function refOf(needle: string): string {
    const blocks = out.split('┌─ bot [').slice(1);
    const block = blocks.find((b) => b.includes(needle));
    if (!block) throw new Error(`no message with «${needle}»`);
    return block.slice(0, block.indexOf(']'));
  }

  it('schedules, publishes at 10:00, hands off, reminds and reports the next morning', async () => {
    const id = 'C-2026-0001';
    await type(SUBMISSION, `Nuevo comunicado para aprobación: ${id}`);
    const preview = refOf('Nuevo comunicado para aprobación');
    await type(['/como jefe', `/reaccionar ${preview} ✅`], '3 de marzo de 2026, 10:00');
    expect((await bot.store.get(id))!.state).toBe('scheduled');

    // 09:59: nothing yet.
    await advance(119 * 60_000);
    expect(out).not.toContain('Hola, Ana María Pérez');
    // 10:01: published, and every member got their hand-off.
    await advance(2 * 60_000);
    const c = (await bot.store.get(id))!;
    expect(c.state).toBe('published');
    expect(Date.parse(c.publishedAt!) - Date.parse('2026-03-03T15:00:00Z')).toBeLessThan(30_000);
    for (const name of ['Ana María Pérez', 'Luis Rojas', 'Marta Gómez']) expect(out).toContain(`Hola, ${name}. Se publicó «${c.content.title}»`);
    expect(out).toContain('utm_content=marta-gomez');
    expect(out).toContain('https://wa.me/?text=*Ibagu%C3%A9%20estrena');
    expect(out).toContain(`📲 Difusión por WhatsApp de ${id}: mensaje enviado a 3 de 3 integrantes del equipo.`);

    // Ana presses the button, Luis reacts ✅ to his message.
    await type(['/como ana-maria-perez', `/boton compartido ${id}`], `¡Gracias, Ana María Pérez! Quedó registrado que compartió ${id}.`);
    const luisDm = refOf('Hola, Luis Rojas');
    await type(['/como luis-rojas', `/reaccionar ${luisDm} ✅`], `¡Gracias, Luis Rojas! Quedó registrado que compartió ${id}.`);

    // 12:01: the gentle reminder goes to Marta only.
    await advance(2 * 3_600_000);
    const reminders = out.split('┌─ bot [').filter((b) => b.includes('⏰ Recordatorio amable'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toContain('Hola, Marta Gómez.');

    // Wednesday 07:00: the morning digest reports it, coverage included.
    const beforeDigest = out.length;
    await advance(19 * 3_600_000);
    const digest = out.slice(beforeDigest);
    expect(digest).toContain('☀️ Resumen de la mañana · miércoles 4 de marzo');
    expect(digest).toContain(`• ${id} «${c.content.title}» — publicado`);
    expect(digest).toContain('Portal · noticia: file://');
    expect(digest).toContain(`• ${id} «${c.content.title}»: compartieron 2 de 3`);
    expect(digest).toContain('Compartieron: Ana María Pérez, Luis Rojas');
    expect(digest).toContain('Falta: Marta Gómez');
    expect(digest.split('☀️ Resumen de la mañana')).toHaveLength(2);
    const rec = (await readHandoff(bot.store, id))!;
    expect(Object.values(rec.members).map((m) => m.dm.state)).toEqual(['sent', 'sent', 'sent']);
  });
});
