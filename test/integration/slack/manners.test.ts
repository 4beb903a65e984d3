import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActions, reactionAdded } from '../../fakes/slack/requests.ts';
import type { FakeMessage } from '../../fakes/slack/web-api-fake.ts';
import { CHANNELS, startHarness, TEAM, USERS, type Harness } from './harness.ts';

/** Issue 14, the Slack side: lookups answer the asker, /estado lists, help, replaced previews, private refusals. */

const form = (title: string) =>
  `${title}\n\nLa Alcaldía de Ibagué informa a la ciudadanía sobre ${title.toLowerCase()}.\n\nMás información en la Secretaría. #Ibagué\ndestinos: portal, facebook`;

async function submit(h: Harness, title: string): Promise<{ id: string; preview: FakeMessage }> {
  const before = new Set((await h.store.list()).map((s) => s.id));
  await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: form(title) });
  await h.settle();
  const id = (await h.store.list()).map((s) => s.id).find((i) => !before.has(i))!;
  const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(`Nuevo comunicado para aprobación: ${id}`))!;
  expect(preview, 'the preview was posted').toBeDefined();
  return { id, preview };
}

const posts = (h: Harness) => h.fake.callsTo('chat.postMessage').length;
const ephemerals = (h: Harness) => h.fake.callsTo('chat.postEphemeral');

describe('Slack manners (issue 14)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('items 9, 10, 11: /estado, /estado recientes, /cuentas, /ayuda, /digest and /medios answer only the asker; the list holds what is in progress', async () => {
    const published = await submit(h, 'Cierre del parque Centenario');
    const rejected = await submit(h, 'Jornada de vacunación canina');
    const pending = await submit(h, 'Feria del empleo');
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: published.preview.ts }));
    await h.command({ command: '/rechazar', userId: USERS.jefe.id, channelId: CHANNELS.aprobaciones, text: `${rejected.id} Falta la fecha` });
    await h.settle();
    expect((await h.store.get(published.id))!.state).toBe('published');
    expect((await h.store.get(rejected.id))!.state).toBe('rejected');

    const asked = async (command: string, text = '') => {
      const postsBefore = posts(h);
      const seen = ephemerals(h).length;
      await h.command({ command, text, userId: USERS.redactora.id });
      await h.settle();
      expect(posts(h), `${command} ${text} posts nothing in the channel`).toBe(postsBefore);
      const answers = ephemerals(h).slice(seen);
      expect(answers, `${command} ${text} answers once, ephemerally`).toHaveLength(1);
      expect(answers[0]!.args).toMatchObject({ channel: CHANNELS.comunicados, user: USERS.redactora.id });
      return String(answers[0]!.args.text);
    };

    const enCurso = await asked('/estado');
    expect(enCurso).toContain('Comunicados en curso');
    expect(enCurso).toContain(pending.id);
    expect(enCurso).not.toContain(published.id);
    expect(enCurso).not.toContain(rejected.id);

    const recientes = await asked('/estado', 'recientes');
    expect(recientes).toContain(published.id);
    expect(recientes).toContain(rejected.id);
    expect(recientes).not.toContain(pending.id);

    expect(await asked('/estado', pending.id)).toContain(pending.id);
    expect(await asked('/cuentas')).toContain('Estado de las cuentas');
    const ayuda = await asked('/ayuda');
    expect(ayuda).toContain('✅ (aprobar), ❌ (rechazar) o ✏️ (pedir cambios)');
    expect(ayuda).not.toContain('👍');
    expect(await asked('/digest')).toContain(published.id);
    await asked('/medios');
  });

  it('item 4: an edit marks the old preview «Reemplazado por la versión 2» with a link and no buttons; a click on it is answered privately', async () => {
    const { id, preview } = await submit(h, 'Cierre del parque Centenario');
    const oldBlocks = structuredClone(preview.blocks);
    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: `editar ${id}\n${form('Cierre del parque Centenario el sábado')}` });
    await h.settle();
    const fresh = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(`Comunicado ${id} editado (versión 2)`));
    expect(fresh).toBeDefined();

    const update = h.fake.callsTo('chat.update').find((u) => u.args.ts === preview.ts);
    expect(update, 'the old preview was updated with chat.update').toBeDefined();
    const old = h.fake.message(CHANNELS.aprobaciones, preview.ts)!;
    expect(old.text).toContain(`Reemplazado por la versión 2 de ${id}`);
    expect(JSON.stringify(old.blocks)).toContain(`https://alcaldia-ibague.slack.com/archives/${CHANNELS.aprobaciones}/p${fresh!.ts.replace('.', '')}`);
    expect(old.blocks.some((b) => b.type === 'actions')).toBe(false);

    // The Jefe clicks «Aprobar» on the old rendering (still on his screen): nothing is decided.
    const postsBefore = posts(h);
    await h.interaction(blockActions(TEAM, { userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, message: { ts: preview.ts, text: preview.text, blocks: oldBlocks }, actionId: 'approve', value: id }));
    await h.settle();
    const note = ephemerals(h).at(-1)!;
    expect(note.args).toMatchObject({ user: USERS.jefe.id });
    expect(String(note.args.text)).toContain('La versión vigente es la 2');
    expect(posts(h)).toBe(postsBefore);
    let c = (await h.store.get(id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.approvals).toEqual([]);

    // A third version: both earlier previews now point to it; a ✅ on the first decides nothing.
    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: `editar ${id}\n${form('Cierre del parque Centenario el domingo')}` });
    await h.settle();
    const third = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes(`Comunicado ${id} editado (versión 3)`))!;
    const link3 = `p${third.ts.replace('.', '')}`;
    for (const ts of [preview.ts, fresh!.ts]) {
      const m = h.fake.message(CHANNELS.aprobaciones, ts)!;
      expect(m.text).toContain('Reemplazado por la versión 3');
      expect(JSON.stringify(m.blocks)).toContain(link3);
      expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    }
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    await h.settle();
    expect(String(ephemerals(h).at(-1)!.args.text)).toContain('La versión vigente es la 3');
    c = (await h.store.get(id))!;
    expect(c.state).toBe('pending_approval');
    expect(c.approvals).toEqual([]);
  });

  it('item 6: a button press by someone who is not an approver is refused only to them', async () => {
    const { id, preview } = await submit(h, 'Feria del empleo');
    const postsBefore = posts(h);
    await h.interaction(blockActions(TEAM, { userId: USERS.intruso.id, channel: CHANNELS.aprobaciones, message: { ts: preview.ts, text: preview.text, blocks: preview.blocks }, actionId: 'approve', value: id }));
    await h.settle();
    expect(posts(h)).toBe(postsBefore);
    const refusal = ephemerals(h).at(-1)!;
    expect(refusal.args).toMatchObject({ user: USERS.intruso.id });
    expect(String(refusal.args.text)).toContain('usted no está configurado como aprobador');
    expect((await h.store.get(id))!.state).toBe('pending_approval');
  });
});
