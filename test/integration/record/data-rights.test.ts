import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaDoc } from '../../../src/media-email/contacts.ts';
import { personHash } from '../../../src/record/events.ts';
import { verifyRecord } from '../../../src/record/verify.ts';
import { FORM, JEFE, lastId, startRecordedApp, type RecordedApp } from './harness.ts';

/*
 * The media list's data duties (Ley 1581 de 2012), through the real app on a real DATA_DIR:
 * each contact keeps its source and legal basis; every email carries the configured
 * data-treatment notice beside the unsubscribe; /medios datos gives one person's data;
 * /medios olvidar leaves no trace of their address anywhere under DATA_DIR (list, send
 * records, .bak copies, daily backups, simulated emails, exports), only its hash in the record.
 */

const NOTICE = 'Aviso de privacidad de prueba: la Alcaldía de Ibagué trata sus datos según la Ley 1581 de 2012; escriba a habeasdata@ibague.example.';
const ANA = { name: 'Ana Pérez Quintero', email: 'ana.perez@radio.example' };
const LUIS = { name: 'Luis Ortiz', email: 'luis.ortiz@diario.example' };

let r: RecordedApp | undefined;
afterEach(async () => {
  await r?.remove();
  r = undefined;
});

/** Ana and Luis in the media list, and a comunicado approved to the portal and by email; its id. */
async function emailedToAnaAndLuis(r: RecordedApp): Promise<string> {
  await r.command('medios', `agregar ${ANA.name}; Radio Ciudad; ${ANA.email}; radio`, JEFE);
  await r.command('medios', `agregar ${LUIS.name}; El Diario; ${LUIS.email}; prensa`, JEFE);
  await r.command('comunicado', `${FORM}\ndestinos: portal, correo`);
  const id = await lastId(r.app);
  await r.command('aprobar', id, JEFE);
  return id;
}

async function start(): Promise<RecordedApp> {
  return startRecordedApp({ config: { media: { dataTreatment: { notice: NOTICE, legalBasis: 'Interés legítimo de divulgación (prueba)' } } } });
}

async function media(app: RecordedApp): Promise<MediaDoc> {
  return app.app.services.store.readDoc<MediaDoc>('medios', { version: 1, contacts: [], log: [] });
}

/** Every file under DATA_DIR with its path and content. */
async function everything(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.push({ path: path.slice(dir.length + 1), text: await readFile(path, 'latin1') });
  }
  return out;
}

describe('the media list and Ley 1581', () => {
  it('keeps where each contact came from and its legal basis, also in the record (without the person)', async () => {
    r = await start();
    await r.command('medios', `agregar ${ANA.name}; Radio Ciudad; ${ANA.email}; radio; tarjeta en rueda de prensa; Autorización escrita del 3 de noviembre`, JEFE);
    await r.command('medios', `agregar ${LUIS.name}; El Diario; ${LUIS.email}; prensa`, JEFE);
    const doc = await media(r);
    expect(doc.contacts.find((c) => c.email === ANA.email)).toMatchObject({ source: 'tarjeta en rueda de prensa', legalBasis: 'Autorización escrita del 3 de noviembre' });
    expect(doc.contacts.find((c) => c.email === LUIS.email)).toMatchObject({ source: 'agregado en el chat por console:Carlos', legalBasis: 'Interés legítimo de divulgación (prueba)' });
    const events = (await r.lines()).filter((l) => l.kind === 'medios');
    expect(events.map((e) => [e.action, e.person, e.source])).toEqual([
      ['add', personHash(ANA.email), 'tarjeta en rueda de prensa'],
      ['add', personHash(LUIS.email), 'agregado en el chat por console:Carlos'],
    ]);
  });

  it('every email carries the configured notice beside the unsubscribe; /medios datos gives one person their data', async () => {
    r = await start();
    const id = await emailedToAnaAndLuis(r);
    const folder = join(r.dataDir, 'outbox', 'email', id);
    const emls = await readdir(folder);
    expect(emls).toHaveLength(2);
    for (const f of emls) {
      const mail = await simpleParser(await readFile(join(folder, f)));
      const text = mail.text!;
      expect(text).toContain(NOTICE);
      // Beside the unsubscribe: the last lines of the footer.
      expect(text.trimEnd().endsWith(NOTICE)).toBe(true);
      expect(mail.html).toContain('Aviso de privacidad de prueba');
    }

    await r.command('medios', `datos ${LUIS.email}`, JEFE);
    const path = /Datos escritos en (\S+\.json)/.exec(r.chat.lastWhisper())![1]!;
    const data = JSON.parse(await readFile(path, 'utf8'));
    expect(data.contacto).toMatchObject({ name: LUIS.name, email: LUIS.email, source: expect.stringContaining('agregado en el chat'), legalBasis: 'Interés legítimo de divulgación (prueba)' });
    expect(data.contacto.token).toBeUndefined();
    expect(data.envios).toEqual([expect.objectContaining({ comunicado: id, destination: 'email:todos' })]);
    expect(data.registro).toMatchObject({ huella: personHash(LUIS.email), eventos: 1 });
    await r.command('medios', 'datos nadie@ninguno.example', JEFE);
    expect(r.chat.lastWhisper()).toContain('no guarda ningún dato de nadie@ninguno.example');
  });

  it('/medios olvidar leaves no trace of the address or name under DATA_DIR, only its hash in the record', async () => {
    r = await start();
    const id = await emailedToAnaAndLuis(r);
    await r.command('medios', `baja ${ANA.email}`, JEFE);
    await r.command('medios', 'exportar', JEFE);
    await r.store.maintain(); // the day's backup of docs/ holds the list too
    const before = await everything(r.dataDir);
    const where = (who: string) => before.filter((f) => f.text.toLowerCase().includes(who) || f.path.includes(who)).map((f) => f.path);
    expect(where('ana.perez').length).toBeGreaterThanOrEqual(5); // list, .bak, backup, send record, .eml, export

    await r.command('medios', `olvidar ${ANA.email.toUpperCase()}`, JEFE);
    expect(r.chat.lastWhisper()).toContain(`Se suprimieron los datos de ${ANA.email}`);
    expect(r.chat.lastWhisper()).toContain(personHash(ANA.email));

    const after = await everything(r.dataDir);
    const traces = after.filter((f) => /ana\.perez|ana_perez|Ana P(é|Ã©)rez/i.test(f.text) || /ana[._]perez/i.test(f.path));
    expect(traces.map((f) => f.path)).toEqual([]);
    // The other person is untouched; the send record still counts two recipients.
    expect((await media(r)).contacts.map((c) => c.email)).toEqual([LUIS.email]);
    const record = await r.app.services.store.readDoc<{ recipients: Record<string, { state: string }> }>(`email/${id}`, { recipients: {} });
    expect(Object.keys(record.recipients)).toHaveLength(2);
    expect(record.recipients[LUIS.email]?.state).toBe('accepted');
    expect(after.some((f) => f.text.includes(LUIS.email))).toBe(true);
    // The record shows the erasure happened, under the hash, and still verifies.
    const forget = (await r.lines()).find((l) => l.kind === 'medios' && l.action === 'forget')!;
    expect(forget).toMatchObject({ person: personHash(ANA.email), by: 'console:Carlos' });
    expect((await verifyRecord(join(r.dataDir, 'registro'))).ok).toBe(true);
  });
});
