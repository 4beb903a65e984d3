import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CJK_NAME, filesUnder, jpegWithHtml, pdfWithHtml } from '../../fixtures/hostile-files.ts';
import { closeBot, FORM_TEXT, GROUP, jpeg, PASANTE, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

const said = (b: Bot) => b.fake.sent(GROUP.id).map((m) => m.text);

describe('Telegram: a refused submission keeps no file and uses up no id', () => {
  it('a bad alt line is refused before any download; the next submission gets 0001 and only its files', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const photo = fake.addFile(await jpeg());
    fake.pushMessage(GROUP.id, REDACTORA, fake.photoFields(photo, `/comunicado ${FORM_TEXT}\nalt otra-foto.jpg: Una foto que no vino`));
    const refusal = await fake.waitFor(() => said(bot!).find((t) => t.includes('otra-foto.jpg')), 'refusal');
    expect(refusal).toMatch(/^La descripción «alt otra-foto\.jpg» no corresponde a ninguna imagen adjunta\./);
    expect(fake.callsOf('getFile')).toHaveLength(0); // validated before downloading anything
    expect(await filesUnder(bot.dataDir)).toEqual([]);
    expect(await bot.comunicados()).toHaveLength(0);

    // A polyglot with a name of 120 CJK characters: accepted, re-encoded, name cut by bytes.
    const cartel = fake.addFile(await jpegWithHtml(), { path: 'documents/file_7.jpg' });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(cartel, CJK_NAME, 'image/jpeg', `/comunicado ${FORM_TEXT}\nalt: Cartel del festival`));
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.id).toMatch(/^C-\d{4}-0001$/);
    const left = await filesUnder(bot.dataDir);
    expect(left).toHaveLength(1);
    expect(left[0]!.startsWith(`${c!.id}/`)).toBe(true);
    expect(Buffer.byteLength(c!.content.attachments[0]!.filename)).toBeLessThanOrEqual(180);
    const stored = await readFile(join(bot.dataDir, 'files', left[0]!));
    expect(stored.includes(Buffer.from('<script'))).toBe(false);
  });

  it('a PDF with an HTML page after its end is refused in Spanish, leaving no file and no comunicado', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const doc = fake.addFile(pdfWithHtml(), { path: 'documents/file_8.pdf' });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(doc, 'resolucion.pdf', 'application/pdf', `/comunicado ${FORM_TEXT}`));
    const refusal = await fake.waitFor(() => said(bot!).find((t) => t.includes('resolucion.pdf')), 'refusal');
    expect(refusal).toMatch(/^El archivo «resolucion\.pdf» tiene datos ocultos después del final del documento\./);
    expect(refusal).not.toContain(bot.dataDir);
    expect(await filesUnder(bot.dataDir)).toEqual([]);
    expect(await bot.comunicados()).toHaveLength(0);
  });
});

describe('Telegram: an edit whose files are refused keeps the comunicado\'s files as they were', () => {
  it('a PDF with trailing HTML in an edit leaves no file; a good edit adds its photo beside the first', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const photo = fake.addFile(await jpeg());
    fake.pushMessage(GROUP.id, REDACTORA, fake.photoFields(photo, `/comunicado ${FORM_TEXT}\nalt: Foto de la convocatoria`));
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    const before = await filesUnder(bot.dataDir);
    expect(before).toHaveLength(1);

    const doc = fake.addFile(pdfWithHtml(), { path: 'documents/file_9.pdf' });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(doc, 'anexo.pdf', 'application/pdf', `/comunicado editar ${c!.id} ${FORM_TEXT}`));
    await fake.waitFor(() => said(bot!).find((t) => t.includes('anexo.pdf')), 'refusal');
    expect(await filesUnder(bot.dataDir)).toEqual(before);
    expect((await bot.comunicados())[0]!.content.attachments).toHaveLength(1);

    const second = fake.addFile(await jpeg('#1e8449'));
    fake.pushMessage(GROUP.id, REDACTORA, fake.photoFields(second, `/comunicado editar ${c!.id} ${FORM_TEXT}\nalt: Foto uno\nalt: Foto dos`));
    await fake.waitFor(() => said(bot!).find((t) => t.startsWith(`📝 ${c!.id} actualizado a la versión`)), 'edited');
    const after = await filesUnder(bot.dataDir);
    expect(after).toHaveLength(2);
    for (const f of after) expect(f.startsWith(`${c!.id}/`)).toBe(true);
  });
});

describe('Telegram: an edit refused by the workflow after its files were checked', () => {
  it('re-sending the very same file in a refused edit does not delete the copy the comunicado keeps', async () => {
    bot = await startBot();
    const fake = bot.fake;
    const bytes = await jpeg('#7d3c98');
    const first = fake.addFile(bytes, { path: 'documents/file_10.jpg' });
    fake.pushMessage(GROUP.id, REDACTORA, fake.documentFields(first, 'cartel.jpg', 'image/jpeg', `/comunicado ${FORM_TEXT}\nalt: Cartel`));
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    const before = await filesUnder(bot.dataDir);
    expect(before).toHaveLength(1);

    const again = fake.addFile(bytes, { path: 'documents/file_11.jpg' });
    fake.pushMessage(GROUP.id, PASANTE, fake.documentFields(again, 'cartel.jpg', 'image/jpeg', `/comunicado editar ${c!.id} ${FORM_TEXT}\nalt: Cartel`));
    await fake.waitFor(() => said(bot!).find((t) => t.startsWith(`Solo el autor`)), 'refusal');
    expect(await filesUnder(bot.dataDir)).toEqual(before);
  });
});
