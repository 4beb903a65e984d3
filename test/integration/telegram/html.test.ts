import { afterEach, describe, expect, it } from 'vitest';
import { renderChunks } from '../../../src/chat/telegram/html.ts';
import { callbackData, inlineKeyboard, parseCallback } from '../../../src/chat/telegram/keyboard.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { parseHtml } from '../../fakes/telegram/html.ts';
import { closeBot, GROUP, JEFE, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

const HOSTILE_TITLE = '<b>Cierre</b> de la calle 10 & "desvíos" 🚧';
const HOSTILE_LEAD = "Tome la ruta <script>alert('x')</script> → 🚌 🇨🇴 👩‍👩‍👧 &amp; no la &lt;otra&gt;.";

const words = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('Telegram: HTML that survives what people type', () => {
  it('hostile text (<b>, &, quotes, emoji) is escaped: Telegram shows it exactly as typed, with no markup of its own', async () => {
    bot = await startBot();
    bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado ${HOSTILE_TITLE}\n\n${HOSTILE_LEAD}` });
    const preview = await bot.fake.waitFor(() => previewOf(bot!), 'preview');
    const html = String(preview.payload['text']);
    expect(html).toContain('&lt;b&gt;Cierre&lt;/b&gt; de la calle 10 &amp; &quot;desvíos&quot; 🚧');
    expect(html).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).toContain('&amp;amp; no la &amp;lt;otra&amp;gt;');
    // What Telegram parsed (the fake is as strict as the Bot API) is what the person wrote.
    expect(preview.text).toContain(HOSTILE_TITLE);
    expect(preview.text).toContain(HOSTILE_LEAD);
    // The person's <b> did not turn into bold: the only bold runs are the bot's headings.
    const bold = preview.entities.filter((e) => e.type === 'bold').map((e) => preview.text.slice(e.offset, e.offset + e.length));
    expect(bold).not.toContain('Cierre');
    expect(bold).toContain(HOSTILE_TITLE);
  });

  it('a preview longer than 4,096 characters goes out in clean parts; the buttons sit under the last, a reaction on any part counts', async () => {
    bot = await startBot();
    const paragraph = (n: number) =>
      Array.from({ length: 150 }, (_, i) => `P${n}·${i} vía & <obras> “Ibagué” 🚧`).join(' ');
    const body = [1, 2, 3].map(paragraph).join('\n\n');
    const { message } = bot.fake.pushMessage(GROUP.id, REDACTORA, { text: `/comunicado Obras en la calle 60\n\nCierres por etapas durante marzo.\n\n${body}\ndestinos: portal` });
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith('✅ Recibido')), 'receipt');
    const first = previewOf(bot)!;
    const parts = bot.fake.sent(GROUP.id).filter((m) => m.messageId >= first.messageId && !m.text.startsWith('✅ Recibido'));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(4096);
      expect(parseHtml(String(p.payload['text'])).ok).toBe(true);
      expect(p.payload['reply_parameters']).toMatchObject({ message_id: message['message_id'] });
    }
    expect(parts.map((p) => !!p.payload['reply_markup'])).toEqual([...parts.slice(1).map(() => false), true]);
    // Nothing lost or doubled at the cuts: the portal's preview (the whole body, as HTML
    // source) reads whole across the parts.
    const [c] = await bot.comunicados();
    const portal = bot.app.services.comunicados.previews(c!)[0]!.text;
    expect(portal.length).toBeGreaterThan(3 * 4096 - 2000);
    const all = words(parts.map((p) => p.text).join(' '));
    expect(all.includes(words(portal))).toBe(true);
    // The Jefe reacts on the last part (where the buttons are): it counts for the preview.
    expect(c!.messages.preview!.messageId).toBe(String(first.messageId));
    bot.fake.pushReaction(GROUP.id, parts.at(-1)!.messageId, { user: JEFE }, ['👍']);
    await bot.fake.waitFor(() => bot!.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📣 ${c!.id}`)), 'published');
    expect((await bot.store.get(c!.id))!.state).toBe('published');
  });

  it('a message with an image: a photo whose caption stays within 1,024, the rest in text parts; edits rewrite caption and parts', async () => {
    bot = await startBot();
    const long = Array.from({ length: 400 }, (_, i) => `línea ${i} & <más>`).join('\n');
    const ref = await bot.adapter.post(
      { channel: String(GROUP.id) },
      { text: 'Afiche', sections: [{ heading: 'Afiche del festival', image: { url: 'https://ibague.gov.co/afiche.jpg', alt: 'Afiche' }, body: long }] },
    );
    const sent = bot.fake.sent(GROUP.id);
    expect(sent[0]!.method).toBe('sendPhoto');
    expect(sent[0]!.payload['photo']).toBe('https://ibague.gov.co/afiche.jpg');
    expect(sent[0]!.text.length).toBeLessThanOrEqual(1024);
    expect(sent.slice(1).every((m) => m.method === 'sendMessage' && m.text.length <= 4096)).toBe(true);
    expect(ref.messageId).toBe(String(sent[0]!.messageId));
    expect(words(sent.map((m) => m.text).join('\n'))).toContain(words(long));

    await bot.adapter.update(ref, { text: 'Afiche (corregido)', sections: [{ heading: 'Afiche corregido', body: 'Solo una línea & ya.' }] });
    expect(bot.fake.callsOf('editMessageCaption').filter((c) => c.status === 'ok')).toHaveLength(1);
    expect(bot.fake.message(GROUP.id, sent[0]!.messageId)!['caption']).toBe('Afiche corregido\nSolo una línea & ya.');
    // The parts that are no longer needed are removed, not left with stale text.
    for (const m of sent.slice(1)) expect(bot.fake.message(GROUP.id, m.messageId)).toBeUndefined();
  });
});

