import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/domain/errors.ts';
import { parseForm } from '../../../src/domain/form.ts';
import { checkLink, hostAllowed, KIND_DEFAULTS, kindOf, parseKind } from '../../../src/domain/kinds.ts';
import { renderSaid } from '../../../src/messages/errors.ts';
import { t } from '../../../src/messages/index.ts';
import { answerForm, formText, startForm, type FormState } from '../../../src/service/form-conversation.ts';
import { readSubmission, type StateValues } from '../../../src/chat/slack/modal.ts';

const NOW = new Date('2026-11-29T14:00:00Z');
const ZONE = 'America/Bogota';
const ALLOWED = ['ibague.gov.co', 'gov.co'];

function parse(text: string, extra: Partial<Parameters<typeof parseForm>[2]> = {}) {
  return parseForm(text, NOW, { timezone: ZONE, allowedLinkDomains: ALLOWED, defaults: ['portal:noticia', 'email:todos'], ...extra });
}

/** The keys and the Spanish texts of every problem the form has. */
function problems(text: string, extra: Partial<Parameters<typeof parseForm>[2]> = {}): Array<{ key: string; text: string }> {
  try {
    parse(text, extra);
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => ({ key: p.key, text: renderSaid(p) }));
    throw err;
  }
  return [];
}

describe('tipo: the kind of submission', () => {
  it.each([
    ['comunicado', 'comunicado'],
    ['Aviso', 'aviso'],
    ['  CONVOCATORIA  ', 'convocatoria'],
    ['convocatória', 'convocatoria'], // an accent typed by habit
    ['convocato\u0301ria', 'convocatoria'], // the same accent as a combining mark
  ])('«tipo: %s» is %s', (value, kind) => {
    const extra = kind === 'convocatoria' ? '\ncierre: 2026-12-15 17:00' : '';
    expect(parse(`Título\n\nEntradilla.\ntipo: ${value}${extra}`).content.kind).toBe(kind);
  });

  it.each([
    ['noticia'],
    ['aviso, convocatoria'],
    ['avisos'],
    ['<script>alert(1)</script>'],
    ['comunicado\u202e'],
    ['a'.repeat(500)],
    [''],
  ])('«tipo: %s» is refused in Spanish, naming what was written (at most 40 characters)', (value) => {
    const found = problems(`Título\n\nEntradilla.\ntipo: ${value}`);
    expect(found.map((p) => p.key)).toEqual(['form.bad_kind']);
    expect(found[0]!.text).toContain('«tipo: comunicado», «tipo: aviso» o «tipo: convocatoria»');
    expect(found[0]!.text.length).toBeLessThan(200);
  });

  it('a form without tipo is a comunicado, and a stored comunicado without kind reads as one', () => {
    const f = parse('Título\n\nEntradilla.');
    expect(f.content.kind).toBeUndefined();
    expect(kindOf(f.content)).toBe('comunicado');
    expect(f.kindGiven).toBe(false);
    expect(parseKind('otra cosa')).toBeUndefined();
  });

  it('each kind gets its own default destinations; the config may set them; named destinations win', () => {
    expect(parse('T\n\nE.').content.destinations).toEqual(['portal:noticia', 'email:todos']);
    expect(parse('T\n\nE.\ntipo: aviso').content.destinations).toEqual(KIND_DEFAULTS.aviso);
    expect(parse('T\n\nE.\ntipo: aviso').content.destinations).not.toContain('portal:noticia');
    expect(parse('T\n\nE.\ntipo: convocatoria\ncierre: 2026-12-15 17:00').content.destinations).toEqual(KIND_DEFAULTS.convocatoria);
    const configured = parse('T\n\nE.\ntipo: aviso', { defaultsByKind: { aviso: ['portal:popup'] } });
    expect(configured.content.destinations).toEqual(['portal:popup']);
    expect(parse('T\n\nE.\ntipo: aviso\ndestinos: portal, correo').content.destinations).toEqual(['portal:noticia', 'email:todos']);
  });
});

