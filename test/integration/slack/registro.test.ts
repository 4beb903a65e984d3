import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reactionAdded } from '../../fakes/slack/requests.ts';
import { readRecord } from '../../../src/record/reader.ts';
import { CHANNELS, startHarness, USERS, type Harness } from './harness.ts';

/*
 * The record on Slack, through Bolt against the Web API fake: the ✅ reaction is recorded
 * with its gesture and the approver's Slack id, and /registro answers the approver with an
 * ephemeral message only they see (nothing posted in the channel).
 */

const FORM = 'Jornada de vacunación en la comuna 8\n\nPuestos en los colegios de la comuna este sábado.\ndestinos: portal';

describe('the record on Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('records the reaction as the gesture and /registro answers the approver privately', async () => {
    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: FORM });
    await h.settle();
    const [summary] = await h.store.list();
    const id = summary!.id;
    const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes('Nuevo comunicado para aprobación'))!;
    await h.event(reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    await h.settle();

    const lines = [];
    for await (const r of readRecord(join(h.dataDir, 'registro'))) if (r.line?.id === id) lines.push(r.line);
    expect(lines.find((l) => l.action === 'approve')).toMatchObject({ via: 'reaccion', actor: { platform: 'slack', userId: USERS.jefe.id } });
    expect(lines.find((l) => l.action === 'create')).toMatchObject({ via: 'comando', actor: { platform: 'slack', userId: USERS.redactora.id } });

    const posted = h.fake.callsTo('chat.postMessage').length;
    await h.command({ command: '/registro', userId: USERS.jefe.id, text: id, channelId: CHANNELS.aprobaciones });
    await h.settle();
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(posted);
    const answer = h.fake.callsTo('chat.postEphemeral').at(-1)!;
    expect(answer.args).toMatchObject({ user: USERS.jefe.id });
    expect(String(answer.args.text)).toContain(`Registro de ${id}`);
    expect(String(answer.args.text)).toContain('aprobado · con una reacción');

    await h.command({ command: '/registro', userId: USERS.redactora.id, text: id });
    await h.settle();
    expect(String(h.fake.callsTo('chat.postEphemeral').at(-1)!.args.text)).toContain('Solo quienes aprueban comunicados pueden consultar el registro');
  });
});
