import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approvalExtension, inQuietHours, type ApprovalExtension } from '../../../src/approval/extension.ts';
import { createApp, type App } from '../../../src/app.ts';
import { readEnv } from '../../../src/config/env.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Actor } from '../../../src/domain/comunicado.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { Clock, MAIL_FROM, tempDir } from '../media-email/helpers.ts';

/**
 * Issue 17 item 4: an approval still missing after 2 h reminds, once, the approvers who
 * still have to act, never between 21:00 and 07:00 office time; a scheduled comunicado
 * still missing approval 1 h before its time warns the author. The injected clock moves;
 * the bot is stopped and started again on the same DATA_DIR in between.
 */

const REDACTORA: Actor = { platform: 'console', userId: 'redactora', name: 'Redactora' };
const JEFE: Actor = { platform: 'console', userId: 'jefe', name: 'Jefe' };
const DESPACHO_EMAIL = 'despacho@ibague.gov.co';

const CONFIG = {
  office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', timezone: 'America/Bogota' },
  publicUrl: 'https://prensa.ibague.gov.co',
  approval: {
    approvers: { console: ['jefe'] },
    groups: {
      despacho: {
        label: 'Despacho del Alcalde',
        members: [
          { name: 'Secretaría de Despacho', email: DESPACHO_EMAIL },
          { name: 'Asesor de Despacho', console: 'asesor', link: 'dm' },
        ],
      },
    },
    rules: [{ identities: ['alcalde'], require: [{ group: 'despacho' }] }],
  },
};

/** Bogotá is UTC−5 all year. */
const bogota = (local: string) => Date.parse(`${local}-05:00`);

let smtp: SmtpFake;
let data: Awaited<ReturnType<typeof tempDir>>;
let clock: Clock;
let running: { app: App; chat: RecordingChat; ext: ApprovalExtension; store: LowdbStore } | undefined;

async function startBot(config: Record<string, unknown> = CONFIG) {
  const dataDir = join(data.dir, 'data');
  const store = await LowdbStore.open(dataDir);
  const chat = new RecordingChat();
  let ext: ApprovalExtension | undefined;
  const app = createApp({
    env: readEnv({ DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM }),
    config: parseConfig(config),
    store,
    chats: [chat],
    logger: silentLogger(),
    now: clock.now,
    sleep: async () => {},
    extensions: (s) => [(ext = approvalExtension(s, { tickMs: 3_600_000 }))],
  });
  await app.start();
  running = { app, chat, ext: ext!, store };
  return running;
}

async function stopBot() {
  if (!running) return;
  await running.app.idle();
  await running.app.stop();
  await running.store.close();
  running = undefined;
}

/** Stops the bot and starts a new process's worth of it on the same DATA_DIR. */
async function restart() {
  await stopBot();
  return startBot();
}

beforeEach(async () => {
  smtp = new SmtpFake();
  await smtp.start();
  data = await tempDir('approval-reminders-');
});

afterEach(async () => {
  await stopBot();
  await smtp.stop();
  await data.cleanup();
});

const reminders = (chat: RecordingChat) => chat.posts.filter((p) => p.message.text.startsWith('⏰ Recordatorio'));