describe('cierre: a convocatoria deadline', () => {
  it('reads the deadline in the office time zone and keeps it in UTC', () => {
    const f = parse('Convocatoria de becas\n\nEntradilla.\ntipo: convocatoria\ncierre: 2026-12-15 17:00');
    expect(f.content.closesAt).toBe('2026-12-15T22:00:00Z');
    expect(f.cierreGiven).toBe(true);
  });

  it.each([
    ['15/12/2026 17:00', 'form.bad_cierre'],
    ['2026-12-15', 'form.bad_cierre'],
    ['2026-13-40 25:99', 'form.bad_cierre'],
    ['2026-12-15 17:00; DROP TABLE', 'form.bad_cierre'],
    ['mañana', 'form.bad_cierre'],
    ['2026-11-29 08:00', 'form.cierre_past'], // 13:00 UTC, an hour before NOW
    ['2020-01-01 00:00', 'form.cierre_past'],
  ])('«cierre: %s» is refused (%s)', (value, key) => {
    const found = problems(`T\n\nE.\ntipo: convocatoria\ncierre: ${value}`);
    expect(found.map((p) => p.key)).toEqual([key]);
    expect(found[0]!.text).toMatch(/cierre/);
  });

  it('a convocatoria needs its cierre; a cierre needs a convocatoria; it comes after programar', () => {
    expect(problems('T\n\nE.\ntipo: convocatoria').map((p) => p.key)).toEqual(['form.cierre_missing']);
    expect(problems('T\n\nE.\ntipo: convocatoria').map((p) => p.text)[0]).toContain('cierre: AAAA-MM-DD HH:MM');
    const notConv = problems('T\n\nE.\ncierre: 2026-12-15 17:00');
    expect(notConv.map((p) => p.key)).toEqual(['form.cierre_not_convocatoria']);
    expect(notConv[0]!.text).toContain('este es un comunicado');
    expect(problems('T\n\nE.\ntipo: aviso\ncierre: 2026-12-15 17:00').map((p) => p.key)).toEqual(['form.cierre_not_convocatoria']);
    expect(problems('T\n\nE.\ntipo: convocatoria\nprogramar: 2026-12-16 08:00\ncierre: 2026-12-15 17:00').map((p) => p.key)).toEqual(['form.cierre_before_schedule']);
  });

  it('an edit may carry only its trailing lines: the whole is checked once merged, not here', () => {
    const f = parseForm('cierre: 2026-12-20 12:00', NOW, { timezone: ZONE, keepText: { title: 'T', lead: '', body: '', hashtags: [] } });
    expect(f.textGiven).toBe(false);
    expect(f.content.closesAt).toBe('2026-12-20T17:00:00Z');
  });
});

