import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../src/chat/port.ts';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { silentLogger } from '../../../src/util/logger.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { addContacts, FORM, JEFE, makeMediaApp, PRESS_EMAIL, REDACTORA, submitAndApprove, tempDir, type MediaApp } from './helpers.ts';

const A = { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' };
const B = { name: 'Juan Gómez', outlet: 'Ecos del Combeima', email: 'juan@ecosdelcombeima.com', segment: 'radio' };

let seq = 0;
function command(actor: typeof JEFE, name: string, text: string): ChatEvent {
  return { type: 'command', name, text, files: [], eventKey: `unsub-${++seq}`, actor, origin: { platform: 'console', channel: 'comunicados', messageId: `u${seq}` } };
}

describe('unsubscribe: List-Unsubscribe honoured, recorded, and no more sends', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;
  let http: HttpServer;
  let base: string;

  beforeEach(async () => {
    smtp = new SmtpFake();
    await smtp.start();
    data = await tempDir();
    m = await makeMediaApp({ dataDir: join(data.dir, 'data'), smtpUrl: smtp.url, publicUrl: 'https://bot.ibague.gov.co' });
    await addContacts(m, [A, B]);
    // Mounted the way the composition root would: the documented path on the app's HttpServer.
    http = new HttpServer(silentLogger());
    http.route(m.media.unsubscribePath, m.media.unsubscribeHandler);
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  });

  afterEach(async () => {
    await http.close();
    await m.close();
    await smtp.stop();
    await data.cleanup();
  });

  it('puts a one-click URL and a mailto in List-Unsubscribe; GET only asks, the one-click POST unsubscribes', async () => {
    await submitAndApprove(m, `${FORM}\ndestinos: correo`);
    const mail = smtp.to(A.email)[0]!;
    const list = mail.parsed.headers.get('list') as { unsubscribe: { url: string; mail: string }; 'unsubscribe-post': { name: string } };
    expect(list.unsubscribe.url).toMatch(/^https:\/\/bot\.ibague\.gov\.co\/medios\/baja\?t=[A-Za-z0-9_-]{24}$/);
    expect(list.unsubscribe.mail).toBe(`${PRESS_EMAIL}?subject=baja%20maria%40elnuevodia.com.co`);
    // mailparser folds List-Unsubscribe-Post into the `list` header object.
    expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.headerLines.filter((h) => h.key === 'list-unsubscribe')).toHaveLength(1);
    // The footer link of the HTML part is the same URL; each person has their own.
    expect(String(mail.parsed.html)).toContain(`href="${list.unsubscribe.url}"`);
    const other = smtp.to(B.email)[0]!.parsed.headers.get('list') as { unsubscribe: { url: string } };
    expect(other.unsubscribe.url).not.toBe(list.unsubscribe.url);

    const local = `${base}${new URL(list.unsubscribe.url).pathname}${new URL(list.unsubscribe.url).search}`;
    // A link scanner or a preview opening the link changes nothing.
    const get = await fetch(local);
    expect(get.status).toBe(200);
    const page = await get.text();
    expect(page).toContain('<html lang="es-CO">');
    expect(page).toContain('¿Quiere que maria@elnuevodia.com.co deje de recibir los comunicados de prensa');
    expect(page).toContain('<form method="post"');
    expect((await m.media.directory.find(A.email))?.status).toBe('active');

    // RFC 8058 one-click, as a mail provider sends it.
    const post = await fetch(local, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('ya no recibirá comunicados de prensa');
    const contact = await m.media.directory.find(A.email);
    expect(contact?.status).toBe('unsubscribed');
    expect(contact?.unsubscribed?.via).toBe('url');
    expect((await m.media.directory.doc()).log.at(-1)).toMatchObject({ action: 'unsubscribe', email: A.email, detail: 'url' });
    // Idempotent.
    expect((await fetch(local, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(200);

    // An unknown token says nothing about who is on the list.
    const bad = await fetch(`${base}/medios/baja?t=AAAAAAAAAAAAAAAAAAAAAAAA`, { method: 'POST' });
    expect(bad.status).toBe(404);

    // The next comunicado does not go to them; re-importing them is refused.
    const id2 = await submitAndApprove(m, 'Segundo comunicado\n\nOtra entradilla.\ndestinos: correo');
    expect(smtp.to(A.email)).toHaveLength(1);
    expect(smtp.to(B.email)).toHaveLength(2);
    const rec = await m.store.readDoc<SendRecord>(recordDoc(id2), { comunicado: '', planned: {}, recipients: {} });
    expect(Object.keys(rec.recipients)).toEqual([B.email]);
    const report = await m.media.directory.importRows([{ line: 2, ...A }], 'test');
    expect(report.added).toHaveLength(0);
    expect(report.problems[0]?.message).toContain('se dio de baja');
  });

  it('/medios baja (a request that came by mail) is for approvers, recorded, and stops a send in progress', async () => {
    smtp.failNext(B.email, { code: 450 });
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);
    expect((await m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: '', planned: {}, recipients: {} })).recipients[B.email]?.state).toBe('deferred');

    await m.app.handle(command(REDACTORA, 'medios', `baja ${B.email}`));
    expect(m.chat.lastWhisper()).toContain('Solo quienes aprueban comunicados');
    expect((await m.media.directory.find(B.email))?.status).toBe('active');

    await m.app.handle(command(JEFE, 'medios', `baja ${B.email.toUpperCase()}`));
    expect(m.chat.lastWhisper()).toContain('quedó dado de baja');
    const contact = await m.media.directory.find(B.email);
    expect(contact?.unsubscribed).toMatchObject({ via: 'chat', by: 'console:jefe' });

    // Their deferred message is not retried: they left before it went out.
    m.clock.advance(120);
    await m.media.followUp();
    expect(smtp.to(B.email)).toHaveLength(0);
    const rec = await m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: '', planned: {}, recipients: {} });
    expect(rec.recipients[B.email]).toMatchObject({ state: 'cancelled', reason: 'left' });
    expect((await m.store.get(id))!.deliveries['email:todos']?.meta?.summary).toBe('1 aceptado · 0 diferidos · 0 rechazados · 1 cancelados');

    // /medios reactivar brings them back for future comunicados.
    await m.app.handle(command(JEFE, 'medios', `reactivar ${B.email}`));
    expect((await m.media.directory.find(B.email))?.status).toBe('active');
  });
});
