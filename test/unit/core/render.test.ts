import { describe, expect, it } from 'vitest';
import { renderPortalHtml } from '../../../src/render/portal-html.ts';
import { renderWhatsapp, shorten } from '../../../src/render/whatsapp.ts';
import { content } from '../../fixtures/comunicados.ts';

const OFFICE = { name: 'Oficina', entity: 'Alcaldía', boilerplate: 'Texto <institucional>', pressContact: { name: 'Prensa "A"', email: 'prensa@ibague.gov.co' } };

describe('portal HTML', () => {
  it('escapes everything a person typed; keeps paragraphs, alt text and contact', () => {
    const html = renderPortalHtml(
      { id: 'C-2026-0001', content: content({ lead: '<img src=x onerror=alert(1)>', body: 'Uno & dos\nlínea\n\n"Tres" \'cuatro\'', hashtags: ['Ibagué'] }) },
      OFFICE,
      [{ filename: 'f.jpg', url: 'https://portal/f.jpg?a=1&b="2"', alt: 'Foto "con" <comillas>' }],
    );
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<p>Uno &amp; dos<br>\nlínea</p>');
    expect(html).toContain('<p>&quot;Tres&quot; &#39;cuatro&#39;</p>');
    expect(html).toContain('alt="Foto &quot;con&quot; &lt;comillas&gt;"');
    expect(html).toContain('src="https://portal/f.jpg?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('Texto &lt;institucional&gt;');
    expect(html).toContain('Prensa &quot;A&quot;');
    expect(html).toContain('C-2026-0001');
  });
});

describe('WhatsApp text', () => {
  it('bold title, lead, link, hashtags', () => {
    const text = renderWhatsapp({ content: content() }, 'https://portal/x');
    expect(text).toBe('*Alcaldía entrega luminarias*\n\nCiento veinte luminarias LED nuevas.\n\nhttps://portal/x\n#Ibagué');
  });

  it('stays under the limit by shortening the lead on a word boundary', () => {
    const long = content({ lead: 'palabra '.repeat(400) });
    const text = renderWhatsapp({ content: long }, 'https://portal/x', 300);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/palabra…\n\nhttps:\/\/portal\/x/);
  });

  it('shorten never cuts a surrogate pair', () => {
    expect(shorten('🎉🎉🎉🎉🎉', 3)).toBe('🎉🎉…');
  });
});