describe('approval reminders (issue 17)', () => {
  it('waits 2 h, holds through the night, reminds once at 07:00 only those who still have to act, across restarts', async () => {
    clock = new Clock(bogota('2026-12-01T19:00:00'));
    let bot = await startBot();
    const c = await bot.app.services.comunicados.submit({
      text: 'El alcalde presenta el plan de movilidad\n\nLa presentación es el jueves.\ndestinos: x:alcalde, portal',
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados', messageId: 'u1' },
    });
    // The links went out at once: by email and by DM.
    await smtp.waitFor(1);
    expect(smtp.to(DESPACHO_EMAIL)[0]!.parsed.text).toMatch(/https:\/\/prensa\.ibague\.gov\.co\/aprobacion\/[A-Za-z0-9_-]{43}/);
    expect(bot.chat.dms.map((d) => d.userId)).toEqual(['asesor']);
    expect(bot.chat.dms[0]!.message.text).toContain('https://prensa.ibague.gov.co/aprobacion/');
    // The Jefe approves in the chat; the Despacho still has to.
    await bot.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);

    clock.advance(3600); // 20:00: only one hour
    await bot.ext.tick();
    expect(reminders(bot.chat)).toEqual([]);

    bot = await restart();
    clock.ms = bogota('2026-12-01T21:30:00'); // two and a half hours, but night
    await bot.ext.tick();
    clock.ms = bogota('2026-12-02T06:59:00');
    await bot.ext.tick();
    expect(reminders(bot.chat)).toEqual([]);
    expect(smtp.received).toHaveLength(1);

    bot = await restart();
    clock.ms = bogota('2026-12-02T07:00:00');
    await bot.ext.tick();
    const [reminder, ...more] = reminders(bot.chat);
    expect(more).toEqual([]);
    expect(reminder!.message.text).toBe(
      `⏰ Recordatorio: el comunicado ${c.id} «El alcalde presenta el plan de movilidad» espera aprobación desde hace 12 h. Falta: Despacho del Alcalde (Secretaría de Despacho, Asesor de Despacho) para X · Alcalde`,
    );
    expect(reminder!.message.mentions ?? []).not.toContain('jefe'); // the Jefe already approved
    await smtp.waitFor(2);
    expect(smtp.to(DESPACHO_EMAIL)[1]!.parsed.subject).toBe(`Recordatorio: falta su aprobación de ${c.id} «El alcalde presenta el plan de movilidad»`);
    expect(bot.chat.dms.map((d) => d.userId)).toEqual(['asesor']);
    expect((await bot.store.get(c.id))!.audit.filter((a) => a.action === 'approval_reminder')).toHaveLength(1);

    // Once: not again after another restart, nor hours later.
    bot = await restart();
    await bot.ext.tick();
    clock.advance(5 * 3600);
    await bot.ext.tick();
    expect(reminders(bot.chat)).toEqual([]);
    expect(smtp.received).toHaveLength(2);
  }, 60_000);

  it('an edit starts the wait over (a new version is a new request)', async () => {
    clock = new Clock(bogota('2026-12-01T08:00:00'));
    const bot = await startBot();
    const c = await bot.app.services.comunicados.submit({
      text: 'El alcalde visita Picaleña\n\nRecorrido por las obras.\ndestinos: facebook:alcalde',
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados', messageId: 'u2' },
    });
    clock.advance(90 * 60);
    await bot.app.services.comunicados.edit(c.id, { text: 'El alcalde visita Picaleña y El Salado', files: [], actor: REDACTORA, origin: { platform: 'console', channel: 'comunicados' } });
    clock.advance(60 * 60); // 2 h 30 min after the submission, 1 h after the edit
    await bot.ext.tick();
    expect(reminders(bot.chat)).toEqual([]);
    clock.advance(60 * 60);
    await bot.ext.tick();
    expect(reminders(bot.chat)).toHaveLength(1);
    expect(reminders(bot.chat)[0]!.message.mentions).toEqual(['jefe']);
  }, 60_000);

  it('a scheduled comunicado still waiting 1 h before its time warns the author, once, across a restart', async () => {
    clock = new Clock(bogota('2026-12-01T08:00:00'));
    let bot = await startBot();
    const c = await bot.app.services.comunicados.submit({
      text: 'El alcalde firma el convenio con el SENA\n\nFirma en el Palacio Municipal.\nprogramar: 2026-12-01 10:00\ndestinos: x:alcalde',
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados', messageId: 'u3' },
    });
    const warnings = (chat: RecordingChat) => chat.posts.filter((p) => p.message.text.startsWith('⚠️ El comunicado'));
    clock.ms = bogota('2026-12-01T08:59:00');
    await bot.ext.tick();
    expect(warnings(bot.chat)).toEqual([]);
    bot = await restart();
    clock.ms = bogota('2026-12-01T09:00:00');
    await bot.ext.tick();
    const [warning] = warnings(bot.chat);
    expect(warning!.message.text).toBe(
      `⚠️ El comunicado ${c.id} está programado para el 1 de diciembre de 2026, 10:00 y todavía no tiene todas las aprobaciones. Falta: Jefe de Oficina (jefe) para X · Alcalde; Despacho del Alcalde (Secretaría de Despacho, Asesor de Despacho) para X · Alcalde. Si no se aprueba a tiempo, no se publicará a esa hora.`,
    );
    expect(warning!.message.mentions).toEqual(['redactora']);
    expect(warning!.target).toEqual({ channel: 'comunicados', threadId: 'u3' });
    bot = await restart();
    clock.advance(10 * 60);
    await bot.ext.tick();
    expect(warnings(bot.chat)).toEqual([]);
  }, 60_000);

  it('without publicUrl no link can go out: the thread says so, and nothing is sent', async () => {
    clock = new Clock(bogota('2026-12-01T08:00:00'));
    const { publicUrl: _omitted, ...noUrl } = CONFIG;
    const bot = await startBot(noUrl);
    const c = await bot.app.services.comunicados.submit({
      text: 'El alcalde recibe a los deportistas\n\nCeremonia en la plaza.\ndestinos: x:alcalde',
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados', messageId: 'u4' },
    });
    expect(bot.chat.texts()).toContain(
      `⚠️ No se pudo enviar el enlace de aprobación de ${c.id} a Secretaría de Despacho: falta publicUrl en la configuración (la dirección pública del bot).`,
    );
    expect(smtp.received).toEqual([]);
    expect(bot.chat.dms).toEqual([]);
  }, 60_000);

  it('quiet hours: from 21:00 until 07:00 office time', () => {
    const quiet = (local: string) => inQuietHours(new Date(bogota(local)), 'America/Bogota', 21, 7);
    expect([quiet('2026-12-01T20:59:00'), quiet('2026-12-01T21:00:00'), quiet('2026-12-02T03:00:00'), quiet('2026-12-02T06:59:00'), quiet('2026-12-02T07:00:00')]).toEqual([false, true, true, true, false]);
  });
});
