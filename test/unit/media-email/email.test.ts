import { describe, expect, it } from 'vitest';
import { composeMail, domainOf, messageIdFor, type ComposeInput } from '../../../src/media-email/compose.ts';
import { countsOf, isDue, summaryOf, type SendRecord } from '../../../src/media-email/record.ts';
import { classifySmtpError } from '../../../src/media-email/transport.ts';
import { comunicadoIn, content, image } from '../../fixtures/comunicados.ts';

describe('SMTP failure classification', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO', response: '451 4.7.1 Greylisted' }, 'deferred'],
    [{ code: 'EMESSAGE', responseCode: 421, command: 'DATA', response: '421 busy' }, 'deferred'],
    [{ code: 'EENVELOPE', responseCode: 503, command: 'RCPT TO', response: '503 bad sequence' }, 'deferred'],
    [{ code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 5.1.1 User unknown' }, 'refused'],
    [{ code: 'EMESSAGE', responseCode: 554, command: 'DATA', response: '554 refused' }, 'refused'],
    [{ code: 'EENVELOPE', command: 'API', message: 'Invalid recipient' }, 'refused'],
    [{ code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM', response: '553 sender not allowed' }, 'config'],
    [{ code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', response: '535 bad credentials' }, 'config'],
    [{ code: 'ECONNECTION', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, 'connection'],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, 'connection'],
  ])('%o -> %s', (err, kind) => {
    expect(classifySmtpError(err).kind).toBe(kind);
  });

  it('a 5xx to MAIL FROM or AUTH is about us, never about the journalist', () => {
    expect(classifySmtpError({ responseCode: 550, command: 'MAIL FROM', response: '550 no' })).toMatchObject({ kind: 'config', auth: false });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toMatchObject({ kind: 'config', auth: true });
  });
});

describe('per-recipient record', () => {
  const rec: SendRecord = {
    comunicado: 'C-2026-0001',
    planned: {},
    recipients: Object.fromEntries(
      (['accepted', 'accepted', 'deferred', 'refused', 'queued', 'sending', 'cancelled'] as const).map((state, i) => [
        `p${i}@m.co`,
        { email: `p${i}@m.co`, name: 'P', outlet: 'M', segment: 'prensa', destination: i === 1 ? 'email:radio' : 'email:todos', state, attempts: 1, queuedAt: '2026-11-30T14:00:00Z' },
      ]),
    ),
  };

  it('counts per destination and says it in Spanish, singular and plural', () => {
    expect(countsOf(rec)).toEqual({ total: 7, accepted: 2, deferred: 1, refused: 1, pending: 2, cancelled: 1 });
    expect(countsOf(rec, 'email:todos')).toEqual({ total: 6, accepted: 1, deferred: 1, refused: 1, pending: 2, cancelled: 1 });
    expect(summaryOf(countsOf(rec, 'email:todos'))).toBe('1 aceptado · 1 diferido · 1 rechazado · 2 por enviar · 1 cancelados');
    expect(summaryOf({ total: 12, accepted: 10, deferred: 0, refused: 2, pending: 0, cancelled: 0 })).toBe('10 aceptados · 0 diferidos · 2 rechazados');
  });

  it('a deferred recipient is due only at its time; interrupted ones are always due', () => {
    const base = { email: 'a@b.co', name: 'A', outlet: 'M', segment: 'tv', destination: 'email:tv', attempts: 1, queuedAt: '' };
    const now = new Date('2026-11-30T14:00:00Z');
    expect(isDue({ ...base, state: 'deferred', nextAttemptAt: '2026-11-30T14:01:00Z' }, now)).toBe(false);
    expect(isDue({ ...base, state: 'deferred', nextAttemptAt: '2026-11-30T14:00:00Z' }, now)).toBe(true);
    expect(isDue({ ...base, state: 'sending' }, now)).toBe(true);
    expect(isDue({ ...base, state: 'accepted' }, now)).toBe(false);
  });
});

describe('composing one message', () => {
  const office = { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', boilerplate: '', pressContact: { name: 'Prensa', email: 'prensa@ibague.gov.co' } };
  function input(over: Partial<ComposeInput> = {}): ComposeInput {
    return {
      c: comunicadoIn('approved', { content: content({ title: 'Obras', publishAt: '2026-12-01T13:30:00Z', attachments: [image()] }) }),
      office,
      timezone: 'America/Bogota',
      now: new Date('2026-11-30T14:00:00Z'),
      recipient: { email: 'ana@medio.co', name: 'Ana', outlet: 'Medio', token: 'tok_abcdefghijklmnop' },
      prepared: { files: [], photos: [{ source: image(), filename: 'foto.jpg' }], documents: [], videos: [] },
      unsubscribe: { url: 'https://bot.ibague.gov.co/medios/baja', mailto: 'prensa@ibague.gov.co' },
      sender: { from: '"Prensa" <comunicados@ibague.gov.co>', domain: 'ibague.gov.co', replyTo: { name: 'Prensa', address: 'prensa@ibague.gov.co' } },
      ...over,
    };
  }

  it('marks the embargo while it runs, and not after', () => {
    const before = composeMail(input());
    expect(before.embargoed).toBe(true);
    expect(before.mail.subject).toBe('EMBARGADO HASTA 1 de diciembre de 2026, 08:30 — Obras');
    expect(String(before.mail.text).split('\n')[0]).toBe('EMBARGADO HASTA 1 de diciembre de 2026, 08:30 (hora de Colombia). No publicar antes de esa hora.');
    const after = composeMail(input({ now: new Date('2026-12-01T13:30:00Z') }));
    expect(after.embargoed).toBe(false);
    expect(after.mail.subject).toBe('Obras');
  });

  it('links the photo originals the portal hosts, once the portal link exists', () => {
    const { mail } = composeMail(input({ portal: { url: 'https://ibague.gov.co/noticias/obras', media: [{ filename: 'foto.jpg', url: 'https://ibague.gov.co/wp-content/uploads/foto.jpg' }] } }));
    expect(String(mail.html)).toContain('<a href="https://ibague.gov.co/noticias/obras"');
    expect(String(mail.html)).toContain('— <a href="https://ibague.gov.co/wp-content/uploads/foto.jpg" style="color:#0b4f9c">original en alta resolución de foto.jpg</a>');
    expect(String(mail.text)).toContain('(original en alta resolución de foto.jpg: https://ibague.gov.co/wp-content/uploads/foto.jpg)');
  });

  it('one recipient, a stable Message-ID per person, no file or URL access, List-Unsubscribe per configuration', () => {
    const a = composeMail(input());
    expect(a.mail.to).toEqual({ name: 'Ana', address: 'ana@medio.co' });
    expect(a.mail.bcc).toBeUndefined();
    expect(a.mail.disableFileAccess).toBe(true);
    expect(a.mail.disableUrlAccess).toBe(true);
    expect(a.messageId).toBe(composeMail(input()).messageId);
    expect(a.messageId).toBe(messageIdFor('C-2026-0001', 'ana@medio.co', 'ibague.gov.co'));
    expect(a.messageId).not.toContain('ana');
    expect(composeMail(input({ recipient: { email: 'luis@medio.co', name: 'Luis', outlet: 'M', token: 'tok_zzzzzzzzzzzzzzzz' } })).messageId).not.toBe(a.messageId);
    expect(a.mail.list?.unsubscribe).toEqual([['https://bot.ibague.gov.co/medios/baja?t=tok_abcdefghijklmnop', 'mailto:prensa@ibague.gov.co?subject=baja%20ana%40medio.co']]);
    expect((a.mail.headers as Record<string, string>)['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const mailOnly = composeMail(input({ unsubscribe: { mailto: 'prensa@ibague.gov.co' } }));
    expect(mailOnly.mail.list?.unsubscribe).toEqual([['mailto:prensa@ibague.gov.co?subject=baja%20ana%40medio.co']]);
    expect((mailOnly.mail.headers as Record<string, string>)['List-Unsubscribe-Post']).toBeUndefined();
    expect(composeMail(input({ unsubscribe: {} })).mail.list?.unsubscribe).toBeUndefined();
  });

  it('reads the domain of MAIL_FROM in either form', () => {
    expect(domainOf('"Prensa Alcaldía" <comunicados@ibague.gov.co>')).toBe('ibague.gov.co');
    expect(domainOf('comunicados@Ibague.gov.co')).toBe('ibague.gov.co');
    expect(domainOf('sin arroba')).toBeUndefined();
  });
});