describe('enlace: and inscripciones: links, on allowed domains only', () => {
  it.each([
    ['https://ibague.gov.co/tramites', 'https://ibague.gov.co/tramites'],
    ['https://www.ibague.gov.co/convocatorias?id=7#form', 'https://www.ibague.gov.co/convocatorias?id=7#form'],
    ['https://IBAGUE.GOV.CO/Tramites', 'https://ibague.gov.co/Tramites'],
    ['https://funcionpublica.gov.co/', 'https://funcionpublica.gov.co/'],
    ['https://ibague.gov.co./x', 'https://ibague.gov.co./x'],
  ])('accepts %s', (value, url) => {
    expect(parse(`T\n\nE.\nenlace: ${value}`).content.linkTarget).toBe(url);
    expect(checkLink('enlace', value, ALLOWED)).toEqual({ url });
  });

  it.each([
    ['http://ibague.gov.co/tramites', 'form.link_not_https', 'https'],
    ['javascript:alert(document.cookie)', 'form.link_not_https', 'https'],
    ['data:text/html,<script>alert(1)</script>', 'form.link_not_https', 'https'],
    ['ftp://ibague.gov.co/x', 'form.link_not_https', 'https'],
    ['https://ibague.gov.co.evil.example/login', 'form.link_domain', '«ibague.gov.co.evil.example»'],
    ['https://evil.example/ibague.gov.co', 'form.link_domain', '«evil.example»'],
    ['https://ibague.gov.co@evil.example/', 'form.link_credentials', 'usuario'],
    ['https://user:clave@ibague.gov.co/', 'form.link_credentials', 'contraseña'],
    ['https://notgov.co/', 'form.link_domain', '«notgov.co»'],
    ['https://xn--ibagu-fsa.gov.co.evil.example/', 'form.link_domain', 'xn--ibagu-fsa'],
    ['https://ibagué.gov.co.evil.example/', 'form.link_domain', 'xn--ibagu-fsa.gov.co.evil.example'], // shown as the browser reads it
    ['https://192.168.0.1/admin', 'form.link_domain', '«192.168.0.1»'],
    ['https://[::1]/', 'form.link_domain', '[::1]'],
    ['https://ibague.gov.co\u202e/moc.live', 'form.bad_link', 'no es una dirección web'],
    ['https://ibague.gov.co\u200b.evil.example/', 'form.link_domain', '«ibague.gov.co.evil.example»'], // the invisible space is dropped first
    ['ibague.gov.co/tramites', 'form.bad_link', 'https://ibague.gov.co/tramites'],
    ['https://', 'form.bad_link', 'no es una dirección web'],
    [`https://ibague.gov.co/${'a'.repeat(2100)}`, 'form.link_too_long', '2000'],
  ].map(([v, k, s]) => [v!.length > 100 ? `${v!.slice(0, 40)}…(${v!.length})` : v!, k!, s!, v!] as const))('refuses %s (%s), in Spanish, naming the problem', (_label, key, shown, value) => {
    const found = problems(`T\n\nE.\nenlace: ${value}`);
    expect(found.map((p) => p.key)).toEqual([key]);
    expect(found[0]!.text).toContain(shown);
    expect(found[0]!.text).toContain('«enlace»');
    expect(found[0]!.text.length).toBeLessThan(400);
  });

  it('names the domain and the allowed ones; with none allowed, says the list is empty', () => {
    const [p] = problems('T\n\nE.\ninscripciones: https://forms.example.com/x');
    expect(p!.text).toBe(
      'El «inscripciones» apunta al dominio «forms.example.com», que no está entre los permitidos (ibague.gov.co, gov.co). Use una dirección de esos dominios o pida que agreguen el dominio en portal.allowedLinkDomains.',
    );
    const [none] = problems('T\n\nE.\nenlace: https://ibague.gov.co/', { allowedLinkDomains: [] });
    expect(none!.key).toBe('form.link_no_domains');
    expect(none!.text).toContain('«ibague.gov.co»');
  });

  it('a sentence that starts with «Inscripciones:» stays in the body; an empty enlace goes back to the noticia', () => {
    const f = parse('T\n\nE.\n\nInscripciones: abiertas hasta el viernes en la alcaldía.');
    expect(f.content.body).toBe('Inscripciones: abiertas hasta el viernes en la alcaldía.');
    expect(f.content.registrationUrl).toBeUndefined();
    const cleared = parse('T\n\nE.\nenlace:');
    expect(cleared.linkGiven).toBe(true);
    expect(cleared.content.linkTarget).toBeUndefined();
  });

  it('matches whole domain labels only', () => {
    expect(hostAllowed('www.ibague.gov.co', ['ibague.gov.co'])).toBe(true);
    expect(hostAllowed('evilibague.gov.co', ['ibague.gov.co'])).toBe(false);
    expect(hostAllowed('ibague.gov.co.evil.example', ['ibague.gov.co'])).toBe(false);
  });

  it('collects every problem of the form at once', () => {
    const keys = problems('T\n\nE.\ntipo: evento\ncierre: ayer\nenlace: http://x.example\ninscripciones: https://x.example').map((p) => p.key);
    expect(keys).toEqual(['form.bad_kind', 'form.bad_cierre', 'form.link_not_https', 'form.link_domain']);
  });
});

