import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmtpFake } from '../../fakes/smtp/smtp-fake.ts';
import { closeMediaWorld, JEFE, photoFile, REDACTORA, startMediaWorld, type MediaApp } from './helpers.ts';

const A = { name: 'María Pérez', outlet: 'El Nuevo Día', email: 'maria@elnuevodia.com.co', segment: 'prensa' };

describe('hostile input never becomes headers or markup', () => {
  let smtp: SmtpFake;
  let data: { dir: string; cleanup: () => Promise<void> };
  let m: MediaApp;

  beforeEach(async () => {
    ({ smtp, data, m } = await startMediaWorld([A]));
  });

  afterEach(() => closeMediaWorld({ smtp, data, m }));

  /** Submits, then replaces the stored content the way another adapter (a Slack modal field) could set it. */
  async function submitWith(title: string, lead: string, body: string, files = [] as Awaited<ReturnType<typeof photoFile>>[]): Promise<string> {
    const c = await m.app.services.comunicados.submit({
      text: 'Titular provisional\n\nEntradilla provisional.\ndestinos: correo',
      files,
      actor: REDACTORA,
      origin: { platform: 'console', channel: 'comunicados' },
    });
    await m.store.update(c.id, (cur) => {
      cur.content = { ...cur.content, title, lead, body };
      return cur;
    });
    await m.app.services.comunicados.apply(c.id, { type: 'approve' }, JEFE);
    await m.app.idle();
    return c.id;
  }

  it('a title with CR/LF cannot add a header or a recipient', async () => {
    await submitWith('Obras en la calle 60\r\nBcc: victima@evil.example\r\nX-Injected: yes\n\nCuerpo falso', 'Entradilla.', 'Cuerpo.');

    expect(smtp.attempts).toEqual([A.email]);
    expect(smtp.received).toHaveLength(1);
    const { parsed, envelope } = smtp.received[0]!;
    expect(envelope.to).toEqual([A.email]);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.cc).toBeUndefined();
    expect(parsed.headerLines.some((h) => h.key === 'x-injected' || h.key === 'bcc')).toBe(false);
    expect(parsed.subject).toBe('Obras en la calle 60 Bcc: victima@evil.example X-Injected: yes Cuerpo falso');
    expect(parsed.text).not.toContain('\nBcc:');
    expect(String(parsed.html)).toMatch(/<h1[^>]*>Obras en la calle 60 Bcc: victima@evil\.example X-Injected: yes Cuerpo falso<\/h1>/);
  });

  it('HTML typed in the title, lead, body, alt text and outlet is shown as text, never run', async () => {
    await m.media.directory.remove(A.email, 'test');
    await m.media.directory.add({ ...A, outlet: '<b onmouseover="alert(1)">Medio</b>' }, 'test');
    const photo = await photoFile(join(data.dir, 'in'), 'foto.png', 400, 300, '"><script>alert("alt")</script>');
    await submitWith(
      '<script>alert("titular")</script> Obras',
      '<img src=x onerror=alert(1)> Entradilla',
      'Párrafo con <a href="javascript:alert(2)">enlace</a> & <iframe src="https://evil.example"></iframe>',
      [photo],
    );

    expect(smtp.received).toHaveLength(1);
    const { parsed } = smtp.received[0]!;
    const html = String(parsed.html);
    expect(html).not.toMatch(/<script|<img|<iframe|<b |<a href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;titular&quot;)&lt;/script&gt; Obras');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; Entradilla');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(2)&quot;&gt;enlace&lt;/a&gt; &amp; &lt;iframe');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&quot;alt&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b onmouseover=&quot;alert(1)&quot;&gt;Medio&lt;/b&gt;');
    // The plain-text part keeps exactly what was typed (text is inert there).
    expect(parsed.text).toContain('<script>alert("titular")</script> Obras');
    expect(parsed.subject).toBe('<script>alert("titular")</script> Obras');
  });

  it('a name with CR/LF or an address list is refused before it reaches the list', async () => {
    await expect(m.media.directory.add({ name: 'Ana', outlet: 'Medio', email: 'ana@medio.co\r\nBcc: x@evil.example', segment: 'prensa' }, 'test')).rejects.toThrow(/no es una dirección válida/);
    await expect(m.media.directory.add({ name: 'Ana', outlet: 'Medio', email: 'ana@medio.co, otro@evil.example', segment: 'prensa' }, 'test')).rejects.toThrow(/no es una dirección válida/);
    const added = await m.media.directory.add({ name: 'Ana\r\nBcc: x@evil.example', outlet: 'Medio', email: 'ana@medio.co', segment: 'prensa' }, 'test');
    expect(added.name).toBe('Ana Bcc: x@evil.example');
  });
});
