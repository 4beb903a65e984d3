import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewSubmission } from '../../fakes/slack/requests.ts';
import { CHANNELS, jpeg, startHarness, TEAM, USERS, type Harness } from './harness.ts';

type Block = Record<string, any>;

function openedView(h: Harness): Record<string, any> {
  const call = h.fake.callsTo('views.open').at(-1);
  expect(call, 'views.open was called').toBeDefined();
  return JSON.parse(String(call!.args.view)) as Record<string, any>;
}

const text = (value: string) => ({ valor: { type: 'plain_text_input', value } });
const checked = (...values: string[]) => ({ valor: { type: 'checkboxes', selected_options: values.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) } });

function values(over: Record<string, unknown> = {}): Record<string, Record<string, unknown>> {
  return {
    titulo: text('Jornada de vacunación gratuita en la comuna 7'),
    entradilla: text('La Secretaría de Salud vacunará gratis este sábado a niños y adultos mayores.'),
    cuerpo: text('Habrá puestos en el parque principal de 8:00 a 16:00.\n\nLleve el carné de vacunación.'),
    hashtags: text('Salud, #Ibagué'),
    destinos_portal: checked('portal:noticia'),
    destinos_redes: checked('facebook:alcaldia'),
    destinos_correo: checked(),
    programar: { valor: { type: 'datetimepicker', selected_date_time: null } },
    vigencia: { valor: { type: 'datepicker', selected_date: null } },
    archivos: { valor: { type: 'file_input', files: [] } },
    descripciones: text(''),
    ...over,
  } as Record<string, Record<string, unknown>>;
}

