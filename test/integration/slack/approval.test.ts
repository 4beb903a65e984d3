import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockActions, eventCallback, messageEvent, reactionAdded, sendEvent } from '../../fakes/slack/requests.ts';
import type { FakeMessage } from '../../fakes/slack/web-api-fake.ts';
import { CHANNELS, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.ts';

const FORM =
  'Feria del empleo en el Parque Centenario\n\n' +
  'La Alcaldía de Ibagué ofrece 600 vacantes este viernes desde las 8:00.\n\n' +
  'Lleve hoja de vida impresa. #Empleo\n' +
  'destinos: portal, facebook, x';

async function submit(h: Harness): Promise<{ id: string; preview: FakeMessage }> {
  await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: FORM });
  await h.settle();
  const [summary] = await h.store.list();
  const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes('Nuevo comunicado para aprobación'));
  expect(preview, 'the preview was posted').toBeDefined();
  return { id: summary!.id, preview: preview! };
}

const inThread = (h: Harness, ts: string) => h.fake.posted(CHANNELS.aprobaciones).filter((m) => m.threadTs === ts);
const logged = (h: Harness, msg: string) => h.logs.filter((l) => l.msg === msg);

describe('Slack approval: reactions, buttons, progress and links in the thread', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('publishes (dry run) after the Jefe reacts ✅ and keeps one status message up to date with the links', async () => {
    const { id, preview } = await submit(h);
    const res = await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    expect(res.status).toBe(200);
    await h.settle();

    const c = (await h.store.get(id))!;
    expect(c.state).toBe('published');
    expect(Object.values(c.deliveries).every((d) => d.state === 'done' && d.dryRun && d.url?.startsWith('file://'))).toBe(true);

    // One status message in the preview's thread, edited in place (chat.update), ending with every link.
    const thread = inThread(h, preview.ts);
    const status = thread.filter((m) => m.text.includes(`Publicación de ${id}`));
    expect(status).toHaveLength(1);
    const updates = h.fake.callsTo('chat.update').filter((u) => u.args.ts === status[0]!.ts);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((u) => u.args.channel === CHANNELS.aprobaciones)).toBe(true);
    expect(status[0]!.text).toContain('Publicado');
    for (const d of Object.values(c.deliveries)) expect(status[0]!.text).toContain(d.url!);
    expect(c.messages.status).toMatchObject({ channel: CHANNELS.aprobaciones, messageId: status[0]!.ts });

    // The final message carries the links as Slack links, and the approval was announced.
    const final = thread.find((m) => m.text.startsWith(`📣 ${id}`));
    expect(final).toBeDefined();
    const links = JSON.stringify(final!.blocks);
    expect(links).toContain('|Portal · noticia (simulación)>');
    expect(links).toContain('|Facebook · Alcaldía (simulación)>');
    expect(thread.some((m) => m.text.includes(`${id} aprobado por Jefe Carlos`))).toBe(true);

    // The author heard of the approval, tagged, in the channel the command came from.
    const toAuthor = h.fake.posted(CHANNELS.comunicados).filter((m) => m.text.includes(`<@${USERS.redactora.id}>`));
    expect(toAuthor.map((m) => m.text).join('\n')).toContain(`Su comunicado ${id} fue aprobado por Jefe Carlos`);
    expect(toAuthor.map((m) => m.text).join('\n')).toContain(`Su comunicado ${id} «Feria del empleo en el Parque Centenario» quedó publicado en todos sus destinos`);
  });

  it('ignores, and logs, reactions from a non-approver, on unrelated messages, from another workspace or by the bot', async () => {
    const { id, preview } = await submit(h);
    const react = (userId: string, ts = preview.ts, reaction = 'white_check_mark') =>
      reactionAdded({ userId, reaction, channel: CHANNELS.aprobaciones, ts });

    // A colleague who is not an approver: nothing changes, and she is told why, only to her.
    await h.event(react(USERS.intruso.id));
    await h.settle();
    expect((await h.store.get(id))!.state).toBe('pending_approval');
    const ephemerals = h.fake.callsTo('chat.postEphemeral');
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]!.args).toMatchObject({ channel: CHANNELS.aprobaciones, user: USERS.intruso.id });
    expect(String(ephemerals[0]!.args.text)).toContain('usted no está configurado como aprobador');

    const posts = h.fake.callsTo('chat.postMessage').length;
    // The Jefe on some other message, from another workspace, the bot itself, another emoji.
    await h.event(react(USERS.jefe.id, '1700000000.000100'));
    await sendEvent(h.url, eventCallback({ teamId: 'T0OTRAORG' }, react(USERS.jefe.id)), { secret: SIGNING_SECRET });
    await h.event(react(h.fake.botUserId));
    await h.event(react(USERS.jefe.id, preview.ts, 'tada'));
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: '1700000000.000200', itemUser: USERS.redactora.id }));
    await h.settle();

    expect((await h.store.get(id))!.state).toBe('pending_approval');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(posts);
    expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(logged(h, 'ignored: reaction on an unrelated message')).toHaveLength(1);
    expect(logged(h, 'slack: ignored reaction from another workspace or without one')).toHaveLength(1);
    expect(logged(h, 'slack: ignored a reaction by the bot itself')).toHaveLength(1);
    expect(logged(h, 'slack: ignored reaction on a message the bot did not post')).toHaveLength(1);
  });

  it('asks for the reason after ❌ and takes the Jefe’s next reply in the thread as the reason', async () => {
    const { id, preview } = await submit(h);
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'x', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    await h.settle();
    const question = inThread(h, preview.ts).find((m) => m.text.includes('¿cuál es el motivo del rechazo'));
    expect(question?.text).toContain(`<@${USERS.jefe.id}>`);
    expect((await h.store.get(id))!.state).toBe('pending_approval');

    // Someone else answering in the thread is not the reason.
    await h.event(messageEvent({ userId: USERS.intruso.id, channel: CHANNELS.aprobaciones, text: 'A mí me parece bien', threadTs: preview.ts }));
    await h.settle();
    expect((await h.store.get(id))!.state).toBe('pending_approval');

    await h.event(
      messageEvent({ userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, text: 'Faltan las cifras oficiales &amp; la firma de la Secretaría', threadTs: preview.ts }),
    );
    await h.settle();
    const c = (await h.store.get(id))!;
    expect(c.state).toBe('rejected');
    expect(c.rejection?.reason).toBe('Faltan las cifras oficiales & la firma de la Secretaría');
    expect(inThread(h, preview.ts).some((m) => m.text.includes(`${id} fue rechazado por Jefe Carlos`))).toBe(true);
    const toAuthor = h.fake.posted(CHANNELS.comunicados).find((m) => m.text.includes('fue rechazado por Jefe Carlos. Motivo'));
    expect(toAuthor?.text).toContain(`<@${USERS.redactora.id}>`);
  });

  it('approves with the Aprobar button, and a double click is one approval', async () => {
    const { id, preview } = await submit(h);
    const click = blockActions(TEAM, {
      userId: USERS.jefe.id,
      channel: CHANNELS.aprobaciones,
      message: { ts: preview.ts, text: preview.text, blocks: preview.blocks },
      actionId: 'approve',
      value: id,
    });
    const [first, second] = await Promise.all([h.interaction(click), h.interaction({ ...click, trigger_id: 'another.trigger' })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await h.settle();
    expect((await h.store.get(id))!.state).toBe('published');
    expect(inThread(h, preview.ts).filter((m) => m.text.includes(`${id} aprobado por`))).toHaveLength(1);
    expect(h.fake.callsTo('chat.postEphemeral')).toEqual([]); // no "already approved" noise
    expect(logged(h, 'ignored: event already processed')).toHaveLength(1);
  });
});
