import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../../fakes/slack/requests.ts';
import { filesUnder, PDF } from '../../fixtures/hostile-files.ts';
import { CHANNELS, jpeg, startHarness, testConfig, USERS, type Harness } from './harness.ts';

describe('Slack: a message with attachments in the comunicados channel', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('turns `comunicado:` plus a photo into a draft, downloading the file with the bot token', async () => {
    h = await startHarness();
    const photo = h.fake.addFile({ id: 'F0PARQUE', name: 'parque.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg(640, 480) });
    const ts = '1767100000.000200';
    await h.event(
      messageEvent({
        userId: USERS.redactora.id,
        channel: CHANNELS.comunicados,
        ts,
        text: '*comunicado:* Reapertura del Parque de la Música\n\nEl parque abre de nuevo este domingo con conciertos gratuitos &amp; actividades.\n\nalt parque.jpg: Vista aérea del parque con el escenario al fondo',
        files: [photo],
      }),
    );
    await h.settle();

    expect(h.fake.downloads).toEqual([{ fileId: 'F0PARQUE', authorized: true }]);
    const [summary] = await h.store.list();
    const c = (await h.store.get(summary!.id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.content.title).toBe('Reapertura del Parque de la Música');
    expect(c.content.lead).toBe('El parque abre de nuevo este domingo con conciertos gratuitos & actividades.');
    expect(c.content.attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg', alt: 'Vista aérea del parque con el escenario al fondo' })]);
    expect(c.origin).toMatchObject({ platform: 'slack', channel: CHANNELS.comunicados, messageId: ts });
    // The answer goes in the thread of the person's message; the preview to approvals.
    const reply = h.fake.posted(CHANNELS.comunicados).find((m) => m.text.includes(`Recibido: ${c.id}`));
    expect(reply?.threadTs).toBe(ts);
    const preview = h.fake.posted(CHANNELS.aprobaciones)[0];
    expect(preview?.text).toContain(c.id);
    // The preview shows the photo itself, from Slack, with its alt text.
    expect(preview?.blocks).toContainEqual({ type: 'image', slack_file: { id: 'F0PARQUE' }, alt_text: 'Vista aérea del parque con el escenario al fondo' });
  });

  it('also takes a mention of the bot with files, and asks files.info when the event carries only a stub', async () => {
    h = await startHarness();
    h.fake.addFile({ id: 'F0INFORME', name: 'informe-gestion.pdf', mimetype: 'application/pdf', filetype: 'pdf', data: PDF });
    const stub = { id: 'F0INFORME', mode: 'hosted', file_access: 'check_file_info' };
    await h.event(
      messageEvent({
        userId: USERS.redactora.id,
        channel: CHANNELS.comunicados,
        text: `<@${h.fake.botUserId}> Informe de gestión del primer semestre\n\nLa Alcaldía publica el informe completo.`,
        files: [stub],
      }),
    );
    await h.settle();
    expect(h.fake.callsTo('files.info').map((c) => c.args.file)).toEqual(['F0INFORME']);
    const [summary] = await h.store.list();
    const c = (await h.store.get(summary!.id))!;
    expect(c.content.title).toBe('Informe de gestión del primer semestre');
    expect(c.content.attachments).toEqual([expect.objectContaining({ kind: 'document', mime: 'application/pdf' })]);
  });

  it('refuses a file over the size limit in Spanish, without downloading it', async () => {
    h = await startHarness({ config: testConfig({ maxBytes: 50_000 }) });
    const big = h.fake.addFile({ id: 'F0GRANDE', name: 'foto-grande.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: Buffer.concat([await jpeg(), Buffer.alloc(80_000)]) });
    await h.event(
      messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: 'comunicado: Foto muy pesada\n\nEntradilla.\n\nalt foto-grande.jpg: Una foto', files: [big] }),
    );
    await h.settle();

    expect(h.fake.downloads).toEqual([]);
    const [refusal] = h.fake.callsTo('chat.postEphemeral');
    expect(refusal?.args).toMatchObject({ channel: CHANNELS.comunicados, user: USERS.redactora.id });
    expect(String(refusal?.args.text)).toBe(
      'El archivo «foto-grande.jpg» pesa más de 49 KB, el máximo permitido. Redúzcalo (o comprímalo) y vuelva a enviarlo.',
    );
    expect(await h.store.list()).toEqual([]);
    expect(h.fake.posted(CHANNELS.aprobaciones)).toEqual([]);
  });

  it('refuses it too when Slack under-reports the size, from the download’s length, leaving nothing on disk', async () => {
    h = await startHarness({ config: testConfig({ maxBytes: 50_000 }) });
    const big = h.fake.addFile({ id: 'F0MIENTE', name: 'video.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: Buffer.concat([await jpeg(), Buffer.alloc(80_000)]), size: 1_000 });
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: 'comunicado: Otro intento\n\nEntradilla.', files: [big] }));
    await h.settle();

    expect(h.fake.downloads).toEqual([{ fileId: 'F0MIENTE', authorized: true }]);
    const [refusal] = h.fake.callsTo('chat.postEphemeral');
    expect(String(refusal?.args.text)).toContain('El archivo «video.jpg» pesa más de 49 KB');
    expect(await h.store.list()).toEqual([]);
    expect(await filesUnder(h.dataDir)).toEqual([]);
  });

  it('leaves other messages alone: no prefix, in a thread, or in another channel', async () => {
    h = await startHarness();
    const photo = h.fake.addFile({ id: 'F0OTRA', name: 'otra.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg() });
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: 'Buenos días, equipo', files: [photo] }));
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, text: 'comunicado: en un hilo', threadTs: '1767000000.000001' }));
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.otro, text: 'comunicado: en otro canal\n\nTexto.' }));
    await h.settle();
    expect(await h.store.list()).toEqual([]);
    expect(h.fake.downloads).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(h.fake.callsTo('chat.postEphemeral')).toEqual([]);
  });
});
