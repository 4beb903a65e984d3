import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_SRT, MALFORMED_SRT, tinyMp4 } from '../../fixtures/accessible-files.ts';
import { messageEvent, reactionAdded } from '../../fakes/slack/requests.ts';
import { CHANNELS, jpeg, startHarness, testConfig, USERS, type Harness } from '../slack/harness.ts';

/*
 * Bolt against the Slack fake: a video without captions and an alt text that restates the
 * file name cannot be approved with ✅; the same comunicado with a captions file of the
 * same base name and a real description is approved. A malformed SRT is refused with its line.
 */

const FORM = 'Feria del empleo en el Parque Centenario\n\nLa Alcaldía de Ibagué ofrece 600 vacantes este viernes.\n\nLleve hoja de vida impresa.\ndestinos: facebook';

describe('Slack: the accessibility gate', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Every text the bot posted (any channel, threads included) or showed only to one person. */
  const said = () =>
    [
      ...Object.values(CHANNELS).flatMap((ch) => h.fake.posted(ch).map((m) => m.text)),
      ...h.fake.callsTo('chat.postEphemeral').map((c) => `${String(c.args['text'] ?? '')} ${JSON.stringify(c.args['blocks'] ?? '')}`),
    ].join('\n');

  async function submit(text: string, files: Array<Record<string, unknown>>, ts: string): Promise<string | undefined> {
    const before = new Set((await h.store.list()).map((s) => s.id));
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, ts, text: `comunicado: ${text}`, files }));
    await h.settle();
    return (await h.store.list()).map((s) => s.id).find((x) => !before.has(x));
  }

  async function approveByReaction(id: string): Promise<void> {
    const preview = h.fake.posted(CHANNELS.aprobaciones).filter((m) => m.text.includes(`Nuevo comunicado para aprobación: ${id}`)).at(-1)!;
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    await h.settle();
  }

  it('blocked without captions and with an alt text that restates the file; approved with both fixed', async () => {
    h = await startHarness({ config: testConfig() });
    const video = () => h.fake.addFile({ id: `F0VID${Math.random().toString(36).slice(2, 8)}`, name: 'recorrido.mp4', mimetype: 'video/mp4', filetype: 'mp4', data: tinyMp4() });
    const photo = h.fake.addFile({ id: 'F0FERIA', name: 'feria.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg(320, 240) });

    const blocked = (await submit(`${FORM}\nalt feria.jpg: feria`, [video(), photo], '1767100000.000400'))!;
    const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(blocked))!;
    expect(JSON.stringify(preview.blocks)).toContain('El video «recorrido.mp4» no tiene subtítulos');
    await approveByReaction(blocked);
    expect((await h.store.get(blocked))!.state).toBe('pending_approval');
    expect(said()).toContain('El texto alternativo de «feria.jpg» («feria») solo repite el nombre del archivo.');

    const photo2 = h.fake.addFile({ id: 'F0FERIA2', name: 'feria.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg(320, 240) });
    const srt = h.fake.addFile({ id: 'F0SRT', name: 'recorrido.srt', mimetype: 'text/plain', filetype: 'srt', data: Buffer.from(GOOD_SRT) });
    const ok = (await submit(`${FORM}\nalt feria.jpg: Personas en fila frente a la feria del empleo`, [video(), photo2, srt], '1767100000.000500'))!;
    const c = (await h.store.get(ok))!;
    expect(c.content.attachments.map((a) => a.filename)).toEqual(['recorrido.mp4', 'feria.jpg']);
    expect(c.content.attachments[0]!.captions).toMatchObject({ filename: 'recorrido.srt', cues: 2 });
    const okPreview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(`Nuevo comunicado para aprobación: ${ok}`))!;
    expect(JSON.stringify(okPreview.blocks)).toContain('💬 El video «recorrido.mp4» tiene subtítulos: «recorrido.srt» (2 líneas).');
    await approveByReaction(ok);
    expect((await h.store.get(ok))!.approvals.map((a) => a.kind)).toEqual(['approve']);
  });

  it('a malformed SRT is refused with the line that is wrong', async () => {
    h = await startHarness({ config: testConfig() });
    const video = h.fake.addFile({ id: 'F0VIDBAD', name: 'recorrido.mp4', mimetype: 'video/mp4', filetype: 'mp4', data: tinyMp4() });
    const srt = h.fake.addFile({ id: 'F0SRTBAD', name: 'recorrido.srt', mimetype: 'text/plain', filetype: 'srt', data: Buffer.from(MALFORMED_SRT) });
    expect(await submit(FORM, [video, srt], '1767100000.000600')).toBeUndefined();
    expect(said()).toContain('Los subtítulos «recorrido.srt» tienen un tiempo mal escrito en la línea 6');
  });
});