describe('Telegram: the splitter and the buttons, on their own', () => {
  const family = '👩‍👩‍👧';

  it('never cuts inside an emoji sequence, an entity or a tag, even in one endless word', () => {
    const text = `${family.repeat(900)}&<b>${'x'.repeat(5000)}`;
    const chunks = renderChunks({ text, sections: [{ heading: 'Título & <i>', body: text }] }, () => undefined);
    expect(chunks.length).toBeGreaterThan(3);
    let seen = '';
    for (const html of chunks) {
      const parsed = parseHtml(html);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) {
        expect(parsed.text.length).toBeLessThanOrEqual(4096);
        seen += parsed.text;
      }
    }
    expect(seen.replace(/\s+/g, '')).toBe(`Título & <i>${text}`.replace(/\s+/g, ''));
    const families = [...new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(seen)].filter((g) => g.segment.includes('👩'));
    expect(families.every((g) => g.segment === family)).toBe(true);
  });

  it('callback_data fits in 64 bytes: long values are kept in the store and come back on the press', async () => {
    const store = new MemoryStore();
    const short = { id: 'approve' as const, label: 'Aprobar', value: 'C-2026-0142', style: 'primary' as const };
    const long = { id: 'confirm_not_published' as const, label: 'No quedó publicado (Portal · slider de contacto)', value: 'C-2026-0142|portal:slider_contacto' };
    expect(await callbackData(store, short)).toBe('approve:C-2026-0142');
    const data = await callbackData(store, long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(await parseCallback(store, data)).toEqual({ action: 'confirm_not_published', value: 'C-2026-0142|portal:slider_contacto' });
    expect(await parseCallback(store, 'approve:C-2026-0142')).toEqual({ action: 'approve', value: 'C-2026-0142' });
    expect(await parseCallback(store, 'borrar_todo:C-2026-0142')).toBeUndefined();
    expect(await parseCallback(store, '#desconocido')).toBeUndefined();
    const rows = await inlineKeyboard(store, [short, long]);
    expect(rows).toEqual([[{ text: '✅ Aprobar', callback_data: 'approve:C-2026-0142' }], [{ text: long.label, callback_data: data }]]);
  });
});
