import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { TEST_SECRETS } from '../../fixtures/secrets.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { addContacts, FORM, makeMediaApp, submitAndApprove, tempDir, type MediaApp } from './helpers.ts';

const A = { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' };
const B = { name: 'Juan Gómez', outlet: 'Ecos del Combeima', email: 'juan@ecosdelcombeima.com', segment: 'radio' };
const C = { name: 'Luisa Díaz', outlet: 'Tolima TV', email: 'luisa@tolimatv.co', segment: 'tv' };

async function record(m: MediaApp, id: string): Promise<SendRecord> {
  return m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: id, planned: {}, recipients: {} });
}

describe('per-recipient outcomes: accepted, deferred (4xx) and refused (5xx)', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;

  beforeEach(async () => {
    // The fake requires authentication: the password travels in SMTP_URL and must never reach a log.
    smtp = new SmtpFake({ users: { 'bot@ibague.gov.co': TEST_SECRETS.smtpPassword } });
    await smtp.start();
    data = await tempDir();
    m = await makeMediaApp({
      dataDir: join(data.dir, 'data'),
      smtpUrl: smtp.urlFor('bot@ibague.gov.co', TEST_SECRETS.smtpPassword),
      logger: testLogger('media-outcomes'),
    });
    await addContacts(m, [A, B, C]);
  });

  afterEach(async () => {
    await m.close();
    await smtp.stop();
    await data.cleanup();
  });

  it('defers a 4xx recipient, retries after the backoff, and then records them accepted — once', async () => {
    smtp.failNext(B.email, { code: 451, message: '4.7.1 Greylisted, try again later' });
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);

    expect(smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual([C.email, A.email]);
    expect(smtp.received.every((r) => r.user === 'bot@ibague.gov.co')).toBe(true);
    let rec = await record(m, id);
    expect(rec.recipients[B.email]).toMatchObject({ state: 'deferred', attempts: 1, code: 451 });
    const due = Date.parse(rec.recipients[B.email]!.nextAttemptAt!);
    expect(due - m.clock.ms).toBe(60_000);
    let d = (await m.store.get(id))!.deliveries['email:todos']!;
    expect(d.state).toBe('done');
    expect(d.meta?.email).toMatchObject({ accepted: 2, deferred: 1, refused: 0 });
    expect(d.meta?.summary).toBe('2 aceptados · 1 diferido · 0 rechazados');

    // Not due yet: nothing happens.
    await m.media.followUp();
    expect(smtp.to(B.email)).toHaveLength(0);

    m.clock.advance(61);
    await m.media.followUp();
    expect(smtp.to(B.email)).toHaveLength(1);
    rec = await record(m, id);
    expect(rec.recipients[B.email]).toMatchObject({ state: 'accepted', attempts: 2 });
    d = (await m.store.get(id))!.deliveries['email:todos']!;
    expect(d.meta?.email).toMatchObject({ accepted: 3, deferred: 0, refused: 0 });
    // The thread's status message was edited with the new counts.
    expect(m.chat.updates.at(-1)?.message.text).toContain('Correo · todos los medios: ✅ publicado — 3 aceptados · 0 diferidos · 0 rechazados');

    // Nobody is sent twice by later passes.
    m.clock.advance(3600);
    await m.media.followUp();
    expect(smtp.received).toHaveLength(3);
  });

  it('gives up on a recipient deferred more times than the backoff allows, without marking them failing', async () => {
    smtp.failAlways(B.email, { code: 452, message: '4.2.2 Mailbox full' });
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo:radio`);
    m.clock.advance(61);
    await m.media.followUp();
    m.clock.advance(301);
    await m.media.followUp();
    const rec = await record(m, id);
    expect(rec.recipients[B.email]).toMatchObject({ state: 'refused', reason: 'gave_up', attempts: 3 });
    expect(smtp.attempts.filter((a) => a === B.email)).toHaveLength(3);
    expect((await m.media.directory.find(B.email))?.status).toBe('active');
  });

  it('refuses a 5xx recipient, marks the contact failing, and leaves them out of later sends', async () => {
    smtp.failNext(C.email, { code: 550, message: '5.1.1 User unknown' });
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);
    const rec = await record(m, id);
    expect(rec.recipients[C.email]).toMatchObject({ state: 'refused', code: 550 });
    expect(rec.recipients[C.email]!.reply).toContain('User unknown');
    const contact = await m.media.directory.find(C.email);
    expect(contact?.status).toBe('failing');
    expect(contact?.failing).toMatchObject({ comunicado: id });
    const doc = await m.media.directory.doc();
    expect(doc.log.at(-1)).toMatchObject({ action: 'failing', email: C.email });
    const d = (await m.store.get(id))!.deliveries['email:todos']!;
    expect(d.meta?.summary).toBe('2 aceptados · 0 diferidos · 1 rechazado');

    m.clock.advance(7200);
    await m.media.followUp();
    expect(smtp.attempts.filter((a) => a === C.email)).toHaveLength(1); // never retried

    const id2 = await submitAndApprove(m, `Segundo comunicado\n\nOtra entradilla.\ndestinos: correo`);
    expect((await record(m, id2)).recipients[C.email]).toBeUndefined();
    expect(smtp.to(A.email)).toHaveLength(2);
    expect(smtp.attempts.filter((a) => a === C.email)).toHaveLength(1);
  });

  it('a refusal at DATA counts the same as at RCPT TO', async () => {
    smtp.failNext(A.email, { code: 554, message: '5.6.0 Message refused' }, { stage: 'data' });
    smtp.failNext(B.email, { code: 421, message: '4.3.2 Service busy' }, { stage: 'data' });
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);
    const rec = await record(m, id);
    expect(rec.recipients[A.email]).toMatchObject({ state: 'refused', code: 554 });
    expect(rec.recipients[B.email]).toMatchObject({ state: 'deferred', code: 421 });
    expect(rec.recipients[C.email]).toMatchObject({ state: 'accepted' });
  });

  it('a server that refuses our credentials fails the delivery without marking anyone failing', async () => {
    await m.close();
    m = await makeMediaApp({
      dataDir: join(data.dir, 'data2'),
      smtpUrl: smtp.urlFor('bot@ibague.gov.co', 'wrong-password-123'),
      logger: testLogger('media-outcomes-auth'),
    });
    await addContacts(m, [A, B]);
    const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);
    const d = (await m.store.get(id))!.deliveries['email:todos']!;
    expect(d.state).toBe('failed');
    expect(d.error?.code).toBe('smtp_auth');
    expect(d.error?.message).toContain('rechazó las credenciales');
    expect(d.error?.message).not.toContain('wrong-password-123');
    expect(smtp.received).toHaveLength(0);
    const rec = await record(m, id);
    expect(Object.values(rec.recipients).map((r) => r.state)).toEqual(['queued', 'queued']);
    expect((await m.media.directory.all()).every((c) => c.status === 'active')).toBe(true);
  });
});
