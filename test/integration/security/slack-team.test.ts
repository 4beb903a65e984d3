import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/chat/slack/index.ts';
import { readEnv } from '../../../src/config/env.ts';
import { ConfigError } from '../../../src/config/load.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import { blockActions, eventCallback, reactionAdded, sendCommand, sendEvent, sendInteraction, slashCommand } from '../../fakes/slack/requests.ts';
import { runBot } from '../../fakes/run-bot.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { BOT_TOKEN, CHANNELS, SIGNING_SECRET, startHarness, TEAM, testConfig, USERS, type Harness } from '../slack/harness.ts';

/** Issue 12, item 7: the workspace check is never skipped. */
describe('Slack workspace check', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('Slack mode without chats.slack.teamId is a config error, in Spanish, naming the key', () => {
    const deps = {
      env: readEnv({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, DATA_DIR: '/nonexistent' }),
      config: testConfig({ teamId: null }),
      logger: testLogger('slack-team'),
      http: new HttpServer(testLogger('slack-team')),
      store: new MemoryStore(),
      configFile: 'config/comunicados.yaml',
    };
    let error: unknown;
    try {
      createSlackAdapter(deps);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('config/comunicados.yaml');
    expect((error as ConfigError).message).toMatch(/chats\.slack\.teamId es obligatorio/);
  });

  it('the bot does not start in Slack mode without chats.slack.teamId: a Spanish line and exit code 2', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slack-team-'));
    const config = join(dir, 'comunicados.yaml');
    writeFileSync(config, ['office:', '  name: Oficina de Comunicaciones', '  entity: Alcaldía de Ibagué', 'chats:', `  slack: { comunicadosChannel: ${CHANNELS.comunicados} }`, ''].join('\n'));
    const run = await runBot('', { CONFIG_FILE: config, DATA_DIR: join(dir, 'data'), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('chats.slack.teamId es obligatorio');
    expect(run.stderr).not.toContain(BOT_TOKEN);
  });

  it('refuses, and logs, a command, a button and a reaction whose payload carries no team', async () => {
    h = await startHarness();
    const opts = { secret: SIGNING_SECRET };
    await h.command({ command: '/comunicado', userId: USERS.redactora.id, text: 'Feria del empleo\n\nLa Alcaldía ofrece 600 vacantes.\n\nDetalles.' });
    await h.settle();
    const [summary] = await h.store.list();
    const id = summary!.id;
    const before = JSON.stringify(await h.store.get(id));

    // A slash command with no team_id: not acted on (no new comunicado), answered in Spanish.
    const form = slashCommand(TEAM, { command: '/comunicado', userId: USERS.jefe.id, channelId: CHANNELS.comunicados, text: 'Otro\n\nTexto de otro comunicado.\n\nMás.' });
    delete form.team_id;
    const cmd = await sendCommand(h.url, form, opts);
    expect(cmd.status).toBe(200);

    // The Jefe's «Aprobar» with no team anywhere in the payload.
    const message = { ts: '1700000000.000100', text: 'x', blocks: [{ type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: 'approve', value: id }] }] };
    const press = blockActions(TEAM, { userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, message, actionId: 'approve', value: id }) as Record<string, any>;
    delete press.team;
    delete press.user.team_id;
    expect((await sendInteraction(h.url, press, opts)).status).toBe(200);

    // A ✅ by the Jefe on the preview, in an envelope without team_id.
    const preview = h.fake.posted(CHANNELS.aprobaciones).find((m) => m.text.includes('Nuevo comunicado para aprobación'))!;
    const envelope = eventCallback(TEAM, reactionAdded({ userId: USERS.jefe.id, reaction: 'white_check_mark', channel: CHANNELS.aprobaciones, ts: preview.ts }));
    delete envelope.team_id;
    expect((await sendEvent(h.url, envelope, opts)).status).toBe(200);
    await h.settle();

    expect(await h.store.list()).toHaveLength(1);
    expect(JSON.stringify(await h.store.get(id))).toBe(before);
    const msgs = h.logs.map((l) => String(l.msg));
    expect(msgs).toContain('slack: ignored command from another workspace or without one');
    expect(msgs).toContain('slack: ignored button from another workspace or without one');
    expect(msgs).toContain('slack: ignored reaction from another workspace or without one');

    // The same button with the team does act: the refusal above was the missing team.
    await sendInteraction(h.url, blockActions(TEAM, { userId: USERS.jefe.id, channel: CHANNELS.aprobaciones, message, actionId: 'approve', value: id }), opts);
    await h.settle();
    expect((await h.store.get(id))!.state).not.toBe('pending_approval');
  });
});
