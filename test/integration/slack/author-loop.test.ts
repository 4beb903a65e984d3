import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/schema.ts';
import { startFakeHttpPortal, type FakeHttpPortal } from '../../fakes/portal/http-receiver.ts';
import { messageEvent, reactionAdded } from '../../fakes/slack/requests.ts';
import type { FakeMessage } from '../../fakes/slack/web-api-fake.ts';
import { CHANNELS, jpeg, startHarness, testConfig, USERS, type Harness } from './harness.ts';

/*
 * Bolt against the Slack fake: the redactora submits in the comunicados channel (she may
 * not be in the approvals channel) and hears every outcome there, tagged, with the links.
 */

const SECRET = 'secreto-del-portal-slack-author-loop-0123456';
const TITLE = 'Feria del empleo en el Parque Centenario';
const FORM = `${TITLE}\n\nLa Alcaldía de Ibagué ofrece 600 vacantes este viernes.\n\nLleve hoja de vida impresa. #Empleo`;

function config(): Config {
  const c = testConfig();
  return { ...c, portal: { ...c.portal, type: 'http' }, publishing: { ...c.publishing, maxAttempts: 1 } };
}

describe('Slack: the author hears every outcome in the comunicados channel, with the links', () => {
  let h: Harness;
  let portal: FakeHttpPortal;
  afterEach(async () => {
    await h.close();
    await portal.close();
  });

  async function start(): Promise<void> {
    portal = await startFakeHttpPortal(SECRET);
    h = await startHarness({ config: config(), env: { PORTAL_URL: portal.url, PORTAL_HMAC_SECRET: SECRET } });
  }

  async function submit(text: string): Promise<{ id: string; preview: FakeMessage }> {
    const before = new Set((await h.store.list()).map((s) => s.id));
    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text });
    await h.settle();
    const id = (await h.store.list()).map((s) => s.id).find((x) => !before.has(x))!;
    const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(`Nuevo comunicado para aprobación: ${id}`))!;
    return { id, preview };
  }

  const react = (preview: FakeMessage, reaction: string) =>
    h.event(reactionAdded({ userId: USERS.jefe.id, reaction, channel: CHANNELS.aprobaciones, ts: preview.ts }));

  /** What the bot told the redactora in the comunicados channel (tagged), newest last. */
  const toAuthor = () => h.fake.posted(CHANNELS.comunicados).filter((m) => m.text.startsWith(`<@${USERS.redactora.id}>`));

  it('published, partially published and withdrawn, each with its sentence and its links', async () => {
    await start();
    const ok = await submit(`${FORM}\ndestinos: portal, facebook`);
    await react(ok.preview, 'white_check_mark');
    await h.settle();
    let c = (await h.store.get(ok.id))!;
    expect(c.state).toBe('published');
    let last = toAuthor().at(-1)!;
    expect(last.text).toContain(`✅ Su comunicado ${ok.id} «${TITLE}» quedó publicado en todos sus destinos.`);
    const blocks = JSON.stringify(last.blocks);
    for (const d of Object.values(c.deliveries)) expect(blocks).toContain(`<${d.url}|`);
    expect(blocks).toContain('|Portal · noticia>');
    expect(blocks).toContain('|Facebook · Alcaldía (simulación)>');
    // A slash command leaves no message of hers: everything comes in the thread of the receipt.
    const receipt = h.fake.posted(CHANNELS.comunicados).find((m) => m.text.includes(`Recibido: ${ok.id}`))!;
    expect(receipt.threadTs).toBeUndefined();
    expect(toAuthor().filter((m) => m.text.includes(ok.id)).map((m) => m.threadTs)).toEqual([receipt.ts, receipt.ts]);

    const partial = await submit(`${FORM}\ndestinos: portal, facebook`);
    portal.failNext({ method: 'POST', status: 422, body: { error: 'La categoría Empleo no existe' } });
    await react(partial.preview, 'white_check_mark');
    await h.settle();
    c = (await h.store.get(partial.id))!;
    expect(c.state).toBe('partially_published');
    last = toAuthor().at(-1)!;
    expect(last.text).toContain(`⚠️ Su comunicado ${partial.id} «${TITLE}» quedó publicado solo en parte.`);
    expect(last.text).toContain('• Portal · noticia: El portal rechazó el comunicado (422): La categoría Empleo no existe.');
    expect(JSON.stringify(last.blocks)).toContain('|Facebook · Alcaldía (simulación)>');
    expect(JSON.stringify(last.blocks)).not.toContain('|Portal · noticia>');

    // The Jefe withdraws it from the approvals channel; the redactora hears it in hers.
    await h.command({ command: '/retirar', userId: USERS.jefe.id, channelId: CHANNELS.aprobaciones, text: `${partial.id} La feria se aplazó` });
    await h.settle();
    last = toAuthor().at(-1)!;
    expect(last.text).toContain(`🗑️ Su comunicado ${partial.id} fue retirado por Jefe Carlos. Motivo: La feria se aplazó`);
    expect(last.text).toContain('Facebook · Alcaldía');
  });

  it('failed, rejected and changes requested: the reason or the request, in her channel', async () => {
    await start();
    const failed = await submit(`${FORM}\ndestinos: portal`);
    portal.failNext({ method: 'POST', status: 422, body: { error: 'El título supera 30 caracteres' } });
    await react(failed.preview, 'white_check_mark');
    await h.settle();
    expect((await h.store.get(failed.id))!.state).toBe('failed');
    expect(toAuthor().at(-1)!.text).toContain(`❌ Su comunicado ${failed.id} «${TITLE}» no se pudo publicar en ningún destino.`);
    expect(toAuthor().at(-1)!.text).toContain('El título supera 30 caracteres');

    const rejected = await submit(FORM);
    await react(rejected.preview, 'x');
    await h.settle();
    await h.event(messageEvent({ userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, text: 'Faltan las cifras oficiales', threadTs: rejected.preview.ts }));
    await h.settle();
    expect(toAuthor().at(-1)!.text).toContain(`❌ Su comunicado ${rejected.id} fue rechazado por Jefe Carlos. Motivo: Faltan las cifras oficiales`);

    const changes = await submit(FORM);
    await h.command({ command: '/cambios', userId: USERS.jefe.id, channelId: CHANNELS.aprobaciones, text: `${changes.id} Agregue el horario de atención` });
    await h.settle();
    expect((await h.store.get(changes.id))!.state).toBe('changes_requested');
    expect(toAuthor().at(-1)!.text).toContain(`✏️ Jefe Carlos pidió cambios en su comunicado ${changes.id}: Agregue el horario de atención`);
    // ✏️ carries no words: the bot asks the Jefe in the thread and sends his answer on to her.
    const pencil = await submit(FORM);
    await react(pencil.preview, 'pencil2');
    await h.settle();
    const question = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.threadTs === pencil.preview.ts && m.text.includes(`qué cambios necesita ${pencil.id}`));
    expect(question?.text).toContain(`<@${USERS.jefe.id}>`);
    expect(toAuthor().at(-1)!.text).toContain(`✏️ Jefe Carlos pidió cambios en su comunicado ${pencil.id}.`);
    await h.event(messageEvent({ userId: USERS.intruso.id, channel: CHANNELS.aprobaciones, text: 'Yo lo veo bien', threadTs: pencil.preview.ts }));
    await h.event(messageEvent({ userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, text: 'Cambie la foto por una del evento', threadTs: pencil.preview.ts }));
    await h.settle();
    expect(toAuthor().at(-1)!.text).toContain(`✏️ Jefe Carlos pidió cambios en su comunicado ${pencil.id}: Cambie la foto por una del evento`);
    expect((await h.store.get(pencil.id))!.changesRequested?.note).toBe('Cambie la foto por una del evento');
    expect(toAuthor().filter((m) => m.text.includes('Yo lo veo bien'))).toEqual([]);

    // Nothing about this comunicado reached her as "look in the preview's thread".
    expect(h.fake.posted(CHANNELS.comunicados).map((m) => m.text).join('\n')).not.toMatch(/hilo de la vista previa|quedó falló/);
  });

  it('a photo without alt text: told at once in her thread with its name and the line to send, which then fixes only that', async () => {
    await start();
    const photo = h.fake.addFile({ id: 'F0FERIA', name: 'feria.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg(320, 240) });
    const ts = '1767100000.000300';
    await h.event(messageEvent({ userId: USERS.redactora.id, channel: CHANNELS.comunicados, ts, text: `comunicado: ${FORM}`, files: [photo] }));
    await h.settle();
    const [summary] = await h.store.list();
    const id = summary!.id;
    const receipt = h.fake.posted(CHANNELS.comunicados).find((m) => m.text.includes(`Recibido: ${id}`))!;
    expect(receipt.threadTs).toBe(ts);
    expect(receipt.text).toContain('⚠️ La imagen «feria.jpg» no tiene texto alternativo');
    expect(receipt.text).toContain(`/comunicado editar ${id}\nalt feria.jpg: descripción de la imagen`);

    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: `editar ${id}\nalt feria.jpg: Personas en fila frente a la feria` });
    await h.settle();
    const c = (await h.store.get(id))!;
    expect(c.version).toBe(2);
    expect(c.content).toMatchObject({ title: TITLE, lead: 'La Alcaldía de Ibagué ofrece 600 vacantes este viernes.', body: 'Lleve hoja de vida impresa. #Empleo' });
    expect(c.content.attachments).toEqual([expect.objectContaining({ filename: 'feria.jpg', alt: 'Personas en fila frente a la feria' })]);
    expect(h.fake.posted(CHANNELS.comunicados).map((m) => m.text).join('\n')).not.toContain('El comunicado está vacío');
  });
});
