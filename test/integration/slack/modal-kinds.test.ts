import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { viewSubmission } from '../../fakes/slack/requests.ts';
import { startHarness, TEAM, USERS, type Harness } from './harness.ts';

/**
 * Issue 16 in Slack, with Bolt against the fake Web API: the modal's Tipo, Cierre,
 * Inscripción and Enlace fields. A foreign link is shown under its field and creates
 * nothing; the corrected convocatoria gets its kind, deadline and its kind's destinations.
 */
const text = (value: string) => ({ valor: { type: 'plain_text_input', value } });
const url = (value: string) => ({ valor: { type: 'url_text_input', value } });
const checked = (...values: string[]) => ({ valor: { type: 'checkboxes', selected_options: values.map((v) => ({ text: { type: 'plain_text', text: v }, value: v })) } });

describe('Slack modal: kinds, deadline and links', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('refuses a foreign link under its field; the corrected convocatoria is submitted with its kind defaults', async () => {
    await h.command({ command: '/comunicado', userId: USERS.redactora.id });
    await h.settle();
    const call = h.fake.callsTo('views.open').at(-1)!;
    const view = JSON.parse(String(call.args.view)) as Record<string, any>;
    const kind = view.blocks.find((b: Record<string, any>) => b.block_id === 'tipo');
    expect(kind.element.initial_option.value).toBe('comunicado');
    expect(kind.element.options.map((o: Record<string, any>) => o.text.text)).toEqual(['Comunicado de prensa', 'Aviso', 'Convocatoria']);
    const inTwoWeeks = Math.floor(Date.now() / 1000 / 60) * 60 + 14 * 86_400;
    const values = (enlace: string) => ({
      tipo: { valor: { type: 'static_select', selected_option: { value: 'convocatoria' } } },
      titulo: text('Convocatoria de becas universitarias'),
      entradilla: text('La Alcaldía abre 200 becas para bachilleres.'),
      cuerpo: text(''),
      hashtags: text(''),
      // The ticks the modal opened with: a convocatoria then gets its own kind's defaults.
      destinos_portal: checked('portal:noticia'),
      destinos_redes: checked('facebook:alcaldia', 'x:alcaldia'),
      destinos_correo: checked(),
      programar: { valor: { type: 'datetimepicker', selected_date_time: null } },
      vigencia: { valor: { type: 'datepicker', selected_date: null } },
      cierre: { valor: { type: 'datetimepicker', selected_date_time: inTwoWeeks } },
      inscripciones: url('https://www.ibague.gov.co/becas'),
      enlace: url(enlace),
      archivos: { valor: { type: 'file_input', files: [] } },
      descripciones: text(''),
    });

    const refused = await h.interaction(viewSubmission(TEAM, { userId: USERS.redactora.id, view, values: values('https://becas-ibague.example/registro') }));
    const body = refused.json() as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors).toEqual({ enlace: expect.stringContaining('apunta al dominio «becas-ibague.example», que no está entre los permitidos (ibague.gov.co, gov.co)') });
    await h.settle();
    expect(await h.store.list()).toEqual([]);

    const ok = await h.interaction(viewSubmission(TEAM, { userId: USERS.redactora.id, view, values: values('https://www.ibague.gov.co/becas/bases') }));
    expect(ok.status).toBe(200);
    await h.settle();
    const [s] = await h.store.list();
    const c = (await h.store.get(s!.id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.content).toMatchObject({
      kind: 'convocatoria',
      closesAt: new Date(inTwoWeeks * 1000).toISOString().replace('.000', ''),
      registrationUrl: 'https://www.ibague.gov.co/becas',
      linkTarget: 'https://www.ibague.gov.co/becas/bases',
      destinations: ['portal:noticia', 'portal:slider_principal', 'facebook:alcaldia', 'x:alcaldia'],
    });
  });
});
