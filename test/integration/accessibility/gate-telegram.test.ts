import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_SRT, MALFORMED_SRT, tinyMp4 } from '../../fixtures/accessible-files.ts';
import { closeBot, FORM_TEXT, GROUP, JEFE, jpeg, REDACTORA, startBot, type Bot } from '../telegram/harness.ts';

/*
 * Telegraf against the Bot API fake: a video sent without captions and a photo whose
 * caption (its alt text) only says "Foto" cannot be approved with the button; the captions
 * file sent with `/comunicado editar` unblocks it. A malformed SRT is refused with its line.
 */

let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

const receipts = (b: Bot) => b.fake.sent(GROUP.id).filter((m) => m.text.startsWith('✅ Recibido: C-'));
/** Everything the bot said in the group and in its answers to buttons. */
const said = (b: Bot) => [...b.fake.sent(GROUP.id).map((m) => m.text), ...b.fake.callsOf('answerCallbackQuery').map((c) => String(c.payload['text'] ?? ''))].join('\n');

describe('Telegram: the accessibility gate', () => {
  it('a video without captions and a photo captioned "Foto" are blocked at the button; the captions file sent later approves', async () => {
    const b = (bot = await startBot());
    const video = b.fake.addFile(tinyMp4(), { path: 'videos/file_50.mp4' });
    const photo = b.fake.addFile(await jpeg('#1e8449'), { path: 'photos/file_51.jpg' });
    const album = { media_group_id: '13900000000000077' };
    b.fake.pushMessage(GROUP.id, REDACTORA, { ...b.fake.documentFields(video, 'recorrido.mp4', 'video/mp4', `/comunicado ${FORM_TEXT}`), ...album });
    b.fake.pushMessage(GROUP.id, REDACTORA, b.fake.photoFields(photo, 'Foto', album));
    const receipt = await b.fake.waitFor(() => receipts(b)[0], 'receipt');
    const [c] = await b.comunicados();
    expect(c!.content.attachments.map((a) => [a.filename, a.alt ?? null])).toEqual([
      ['recorrido.mp4', null],
      ['foto-1.jpg', 'Foto'],
    ]);
    expect(receipt.text).toContain('⚠️ Estas imágenes tienen un texto alternativo que no las describe: «foto-1.jpg».');
    expect(receipt.text).toContain(`/comunicado editar ${c!.id}\nsubtítulos recorrido.mp4: recorrido.srt`);

    const preview = await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.includes(`Nuevo comunicado para aprobación: ${c!.id}`)), 'preview');
    expect(preview.text).toContain('⚠️ El video «recorrido.mp4» no tiene subtítulos');
    b.fake.pushButton(GROUP.id, preview.messageId, JEFE, `approve:${c!.id}`);
    await b.fake.waitFor(() => said(b).includes('solo dice que es una imagen') || undefined, 'refusal');
    expect((await b.store.get(c!.id))!.state).toBe('pending_approval');

    // The fixes: the alt text line and the captions file, in one edit.
    const srt = b.fake.addFile(Buffer.from(GOOD_SRT), { path: 'documents/file_52.srt' });
    b.fake.pushMessage(GROUP.id, REDACTORA, b.fake.documentFields(srt, 'recorrido.srt', 'application/x-subrip', `/comunicado editar ${c!.id}\nalt foto-1.jpg: Bailarines del festival en la plaza de Bolívar`));
    await b.fake.waitFor(() => b.fake.sent(GROUP.id).find((m) => m.text.startsWith(`📝 ${c!.id} actualizado a la versión 2.`)), 'edited');
    const edited = (await b.store.get(c!.id))!;
    expect(edited.content.attachments[0]!.captions).toMatchObject({ filename: 'recorrido.srt', cues: 2 });
    const second = await b.fake.waitFor(() => b.fake.sent(GROUP.id).filter((m) => m.text.includes(`${c!.id}`) && m.text.includes('💬 El video «recorrido.mp4» tiene subtítulos')).at(-1), 'new preview');
    b.fake.pushButton(GROUP.id, second.messageId, JEFE, `approve:${c!.id}`);
    await b.fake.waitFor(() => said(b).includes(`${c!.id} aprobado por`) || undefined, 'approved');
    await b.app.idle();
    expect((await b.store.get(c!.id))!.approvals.map((a) => a.kind)).toEqual(['approve']);
  });

  it('a malformed SRT is refused with the line that is wrong', async () => {
    const b = (bot = await startBot());
    const video = b.fake.addFile(tinyMp4(), { path: 'videos/file_60.mp4' });
    const srt = b.fake.addFile(Buffer.from(MALFORMED_SRT), { path: 'documents/file_61.srt' });
    const album = { media_group_id: '13900000000000078' };
    b.fake.pushMessage(GROUP.id, REDACTORA, { ...b.fake.documentFields(video, 'recorrido.mp4', 'video/mp4', `/comunicado ${FORM_TEXT}`), ...album });
    b.fake.pushMessage(GROUP.id, REDACTORA, { ...b.fake.documentFields(srt, 'recorrido.srt', 'application/x-subrip'), ...album });
    await b.fake.waitFor(() => said(b).includes('línea 6') || undefined, 'refusal');
    expect(said(b)).toContain('Los subtítulos «recorrido.srt» tienen un tiempo mal escrito en la línea 6: «00:00:03,500 --> 00:00:0x,000».');
    expect(await b.comunicados()).toEqual([]);
  });
});

