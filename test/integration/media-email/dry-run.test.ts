import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBot } from '../../fakes/run-bot.ts';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { addContacts, FORM, makeMediaApp, PRESS_EMAIL, submitAndApprove, tempDir } from './helpers.ts';

const A = { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' };
const B = { name: 'Juan Gómez', outlet: 'Ecos del Combeima', email: 'juan@ecosdelcombeima.com', segment: 'radio' };

describe('dry run: without SMTP_URL every message is an .eml under DATA_DIR/outbox/email/', () => {
  let data: { dir: string; cleanup: () => Promise<void> };

  beforeEach(async () => {
    data = await tempDir();
  });
  afterEach(async () => {
    await data.cleanup();
  });

  it('writes one .eml per person, readable by a mail parser, and the thread says where', async () => {
    const dataDir = join(data.dir, 'data');
    const m = await makeMediaApp({ dataDir });
    try {
      await addContacts(m, [A, B]);
      const id = await submitAndApprove(m, `${FORM}\ndestinos: correo`);
      const folder = join(dataDir, 'outbox', 'email', id);
      const files = (await readdir(folder)).sort();
      expect(files).toEqual(['001-maria_at_elnuevodia.com.co.eml', '002-juan_at_ecosdelcombeima.com.eml']);
      const parsed = await simpleParser(await readFile(join(folder, files[0]!)));
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual([A.email]);
      expect(parsed.subject).toBe('Alcaldía entrega 120 nuevas luminarias LED en el barrio Jordán');
      // No MAIL_FROM in a dry run: the press contact stands in, so the message is complete.
      expect(parsed.from?.value[0]?.address).toBe(PRESS_EMAIL);
      expect(parsed.html).toBeTruthy();
      expect(parsed.text).toContain('La Secretaría de Infraestructura');

      const d = (await m.store.get(id))!.deliveries['email:todos']!;
      expect(d).toMatchObject({ state: 'done', dryRun: true });
      expect(fileURLToPath(d.url!)).toBe(`${folder}/`);
      expect(m.chat.texts().some((t) => t.includes(`Correo · todos los medios: ✅ publicado ${d.url} (simulación) — 2 aceptados`))).toBe(true);
    } finally {
      await m.close();
    }
  });

  it('the console chat (npm start, no tokens) never sends, even with SMTP_URL set, and shows the folder', { timeout: 180_000 }, async () => {
    const smtp = new SmtpFake();
    await smtp.start();
    try {
      const script = [
        '/como jefe',
        `/medios agregar ${A.name}; ${A.outlet}; ${A.email}; ${A.segment}`,
        '/como redactora',
        '/comunicado',
        FORM,
        'destinos: portal, correo:prensa',
        '.',
        '/como jefe',
        '/reaccionar m1 ✅',
        '',
      ].join('\n');
      const dataDir = join(data.dir, 'console');
      const run = await runBot(script, { DATA_DIR: dataDir, SMTP_URL: smtp.url, MAIL_FROM: 'comunicados@ibague.gov.co' });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('✅ Agregado a la lista de medios: María Pérez');
      expect(run.stdout).toContain('Correo · prensa · simulación');
      const shown = /Correo · prensa: ✅ publicado (file:\/\/\S+) \(simulación\) — 1 aceptado · 0 diferidos · 0 rechazados/.exec(run.stdout);
      expect(shown, run.stdout).toBeTruthy();
      const files = await readdir(new URL(shown![1]!));
      expect(files).toEqual(['001-maria_at_elnuevodia.com.co.eml']);
      expect(smtp.attempts).toEqual([]);
    } finally {
      await smtp.stop();
    }
  });
});
