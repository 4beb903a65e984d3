import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { createApp, type App } from '../../../src/app.ts';
import { ConsoleAdapter } from '../../../src/chat/console/adapter.ts';
import type { ActionId } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { EXAMPLE_CONFIG, parseConfig } from '../../../src/config/load.ts';
import type { Actor, Platform } from '../../../src/domain/comunicado.ts';
import { MemoryStore } from '../../../src/store/memory-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { blockActions } from '../../fakes/slack/requests.ts';
import { testLogger } from '../../fakes/test-logs.ts';
import { CHANNELS, startHarness, TEAM, USERS } from '../slack/harness.ts';
import { closeBot, GROUP, JEFE, PASANTE, REDACTORA, startBot } from '../telegram/harness.ts';

/**
 * The three people of the role table: the approver (the Jefe), the author of the
 * comunicado (a redactora, also in the WhatsApp team) and another member of the chat who
 * is neither (also in the team, so a hand-off button of the author's is not theirs).
 */
export type Role = 'approver' | 'author' | 'stranger';
export const ROLES: Role[] = ['approver', 'author', 'stranger'];

/** One chat, driven through its real adapter, with the app's default extensions. */
export interface Driver {
  platform: Platform;
  app: App;
  store: Store;
  people: Record<Role, Actor>;
  /** Where comunicados of this chat come from. */
  channel: string;
  /** `/name text` as that person, in the comunicados channel; resolves once handled. */
  command(role: Role, name: string, text: string): Promise<void>;
  /** A press on a bot button (`action`, `value`) by that person; resolves once handled. */
  button(role: Role, action: ActionId, value: string): Promise<void>;
  /** Starts a new window for privateTo / dmUploads / channelUploads. */
  mark(): void;
  /** Texts shown only to that person since mark() (ephemeral, tagged reply, button alert, console line). */
  privateTo(role: Role): string[];
  /** Texts everyone in the chats sees, posted since mark() (a Telegram tagged reply is one). */
  publicTexts(): string[];
  /** Files uploaded to that person's direct messages since mark(). */
  dmUploads(role: Role): number;
  /** Files uploaded anywhere else since mark(). */
  channelUploads(): number;
  close(): Promise<void>;
}

/** The example config plus every chat, the approvers of each and the WhatsApp team. */
export function roleConfigDoc(): Record<string, any> {
  const doc = parseYaml(readFileSync(new URL(`../../../${EXAMPLE_CONFIG}`, import.meta.url), 'utf8')) as Record<string, any>;
  doc.chats = {
    ...doc.chats,
    slack: { teamId: TEAM.teamId, comunicadosChannel: CHANNELS.comunicados, approvalsChannel: CHANNELS.aprobaciones },
    telegram: { chats: [String(GROUP.id)] },
    console: { user: 'redactora', channel: 'comunicados' },
  };
  doc.approval.approvers = { console: ['jefe'], slack: [USERS.jefe.id], telegram: [String(JEFE.id)] };
  doc.destinations = { default: ['portal:noticia'] };
  doc.team = {
    ...doc.team,
    quietHours: '',
    sendIntervalMs: { slack: 0, telegram: 0, console: 0 },
    members: [
      { name: 'Laura Pérez', slack: USERS.redactora.id, telegram: String(REDACTORA.id), console: 'redactora' },
      { name: 'Pedro Pasante', slack: USERS.intruso.id, telegram: String(PASANTE.id), console: 'pasante' },
    ],
  };
  return doc;
}

// ---------------------------------------------------------------- console

const CONSOLE_WORDS: Record<ActionId, string> = {
  approve: 'aprobar',
  reject: 'rechazar',
  request_changes: 'cambios',
  review: 'revisado',
  retry: 'reintentar',
  confirm_published: 'publicado',
  confirm_not_published: 'no-publicado',
  handoff_shared: 'compartido',
};

