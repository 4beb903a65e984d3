import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordDoc, type SendRecord } from '../../../src/media-email/record.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { addContacts, FORM, JEFE, makeMediaApp, REDACTORA, submitAndApprove, tempDir, type MediaApp } from './helpers.ts';
import { statusMessage } from '../../../src/render/chat.ts';

const CONTACTS = ['ana', 'luis', 'sara'].map((n) => ({ name: n, outlet: 'Medio', email: `${n}@medio.co`, segment: 'prensa' }));

describe('the mail server is down', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;
  let url: string;

  beforeEach(async () => {
    smtp = new SmtpFake();
    await smtp.start();
    url = smtp.url;
    await smtp.stop(); // connection refused from now on
    data = await tempDir();
    m = await makeMediaApp({ dataDir: join(data.dir, 'data'), smtpUrl: url });
    await addContacts(m, CONTACTS);
  });

  afterEach(async () => {
    await m.close();
    await smtp.stop();
    await data.cleanup();
  });

  it('retries with backoff, then fails saying so; /reintentar sends to everyone exactly once when it is back', async () => {
    const id = await submitAndApprove(m, `${FORM}\ndestinos: portal, correo`);
    let c = (await m.store.get(id))!;
    const d = c.deliveries['email:todos']!;
    expect(d.state).toBe('failed');
    expect(d.attempts).toBe(5); // publishing.maxAttempts: the engine's backoff for errors that prove nothing went out
    expect(d.error?.code).toBe('smtp_unavailable');
    expect(d.error?.message).toContain('No se pudo conectar con el servidor de correo');
    expect(d.error?.message).toContain('Use /reintentar');
    expect(c.deliveries['portal:noticia']?.state).toBe('done'); // one destination's failure touches no other
    expect(c.state).toBe('partially_published');
    const rec = await m.store.readDoc<SendRecord>(recordDoc(id), { comunicado: id, planned: {}, recipients: {} });
    expect(Object.values(rec.recipients).map((r) => [r.state, r.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
    ]);

    await smtp.start(Number(new URL(url).port));
    await m.app.services.comunicados.retry(id, JEFE);
    await m.app.idle();
    c = (await m.store.get(id))!;
    expect(c.deliveries['email:todos']).toMatchObject({ state: 'done' });
    expect(c.deliveries['email:todos']!.meta?.summary).toBe('3 aceptados · 0 diferidos · 0 rechazados');
    expect(c.state).toBe('published');
    expect(smtp.received.map((r) => r.envelope.to[0]).sort()).toEqual(['ana@medio.co', 'luis@medio.co', 'sara@medio.co']);
  });

  it('under embargo it keeps trying on its own instead of offering /reintentar (which would publish early)', async () => {
    const sub = await m.app.services.comunicados.submit({
      text: `${FORM}\ndestinos: portal, correo\nprogramar: 2026-12-01 08:30`,
      files: [],
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados' },
    });
    await m.app.services.comunicados.apply(sub.id, { type: 'approve' }, JEFE);
    await m.app.idle();
    let c = (await m.store.get(sub.id))!;
    expect(c.state).toBe('scheduled');
    expect(c.deliveries['email:todos']).toMatchObject({ state: 'done' });
    expect(c.deliveries['email:todos']!.meta?.summary).toBe('0 aceptados · 0 diferidos · 0 rechazados · 3 por enviar · servidor de correo no disponible; el bot sigue intentando solo (el embargo se mantiene)');
    expect(statusMessage(c).buttons ?? []).toEqual([]);

    await m.media.followUp(); // still down: nothing changes, nobody is marked
    expect((await m.media.directory.all()).every((x) => x.status === 'active')).toBe(true);

    await smtp.start(Number(new URL(url).port));
    await m.media.followUp();
    c = (await m.store.get(sub.id))!;
    expect(c.state).toBe('scheduled');
    expect(c.deliveries['email:todos']!.meta?.summary).toBe('3 aceptados · 0 diferidos · 0 rechazados');
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.every((r) => r.parsed.subject?.startsWith('EMBARGADO HASTA'))).toBe(true);
  });
});
