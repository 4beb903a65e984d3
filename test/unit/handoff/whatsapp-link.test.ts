import { describe, expect, it } from 'vitest';
import { memberHandoff } from '../../../src/handoff/message.ts';
import type { Content } from '../../../src/domain/comunicado.ts';
import { renderWhatsapp, waMeLink, WHATSAPP_MAX } from '../../../src/render/whatsapp.ts';

const PREFIX = 'https://wa.me/?text=';

function content(over: Partial<Content> & { title: string }): { id: string; content: Content } {
  return { id: 'C-2026-0007', content: { lead: '', body: '', hashtags: [], attachments: [], destinations: ['portal:noticia'], ...over } };
}

const codePoints = (s: string) => Array.from(s).length;

/** Hostile but realistic input: what people paste into a comunicado. */
const HOSTILE = content({
  title: 'Ibagué & Tolima: ¿100% listos? #Festival *Musical* 🎶🇨🇴',
  lead: 'Línea uno con ñandú, acentos (áéíóú) y símbolos & # % + = ? / \\ "comillas" \'simples\'\nLínea dos 👩‍👩‍👧 familia\r\nLínea tres: https://otro.example/?a=1&b=2#frag _cursiva_ ~tachado~ `código`',
  hashtags: ['IbaguéCapitalMusical', 'Año2026', 'Ñ_ñ'],
});

describe('WhatsApp text and wa.me link', () => {
  it('encodes hostile text so that decoding the link gives back exactly the text', () => {
    const h = memberHandoff(HOSTILE, 'https://ibague.gov.co/noticias/festival?x=1#top', 'ana-maria-perez');
    expect(h.waLink.startsWith(PREFIX)).toBe(true);
    const encoded = h.waLink.slice(PREFIX.length);
    // Nothing that would break the query survives unencoded.
    expect(encoded).not.toMatch(/[\s&#%+?](?![0-9A-F]{2})/);
    expect(decodeURIComponent(encoded)).toBe(h.text);
    // What WhatsApp (or a browser) sees as the `text` parameter is the same text.
    expect(new URL(h.waLink).searchParams.get('text')).toBe(h.text);
    // The text carries the title in bold, the lead, the member's link and the hashtags.
    expect(h.text.startsWith('*Ibagué & Tolima: ¿100% listos? #Festival *\u200DMusical*\u200D 🎶🇨🇴*')).toBe(true);
    expect(h.text).toContain('Línea dos 👩‍👩‍👧 familia');
    expect(h.text).toContain(h.portalLink);
    expect(h.text.endsWith('#IbaguéCapitalMusical #Año2026 #Ñ_ñ')).toBe(true);
  });

  it('keeps the text within ~1,500 characters, cutting the lead, never the link', () => {
    const long = content({ title: 'Título', lead: `${'palabra '.repeat(400)}final`, hashtags: ['Ibagué'] });
    const link = 'https://ibague.gov.co/noticias/largo?utm_source=whatsapp&utm_content=x';
    const text = renderWhatsapp(long, link);
    expect(codePoints(text)).toBeLessThanOrEqual(WHATSAPP_MAX);
    expect(codePoints(text)).toBeGreaterThan(WHATSAPP_MAX - 20);
    expect(text).toContain(`${link}\n#Ibagué`);
    expect(text).toMatch(/palabra…\n\n/);
    expect(decodeURIComponent(waMeLink(text).slice(PREFIX.length))).toBe(text);
  });

  it('counts emoji as one character each', () => {
    const emoji = content({ title: 'Emoji', lead: '🎉'.repeat(1600) });
    const text = renderWhatsapp(emoji, 'https://ibague.gov.co/n');
    expect(codePoints(text)).toBeLessThanOrEqual(WHATSAPP_MAX);
    expect(text.length).toBeGreaterThan(WHATSAPP_MAX); // UTF-16 length is larger: no emoji split in half
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('drops hashtags before it would cut the link when they alone are too long', () => {
    const tags = Array.from({ length: 60 }, (_, i) => `Etiqueta${'x'.repeat(40)}${i}`);
    const text = renderWhatsapp(content({ title: 'Título', lead: 'Entradilla.', hashtags: tags }), 'https://ibague.gov.co/n');
    expect(codePoints(text)).toBeLessThanOrEqual(WHATSAPP_MAX);
    expect(text).toContain('https://ibague.gov.co/n');
    expect(text).toContain('#Etiqueta');
    expect(text).not.toContain(`#${tags.at(-1)}`);
  });

  it('never fails on broken (lone surrogate) text pasted into the lead', () => {
    const broken = content({ title: 'Roto \uD83D', lead: 'mitad \uDE00 de emoji' });
    const h = memberHandoff(broken, 'https://ibague.gov.co/n', 'luis');
    expect(() => decodeURIComponent(h.waLink.slice(PREFIX.length))).not.toThrow();
    expect(decodeURIComponent(h.waLink.slice(PREFIX.length))).toBe(h.text);
    expect(h.text).toContain('\uFFFD');
  });
});