describe('Slack /comunicado: slash command, modal, submission, preview', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('acknowledges at once, then opens the Spanish modal with the configured destinations ticked', async () => {
    // views.open is held open until released: the command's answer must come while it waits.
    const viewsOpen = h.fake.hold('views.open');
    const res = await h.command({ command: '/comunicado', userId: USERS.redactora.id, triggerId: '1337.42.trigger' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    // Ack first, work after: views.open was called (or is about to be) and is still unanswered.
    await viewsOpen.arrived;
    expect(h.fake.callsTo('views.open')).toHaveLength(1);
    viewsOpen.release();
    await h.settle();

    const call = h.fake.callsTo('views.open')[0]!;
    expect(call.args.trigger_id).toBe('1337.42.trigger');
    expect(call.auth).toBe('header');
    const view = openedView(h);
    expect(view.title.text).toBe('Nuevo comunicado');
    expect(view.submit.text).toBe('Enviar a aprobación');
    const inputs = (view.blocks as Block[]).filter((b) => b.type === 'input');
    const byId = Object.fromEntries(inputs.map((b) => [b.block_id, b]));
    expect(inputs.map((b) => b.label.text)).toEqual([
      'Tipo',
      'Título (titular)',
      'Entradilla',
      'Cuerpo',
      'Hashtags',
      'Portal web',
      'Redes sociales',
      'Correo a medios',
      'Programar publicación',
      'Vigencia (último día)',
      'Cierre de la convocatoria',
      'Dirección de inscripción',
      'Enlace del slider, banner o pop-up',
      'Fotos, video y documentos',
      'Descripción de cada imagen (texto alternativo)',
    ]);
    expect(byId.programar.element.type).toBe('datetimepicker');
    expect(byId.vigencia.element.type).toBe('datepicker');
    expect(byId.archivos.element.type).toBe('file_input');
    expect(byId.destinos_portal.element.initial_options.map((o: Block) => o.value)).toEqual(['portal:noticia']);
    expect(byId.destinos_redes.element.initial_options.map((o: Block) => o.value)).toEqual(['facebook:alcaldia', 'x:alcaldia']);
    expect(byId.destinos_redes.element.options.map((o: Block) => o.text.text)).toContain('Facebook · Alcalde');
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: CHANNELS.comunicados });
  });

  it('turns a submission with a photo and its description into a draft and posts the preview for approval', async () => {
    await h.command({ command: '/comunicado', userId: USERS.redactora.id });
    await h.settle();
    const view = openedView(h);
    const photo = h.fake.addFile({ id: 'F0FOTO1', name: 'vacunacion.jpg', mimetype: 'image/jpeg', filetype: 'jpg', data: await jpeg() });

    const res = await h.interaction(
      viewSubmission(TEAM, {
        userId: USERS.redactora.id,
        view,
        values: values({
          archivos: { valor: { type: 'file_input', files: [photo] } },
          descripciones: text('vacunacion.jpg: Una enfermera vacuna a una niña en el parque principal'),
        }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // an empty ack closes the modal
    await h.settle();

    // The photo was downloaded with the bot token.
    expect(h.fake.downloads).toEqual([{ fileId: 'F0FOTO1', authorized: true }]);
    const [summary] = await h.store.list();
    expect(summary?.state).toBe('pending_approval');
    const c = (await h.store.get(summary!.id))!;
    expect(c.content.title).toBe('Jornada de vacunación gratuita en la comuna 7');
    expect(c.content.lead).toBe('La Secretaría de Salud vacunará gratis este sábado a niños y adultos mayores.');
    expect(c.content.hashtags).toEqual(expect.arrayContaining(['Salud', 'Ibagué']));
    expect(c.content.destinations).toEqual(['portal:noticia', 'facebook:alcaldia']);
    expect(c.content.attachments).toHaveLength(1);
    expect(c.content.attachments[0]).toMatchObject({ kind: 'image', mime: 'image/jpeg', alt: 'Una enfermera vacuna a una niña en el parque principal' });
    expect(c.author).toMatchObject({ platform: 'slack', userId: USERS.redactora.id, name: 'Laura' });

    // The preview went to the approvals channel, as Block Kit with the three buttons, tagging the Jefe.
    const [preview] = h.fake.posted(CHANNELS.aprobaciones);
    expect(preview?.text).toContain(`Nuevo comunicado para aprobación: ${c.id}`);
    expect(preview?.text).toContain(`<@${USERS.jefe.id}>`);
    const buttons = preview!.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements as Block[]);
    expect(buttons.map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['approve', 'Aprobar', c.id],
      ['reject', 'Rechazar', c.id],
      ['request_changes', 'Pedir cambios', c.id],
    ]);
    const mrkdwn = preview!.blocks.filter((b) => b.type === 'section').map((b) => (b.text as Block).text as string).join('\n');
    expect(mrkdwn).toContain('*Jornada de vacunación gratuita en la comuna 7*');
    expect(mrkdwn).toContain('Facebook · Alcaldía');
    expect(preview!.blocks.some((b) => b.type === 'context' && JSON.stringify(b).includes(`<@${USERS.jefe.id}>`))).toBe(true);
    expect(c.messages.preview).toMatchObject({ platform: 'slack', channel: CHANNELS.aprobaciones, messageId: preview!.ts });

    // The author hears back in the channel the command came from.
    expect(h.fake.posted(CHANNELS.comunicados).map((m) => m.text).join('\n')).toContain(`Recibido: ${c.id}`);
  });

  it('shows problems on the modal fields and keeps it open, creating nothing', async () => {
    await h.command({ command: '/comunicado', userId: USERS.redactora.id });
    await h.settle();
    const view = openedView(h);
    const photo = h.fake.addFile({ id: 'F0FOTO2', name: 'rueda-de-prensa.png', mimetype: 'image/png', filetype: 'png', data: await jpeg() });
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;

    const res = await h.interaction(
      viewSubmission(TEAM, {
        userId: USERS.redactora.id,
        view,
        values: values({
          hashtags: text('#Salud #mal-hashtag'),
          destinos_portal: checked(),
          destinos_redes: checked(),
          programar: { valor: { type: 'datetimepicker', selected_date_time: anHourAgo } },
          archivos: { valor: { type: 'file_input', files: [photo] } },
        }),
      }),
    );
    expect(res.status).toBe(200);
    const body = res.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({
      hashtags: expect.stringContaining('«#mal-hashtag» no es válido'),
      destinos_portal: 'Elija al menos un destino (portal, redes o correo).',
      programar: expect.stringContaining('ya pasó'),
      descripciones: expect.stringContaining('Falta la descripción de: rueda-de-prensa.png'),
    });
    await h.settle();
    expect(await h.store.list()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(h.fake.downloads).toEqual([]);
  });

  it('takes `/comunicado <text>` as the plain-text form and skips the modal', async () => {
    const res = await h.command({
      command: '/comunicado',
      userId: USERS.redactora.id,
      text: 'Cierre vial en la carrera 5 por obras\n\nLa Secretaría de Movilidad anuncia el cierre entre calles 10 y 15.\n\nDesvíos por la carrera 4. #Movilidad\ndestinos: portal, x',
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.settle();
    expect(h.fake.callsTo('views.open')).toEqual([]);
    const [summary] = await h.store.list();
    const c = (await h.store.get(summary!.id))!;
    expect(c.content.title).toBe('Cierre vial en la carrera 5 por obras');
    expect(c.content.destinations).toEqual(['portal:noticia', 'x:alcaldia']);
    expect(h.fake.posted(CHANNELS.aprobaciones)[0]?.text).toContain(c.id);
  });

  it('answers a command typed outside the configured channels only to the person', async () => {
    const res = await h.command({ command: '/comunicado', userId: USERS.redactora.id, channelId: CHANNELS.otro });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Use /comunicado en el canal de comunicados (<#${CHANNELS.comunicados}>)`);
    await h.settle();
    expect(h.fake.callsTo('views.open')).toEqual([]);
  });
});
