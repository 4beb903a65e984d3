import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commandAliases, coreCommands } from '../../../commands/index.ts';
import { httpManifest, main as manifestCli } from '../../../src/cli/slack-manifest.ts';
import { startHarness, type Harness } from './harness.ts';

interface Manifest {
  features: { slash_commands: Array<{ command: string; description: string; should_escape: boolean; url?: string }>; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

/** The scope each Web API method the adapter calls needs (Slack's method reference). */
const SCOPE_OF: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'conversations.open': 'im:write',
  'views.open': null,
  'users.info': 'users:read',
  'files.info': 'files:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

const SRC = new URL('../../../src/chat/slack/', import.meta.url);

describe('config/slack-manifest.yaml', () => {
  const manifest = parseYaml(readFileSync(new URL('../../../config/slack-manifest.yaml', import.meta.url), 'utf8')) as Manifest;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('declares a slash command for every chat command, and nothing the bot does not answer', () => {
    const extensionCommands = h.app.extensions.flatMap((e) => Object.keys(e.commands ?? {}));
    // Both ways: every command the bot registers (but Telegram's aliases) is declared, so a
    // workspace installed from the manifest accepts what /ayuda recommends...
    const registered = [...Object.keys(coreCommands), ...extensionCommands].filter((name) => !(name in commandAliases));
    const declared = manifest.features.slash_commands.map((c) => c.command.slice(1));
    expect([...declared].sort()).toEqual([...new Set(registered)].sort());
    // ...and every declared command is answered.
    for (const name of declared) expect(registered, `/${name} is answered`).toContain(name);
    expect(declared).toContain('medios');
    expect(declared).toContain('confirmar');
    // Slack's escaping would turn hashtags into channel links before the bot reads them.
    expect(manifest.features.slash_commands.every((c) => c.should_escape === false && c.description.length <= 100)).toBe(true);
  });

  it('subscribes to the events the adapter listens to and enables interactivity and Socket Mode', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['message.channels', 'message.groups', 'reaction_added']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for every scope the adapter’s Web API calls need, and the event scopes', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const [method, scope] of Object.entries(SCOPE_OF)) if (scope) expect(scopes.has(scope), `${method} needs ${scope}`).toBe(true);
    for (const s of ['commands', 'channels:history', 'groups:history', 'reactions:read']) expect(scopes.has(s), s).toBe(true);
    // Every Web API method the adapter's code calls is one whose scope is checked above.
    const called = new Set<string>();
    for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(new URL(file, SRC), 'utf8');
      for (const m of code.matchAll(/client\.(auth|chat|conversations|views|users|files|reactions)\.(\w+)\(/g)) called.add(`${m[1]}.${m[2]}`);
      if (code.includes('.filesUploadV2(')) called.add('files.getUploadURLExternal').add('files.completeUploadExternal');
    }
    expect([...called].sort()).toEqual(Object.keys(SCOPE_OF).sort());
  });

  it('prints the HTTP-mode manifest for a public URL: Socket Mode off, one request URL everywhere', () => {
    const http = parseYaml(httpManifest(readFileSync(new URL('../../../config/slack-manifest.yaml', import.meta.url), 'utf8'), 'https://bot.ibague.gov.co/')) as Manifest & {
      settings: { event_subscriptions: { request_url?: string }; interactivity: { request_url?: string } };
    };
    const endpoint = 'https://bot.ibague.gov.co/slack/events';
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(http.settings.event_subscriptions.request_url).toBe(endpoint);
    expect(http.settings.interactivity.request_url).toBe(endpoint);
    expect(http.features.slash_commands.map((c) => c.url)).toEqual(manifest.features.slash_commands.map(() => endpoint));
    // Everything else is the same manifest.
    expect(http.features.slash_commands.map((c) => c.command)).toEqual(manifest.features.slash_commands.map((c) => c.command));
    expect(http.oauth_config).toEqual(manifest.oauth_config);
    // A path prefix behind a proxy is kept.
    expect(httpManifest('settings: {}\n', 'https://ibague.gov.co/bots/comunicados')).toContain('https://ibague.gov.co/bots/comunicados/slack/events');
  });

  it('the command refuses a missing or non-https URL, in Spanish', () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd: process.cwd() };
    expect(manifestCli([], io)).toBe(1);
    expect(err.join('')).toContain('Uso: npm run slack:manifest -- --url https://SU-DOMINIO');
    expect(manifestCli(['--url', 'http://bot.ibague.gov.co'], io)).toBe(2);
    expect(err.join('')).toContain('Slack solo envía eventos a una URL https://');
    expect(out).toEqual([]);
    expect(manifestCli(['--url=https://bot.ibague.gov.co'], io)).toBe(0);
    expect(out.join('')).toContain('socket_mode_enabled: false');
  });
});