describe('the Telegram step-by-step form for an aviso or a convocatoria', () => {
  interface File {
    name: string;
  }
  const checks = {
    defaultsFor: (k: string) => (k === 'aviso' ? ['portal:banner_aviso', 'facebook:alcaldia'] : ['portal:noticia', 'portal:slider_principal']),
    allowedLinkDomains: ALLOWED,
    timezone: ZONE,
    now: NOW,
  };
  const answer = (s: FormState<File>, text: string) => answerForm(s, { text, files: [] }, ['portal:noticia'], checks);

  it('asks the deadline, the sign-up link and the link target, checking each, and writes the lines', () => {
    let s = startForm<File>('chat', 'ana', 'm1', [], NOW, 'convocatoria');
    s = answer(s, 'Convocatoria de becas 2027').state;
    s = answer(s, 'Hasta el 15 de diciembre.').state;
    let out = answer(s, '-');
    expect(out.text).toBe(t('telegram.form.cierre'));
    s = out.state;
    expect(answer(s, '15/12/2026').text).toBe(t('form.bad_cierre', { value: '15/12/2026' }));
    expect(answer(s, '2026-11-01 10:00').text).toBe(t('form.cierre_past', { value: '2026-11-01 10:00' }));
    out = answer(s, '2026-12-15 17:00');
    expect(out.text).toBe(t('telegram.form.inscripciones'));
    s = out.state;
    expect(answer(s, 'https://phish.example/becas').text).toContain('«phish.example»');
    out = answer(s, 'https://www.ibague.gov.co/becas');
    expect(out.text).toBe(t('telegram.form.destinos', { defaults: 'portal:noticia, portal:slider_principal' }));
    s = out.state;
    out = answer(s, '-');
    expect(out.text).toBe(t('telegram.form.enlace'));
    s = out.state;
    expect(answer(s, 'javascript:alert(1)').text).toContain('https');
    out = answer(s, '-');
    expect(out.text).toBe(t('telegram.form.fotos'));
    out = answer(out.state, 'listo');
    expect(out.kind).toBe('done');
    const f = parse(out.text);
    expect(f.content).toMatchObject({ kind: 'convocatoria', closesAt: '2026-12-15T22:00:00Z', registrationUrl: 'https://www.ibague.gov.co/becas', title: 'Convocatoria de becas 2027' });
    expect(f.content.linkTarget).toBeUndefined();
  });

  it('an aviso skips the deadline and may point its banner elsewhere; a plain comunicado asks as before', () => {
    let s = startForm<File>('chat', 'ana', 'm1', [], NOW, 'aviso');
    for (const a of ['Corte de agua en la comuna 5', 'El martes de 8 a 16.', '-']) s = answer(s, a).state;
    expect(s.step).toBe('destinos');
    s = answer(s, '-').state;
    s = answer(s, 'https://ibague.gov.co/cortes').state;
    expect(s.step).toBe('fotos');
    expect(formText(s)).toContain('tipo: aviso\nenlace: https://ibague.gov.co/cortes');
    const plain = startForm<File>('chat', 'ana', 'm1', [], NOW);
    expect(plain.tipo).toBeUndefined();
    expect(startForm<File>('chat', 'ana', 'm1', [], NOW, 'comunicado').tipo).toBeUndefined();
  });
});

describe('the Slack modal reads the kind, the deadline and the links', () => {
  const base = (extra: StateValues): StateValues => ({
    titulo: { valor: { value: 'Convocatoria de becas' } },
    entradilla: { valor: { value: 'Hasta el 15 de diciembre.' } },
    destinos_portal: { valor: { selected_options: [{ value: 'portal:noticia' }] } },
    ...extra,
  });
  const meta = JSON.stringify({ channel: 'C1' });
  const options = { now: NOW, timezone: ZONE, defaults: ['portal:noticia'], allowedLinkDomains: ALLOWED };

  it('writes tipo, cierre, inscripciones and enlace lines; untouched ticks give the kind its own defaults', () => {
    const read = readSubmission(
      base({
        tipo: { valor: { selected_option: { value: 'convocatoria' } } },
        cierre: { valor: { selected_date_time: Date.parse('2026-12-15T22:00:00Z') / 1000 } },
        inscripciones: { valor: { value: 'https://ibague.gov.co/becas' } },
        enlace: { valor: { value: 'https://ibague.gov.co/becas/bases' } },
      }),
      meta,
      options,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.text).toContain('tipo: convocatoria\ncierre: 2026-12-15 17:00\ninscripciones: https://ibague.gov.co/becas\nenlace: https://ibague.gov.co/becas/bases');
    expect(read.text).not.toContain('destinos:');
  });

  it('shows each problem under its own field', () => {
    const read = readSubmission(
      base({
        tipo: { valor: { selected_option: { value: 'convocatoria' } } },
        enlace: { valor: { value: 'https://evil.example/login' } },
        inscripciones: { valor: { value: 'http://ibague.gov.co/x' } },
      }),
      meta,
      options,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.cierre).toBe(t('form.cierre_missing'));
    expect(read.errors.enlace).toContain('«evil.example»');
    expect(read.errors.inscripciones).toContain('https');
    expect(read.errors.titulo).toBeUndefined();
  });
});
