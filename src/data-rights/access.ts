import { normalizeEmail } from '../media-email/contacts.ts';
import type { MediaDirectory } from '../media-email/directory.ts';
import type { RecipientEntry } from '../media-email/record.ts';
import { personHash } from '../record/events.ts';
import { readRecord } from '../record/reader.ts';
import type { Store } from '../store/port.ts';
import { t } from '../messages/index.ts';

/**
 * `/medios datos correo` (Ley 1581, derecho de acceso): everything the bot holds about one
 * person — the contact with where it came from and its legal basis, the list's log about
 * them, each comunicado sent to them and what their server answered, and how the record
 * names them (a hash only). The unsubscribe secret is not included.
 */
export async function personData(deps: { store: Store; directory: MediaDirectory; recordDir?: string }, email: string, now: Date) {
  const key = normalizeEmail(email);
  const hash = personHash(key);
  const doc = await deps.directory.doc();
  const contact = doc.contacts.find((c) => c.email === key);
  const { token: _token, ...held } = contact ?? ({} as Record<string, unknown>);
  const sends: Array<{ comunicado: string } & Omit<RecipientEntry, 'email' | 'name' | 'outlet'>> = [];
  for (const name of (await deps.store.docNames?.('email')) ?? []) {
    const rec = await deps.store.readDoc<{ comunicado?: string; recipients?: Record<string, RecipientEntry> }>(name, {});
    const entry = rec.recipients?.[key];
    if (!entry) continue;
    const { email: _e, name: _n, outlet: _o, ...facts } = entry;
    sends.push({ comunicado: rec.comunicado ?? name.slice('email/'.length), ...facts });
  }
  let recordEvents = 0;
  if (deps.recordDir) {
    for await (const r of readRecord(deps.recordDir)) {
      if (r.line && (r.line.person === hash || (Array.isArray(r.line.people) && r.line.people.includes(hash)))) recordEvents += 1;
    }
  }
  const log = doc.log.filter((e) => e.email === key);
  return {
    found: !!contact || sends.length > 0 || log.length > 0,
    data: {
      generado: now.toISOString(),
      correo: key,
      contacto: contact ? held : null,
      historialDeLaLista: log,
      envios: sends,
      registro: { huella: hash, eventos: recordEvents, nota: t('media_email.data.record_note') },
    },
  };
}
