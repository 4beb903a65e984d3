import { afterEach, describe, expect, it } from 'vitest';
import { closeBot, GROUP, previewOf, REDACTORA, startBot, type Bot } from './harness.ts';

/**
 * Issue 16 in Telegram, with the real Telegraf client against the fake Bot API:
 * `/comunicado convocatoria` asks the convocatoria's questions step by step, checks the
 * deadline and the links as it goes, and submits one convocatoria with its kind's
 * default destinations.
 */
let bot: Bot | undefined;
afterEach(async () => {
  await closeBot(bot);
  bot = undefined;
});

describe('Telegram: the step-by-step form of a convocatoria', () => {
  it('/comunicado convocatoria asks title, lead, body, cierre, inscripciones, destinos, enlace, fotos; refuses a bad date and a foreign link', async () => {
    bot = await startBot({ config: { portal: { allowedLinkDomains: ['ibague.gov.co'] }, destinations: { default: ['portal:noticia'] } } });
    const fake = bot.fake;
    fake.pushMessage(GROUP.id, REDACTORA, { text: '/comunicado convocatoria' });
    const questions = () => fake.sent(GROUP.id).filter((m) => m.payload['reply_markup']?.force_reply);
    const answer = async (n: number, text: string) => {
      const q = await fake.waitFor(() => questions()[n - 1], `question ${n}`);
      fake.pushMessage(GROUP.id, REDACTORA, { text, reply_to_message_id: q.messageId });
      return q;
    };
    const q1 = await fake.waitFor(() => questions()[0], 'first question');
    expect(q1.text).toContain('armemos la convocatoria paso a paso');
    await answer(1, 'Convocatoria de becas universitarias');
    await answer(2, 'La Alcaldía abre 200 becas para bachilleres.');
    await answer(3, '-');
    const q4 = await answer(4, 'el 15 de diciembre');
    expect(q4.text).toContain('¿Cuándo se cierra?');
    const again = await fake.waitFor(() => questions()[4], 'cierre refused');
    expect(again.text).toContain('La fecha de «cierre» debe tener la forma AAAA-MM-DD HH:MM');
    await answer(5, '2099-12-15 17:00');
    const q6 = await answer(6, 'https://becas.example.com/registro');
    expect(q6.text).toContain('¿Dónde se inscriben?');
    const refused = await fake.waitFor(() => questions()[6], 'link refused');
    expect(refused.text).toContain('apunta al dominio «becas.example.com», que no está entre los permitidos (ibague.gov.co)');
    await answer(7, 'https://www.ibague.gov.co/becas');
    const q8 = await answer(8, '-');
    expect(q8.text).toContain('portal:noticia, portal:slider_principal, facebook:alcaldia, x:alcaldia');
    const q9 = await answer(9, '-');
    expect(q9.text).toContain('¿A dónde lleva el slider');
    const q10 = await answer(10, 'listo');
    expect(q10.text).toContain('«listo»');
    await fake.waitFor(() => previewOf(bot!), 'preview');
    const [c] = await bot.comunicados();
    expect(c!.content).toMatchObject({
      title: 'Convocatoria de becas universitarias',
      kind: 'convocatoria',
      closesAt: '2099-12-15T22:00:00Z',
      registrationUrl: 'https://www.ibague.gov.co/becas',
      destinations: ['portal:noticia', 'portal:slider_principal', 'facebook:alcaldia', 'x:alcaldia'],
    });
    expect(c!.content.linkTarget).toBeUndefined();
    expect(previewOf(bot!)!.text).toContain('Tipo: Convocatoria');
  });
});