export async function consoleDriver(): Promise<Driver> {
  const dir = await mkdtemp(join(tmpdir(), 'roles-console-'));
  const input = new PassThrough();
  const output = new PassThrough();
  let out = '';
  output.on('data', (d) => (out += String(d)));
  const chat = new ConsoleAdapter({ input, output, user: 'redactora', channel: 'comunicados', outboxDir: join(dir, 'outbox') });
  const store = new MemoryStore();
  const app = createApp({ env: readEnv({ DATA_DIR: dir }), config: parseConfig(roleConfigDoc()), store, chats: [chat], logger: testLogger('roles-console'), dryRunAll: true });
  await app.start();
  const people: Record<Role, Actor> = {
    approver: { platform: 'console', userId: 'jefe', name: 'jefe' },
    author: { platform: 'console', userId: 'redactora', name: 'redactora' },
    stranger: { platform: 'console', userId: 'pasante', name: 'pasante' },
  };
  let from = 0;
  let turns = 0;
  // The console handles lines one at a time: a `/como` after the line is answered only
  // once the line before it was handled.
  const run = async (role: Role, lines: string[]) => {
    const user = people[role].userId;
    turns += 1;
    input.write([`/como ${user}`, ...lines, `/como ${user}`, ''].join('\n'));
    const want = turns * 2;
    for (let i = 0; (out.match(/Ahora escribe como/g)?.length ?? 0) < want; i++) {
      if (i > 4000) throw new Error(`the console did not answer:\n${out.slice(from)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await app.idle();
  };
  const blocks = () => out.slice(from).split('└─');
  return {
    platform: 'console',
    app,
    store,
    people,
    channel: 'comunicados',
    command: (role, name, text) => {
      if (name !== 'comunicado') return run(role, [`/${name} ${text}`]);
      const [first, ...rest] = text.split('\n');
      return run(role, [`/comunicado ${first}`, ...rest, '.']);
    },
    button: (role, action, value) => run(role, [`/boton ${CONSOLE_WORDS[action]} ${value.replace('|', ' ')}`]),
    mark: () => {
      from = out.length;
    },
    privateTo: (role) =>
      blocks()
        .filter((b) => b.includes(`┌─ bot [solo para ${people[role].userId}]`))
        .map((b) => b.replace(/^[\s\S]*?\]\n/, '').replace(/^│ /gm, '')),
    publicTexts: () => blocks().filter((b) => /┌─ bot \[m\d+\]/.test(b)),
    dmUploads: (role) => blocks().filter((b) => b.includes(`┌─ bot → @${people[role].userId}:`)).length,
    channelUploads: () => blocks().filter((b) => /┌─ bot → [^@]/.test(b)).length,
    async close() {
      input.end();
      await app.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- Slack

export async function slackDriver(): Promise<Driver> {
  const h = await startHarness({ config: parseConfig(roleConfigDoc(), 'test') });
  const ids: Record<Role, (typeof USERS)[keyof typeof USERS]> = { approver: USERS.jefe, author: USERS.redactora, stranger: USERS.intruso };
  const people = Object.fromEntries(
    Object.entries(ids).map(([role, u]) => [role, { platform: 'slack', userId: u.id, name: u.realName }]),
  ) as Record<Role, Actor>;
  let marks = { ephemeral: 0, uploads: 0, posts: 0 };
  let n = 0;
  const uploads = () => h.fake.callsTo('files.completeUploadExternal').slice(marks.uploads);
  // The fake opens a person's DM as D0 + their id without the U (as Slack, a stable id).
  const dmChannels = () => new Map(h.fake.callsTo('conversations.open').map((c) => [`D0${String(c.args.users).slice(1)}`, String(c.args.users)]));
  return {
    platform: 'slack',
    app: h.app,
    store: h.store,
    people,
    channel: CHANNELS.comunicados,
    async command(role, name, text) {
      await h.command({ command: `/${name}`, userId: ids[role].id, userName: ids[role].name, text });
      await h.settle();
    },
    async button(role, action, value) {
      const ts = `1700000${String(++n).padStart(3, '0')}.000100`;
      const message = {
        ts,
        text: 'botones',
        blocks: [{ type: 'actions', block_id: `b${n}`, elements: [{ type: 'button', action_id: action, value, text: { type: 'plain_text', text: action } }] }],
      };
      await h.interaction(blockActions(TEAM, { userId: ids[role].id, userName: ids[role].name, channel: CHANNELS.aprobaciones, message, actionId: action, value }));
      await h.settle();
    },
    mark() {
      marks = {
        ephemeral: h.fake.callsTo('chat.postEphemeral').length,
        uploads: h.fake.callsTo('files.completeUploadExternal').length,
        posts: h.fake.callsTo('chat.postMessage').length,
      };
    },
    privateTo: (role) =>
      h.fake
        .callsTo('chat.postEphemeral')
        .slice(marks.ephemeral)
        .filter((c) => c.args.user === ids[role].id)
        .map((c) => String(c.args.text)),
    publicTexts: () =>
      h.fake
        .callsTo('chat.postMessage')
        .slice(marks.posts)
        .map((c) => String(c.args.text)),
    dmUploads(role) {
      const dms = dmChannels();
      return uploads().filter((u) => dms.get(String(u.args.channel_id)) === ids[role].id).length;
    },
    channelUploads() {
      const dms = dmChannels();
      return uploads().filter((u) => !dms.has(String(u.args.channel_id))).length;
    },
    close: () => h.close(),
  };
}

// ---------------------------------------------------------------- Telegram

export async function telegramDriver(): Promise<Driver> {
  const tgUsers = { approver: JEFE, author: REDACTORA, stranger: PASANTE };
  const bot = await startBot({
    config: roleConfigDoc(),
    defaultExtensions: true,
    // Each person once opened a chat with the bot (so it may write to them directly).
    chats: Object.values(tgUsers).map((u) => ({ id: u.id, type: 'private' as const, first_name: u.first_name })),
  });
  for (const u of [REDACTORA, PASANTE]) bot.fake.addMember(GROUP.id, u);
  const people = Object.fromEntries(
    Object.entries(tgUsers).map(([role, u]) => [role, { platform: 'telegram', userId: String(u.id), name: [u.first_name, u.last_name].filter(Boolean).join(' ') }]),
  ) as Record<Role, Actor>;
  // A bot message with a keyboard, for the presses (the callback data carries the action).
  const holder = await bot.adapter.post({ channel: String(GROUP.id) }, { text: 'Botones' });
  let marks = { sent: 0, docs: 0 };
  // A button press is answered by answerCallbackQuery, an alert only the one who pressed sees.
  let alerts: Array<{ role: Role; text: string }> = [];
  const press = async (role: Role, update: () => number) => {
    const before = bot.fake.callsOf('answerCallbackQuery').length;
    await handled(update());
    for (const c of bot.fake.callsOf('answerCallbackQuery').slice(before)) {
      if (c.status === 'ok' && typeof c.payload['text'] === 'string') alerts.push({ role, text: c.payload['text'] });
    }
  };
  const handled = async (updateId: number) => {
    await bot.fake.waitFor(() => bot.fake.handled(updateId), `update ${updateId} handled`);
    await bot.app.idle();
  };
  const docs = () => bot.fake.callsOf('sendDocument').filter((c) => c.status === 'ok').slice(marks.docs);
  return {
    platform: 'telegram',
    app: bot.app,
    store: bot.store,
    people,
    channel: String(GROUP.id),
    command: (role, name, text) => handled(bot.fake.pushMessage(GROUP.id, tgUsers[role], { text: `/${name} ${text}` }).updateId),
    button: (role, action, value) => press(role, () => bot.fake.pushButton(GROUP.id, Number(holder.messageId), tgUsers[role], `${action}:${value}`)),
    mark() {
      marks = { sent: bot.fake.sent().length, docs: bot.fake.callsOf('sendDocument').filter((c) => c.status === 'ok').length };
      alerts = [];
    },
    // A button is answered with an alert; a command, which has no private answer inside a
    // group, with a reply that tags the person.
    privateTo: (role) => [
      ...alerts.filter((a) => a.role === role).map((a) => a.text),
      ...bot.fake
        .sent()
        .slice(marks.sent)
        .filter((m) => JSON.stringify(m.entities).includes(String(tgUsers[role].id)) || (tgUsers[role].username && m.text.includes(`@${tgUsers[role].username}`)))
        .map((m) => m.text),
    ],
    publicTexts: () =>
      bot.fake
        .sent()
        .slice(marks.sent)
        .filter((m) => String(m.payload['chat_id']) === String(GROUP.id))
        .map((m) => m.text),
    dmUploads: (role) => docs().filter((c) => Number(c.payload['chat_id']) === tgUsers[role].id).length,
    channelUploads: () => docs().filter((c) => Number(c.payload['chat_id']) < 0).length,
    close: () => closeBot(bot),
  };
}
