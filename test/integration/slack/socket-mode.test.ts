import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventCallback, reactionAdded, slashCommand } from '../../fakes/slack/requests.ts';
import { SocketModeFake } from '../../fakes/slack/socket-mode-fake.ts';
import { SlackApiFake } from '../../fakes/slack/web-api-fake.ts';
import { BOT_TOKEN, CHANNELS, startHarness, TEAM, USERS, type Harness } from './harness.ts';

const APP_TOKEN = 'xapp-1-A0COMUNICA-1234-prueba-socket-mode';

describe('Slack in Socket Mode (SLACK_APP_TOKEN): no public URL needed', () => {
  let h: Harness;
  let socket: SocketModeFake;
  beforeEach(async () => {
    socket = new SocketModeFake();
    await socket.start();
    const fake = new SlackApiFake({ botToken: BOT_TOKEN, appToken: APP_TOKEN, teamId: TEAM.teamId, users: Object.values(USERS) });
    await fake.start();
    fake.socketUrl = socket.url;
    h = await startHarness({ fake, appToken: APP_TOKEN });
    await socket.whenConnected();
  });
  afterEach(async () => {
    await h.close();
    await h.fake.stop();
    await socket.stop();
  });

  it('connects with the app token and runs a comunicado from the command to its published links', async () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(socket.connections).toBe(1);
    expect(h.adapter.health()).toEqual({ ok: true, detail: 'Slack (Socket Mode) como @comunicados' });
    // There is no HTTP endpoint in this mode.
    expect((await fetch(h.url, { method: 'POST', body: '{}' })).status).toBe(404);

    const ackCommand = await socket.send(
      'slash_commands',
      slashCommand(TEAM, {
        command: '/comunicado',
        userId: USERS.redactora.id,
        channelId: CHANNELS.comunicados,
        text: 'Alumbrado navideño en la Plaza de Bolívar\n\nEl encendido será el viernes a las 19:00.\ndestinos: portal, facebook',
      }),
    );
    expect(ackCommand.payload).toEqual({});
    await h.settle();
    const [summary] = await h.store.list();
    const c = (await h.store.get(summary!.id))!;
    const preview = h.fake.message(CHANNELS.aprobaciones, c.messages.preview!.messageId)!;

    const ackEvent = await socket.send('events_api', eventCallback(TEAM, reactionAdded({ userId: USERS.jefe.id, reaction: 'heavy_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts })));
    expect(typeof ackEvent.envelope_id).toBe('string');
    await h.settle();
    const done = (await h.store.get(c.id))!;
    expect(done.state).toBe('published');
    const status = h.fake.message(CHANNELS.aprobaciones, done.messages.status!.messageId)!;
    expect(status.updates).toBeGreaterThan(0);
    for (const d of Object.values(done.deliveries)) expect(status.text).toContain(d.url!);
    // The app token never reaches the logs either.
    expect(h.rawLogs.join('')).not.toContain(APP_TOKEN);
  });

  it('answers a modal problem through the socket acknowledgement', async () => {
    await socket.send('slash_commands', slashCommand(TEAM, { command: '/comunicado', userId: USERS.redactora.id, channelId: CHANNELS.comunicados }));
    await h.settle();
    const view = JSON.parse(String(h.fake.callsTo('views.open')[0]!.args.view)) as Record<string, unknown>;
    const { viewSubmission } = await import('../../fakes/slack/requests.ts');
    const ack = await socket.send(
      'interactive',
      viewSubmission(TEAM, {
        userId: USERS.redactora.id,
        view,
        values: {
          titulo: { valor: { type: 'plain_text_input', value: 'Sin destinos' } },
          entradilla: { valor: { type: 'plain_text_input', value: 'Texto.' } },
        },
      }),
    );
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { destinos_portal: 'Elija al menos un destino (portal, redes o correo).' } });
  });

  it('reports a lost connection in /healthz and reconnects by itself', async () => {
    expect(h.adapter.health().ok).toBe(true);
    socket.dropClient();
    await waitFor(() => !h.adapter.health().ok);
    expect(h.adapter.health().detail).toMatch(/^Slack \(Socket Mode\) como @comunicados: sin conexión/);
    await socket.whenConnections(2);
    await waitFor(() => h.adapter.health().ok);
    expect(h.fake.callsTo('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    // And it works again: a command over the new connection is acknowledged.
    const ack = await socket.send('slash_commands', slashCommand(TEAM, { command: '/ayuda', userId: USERS.redactora.id, channelId: CHANNELS.comunicados }));
    expect(ack.payload).toEqual({});
  });
});

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
