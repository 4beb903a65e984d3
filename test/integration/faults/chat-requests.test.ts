import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comunicado } from '../../../src/domain/comunicado.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { BotSession } from '../../fakes/bot-session.ts';
import { freePort } from '../../fakes/run-bot.ts';
import * as slack from '../../fakes/slack/requests.ts';
import { SlackApiFake } from '../../fakes/slack/web-api-fake.ts';
import { FakeBotApi, type TgChat, type TgUser } from '../../fakes/telegram/bot-api.ts';
import { TEST_SECRETS } from '../../fixtures/secrets.ts';

/*
 * The bot as a real process serving Slack (HTTP mode) and Telegram (webhook) at once on
 * one PORT, both pointed at local fakes. Forged, stale and tampered requests, repeated
 * deliveries and reactions from the wrong people must change nothing.
 */

const TEAM = { teamId: 'T0IBAGUE' };
const CH = { comunicados: 'C0COMUNICA', aprobaciones: 'C0APROBAR' };
const JEFE = { id: 'U0JEFE', name: 'jefe', realName: 'Jefe de Oficina' };
const REDACTORA = { id: 'U0REDACTORA', name: 'laura', realName: 'Laura' };
const INTRUSO = { id: 'U0INTRUSO', name: 'intruso', realName: 'Intruso' };
const GROUP: TgChat = { id: -1001500000001, type: 'supergroup', title: 'Prensa' };
const TG_JEFE: TgUser = { id: 111111, is_bot: false, first_name: 'Carolina' };
const TG_REDACTORA: TgUser = { id: 222222, is_bot: false, first_name: 'Laura' };
const TG_PASANTE: TgUser = { id: 333333, is_bot: false, first_name: 'Pedro' };

async function until<T>(what: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('fault: chat requests that must change nothing (real process, Slack and Telegram at once)', { timeout: 240_000 }, () => {
  let slackFake: SlackApiFake;
  let tg: FakeBotApi;
  let bot: BotSession;
  let base: string;
  let dir: string;
  const slackOpts = (o: Partial<slack.SendOptions> = {}): slack.SendOptions => ({ secret: TEST_SECRETS.slackSigning, ...o });
  const slackUrl = () => `${base}/slack/events`;
  const hookUrl = () => `${base}/telegram/hook`;
  /** `secret: null` sends no secret header at all. */
  const tgPost = (update: object, secret: string | null = TEST_SECRETS.telegramWebhook) =>
    fetch(hookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) }, body: JSON.stringify(update) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fault-chat-'));
    slackFake = new SlackApiFake({ botToken: TEST_SECRETS.slackBot, teamId: TEAM.teamId, users: [JEFE, REDACTORA, INTRUSO] });
    await slackFake.start();
    tg = await new FakeBotApi(TEST_SECRETS.telegramBot).start();
    tg.addChat(GROUP).addMember(GROUP.id, TG_JEFE);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'config.yaml'),
      [
        'office: { name: Oficina de Comunicaciones, entity: Alcaldía de Prueba }',
        `approval: { approvers: { slack: [${JEFE.id}], telegram: [${TG_JEFE.id}] } }`,
        'chats:',
        `  slack: { teamId: ${TEAM.teamId}, comunicadosChannel: ${CH.comunicados}, approvalsChannel: ${CH.aprobaciones} }`,
        `  telegram: { chats: ["${GROUP.id}"] }`,
        'destinations: { default: [portal:noticia] }',
      ].join('\n'),
    );
    bot = new BotSession({
      CONFIG_FILE: join(dir, 'config.yaml'),
      DATA_DIR: join(dir, 'data'),
      PORT: String(port),
      SLACK_BOT_TOKEN: TEST_SECRETS.slackBot,
      SLACK_SIGNING_SECRET: TEST_SECRETS.slackSigning,
      SLACK_API_URL: slackFake.url,
      TELEGRAM_BOT_TOKEN: TEST_SECRETS.telegramBot,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_URL: `${base}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRETS.telegramWebhook,
    });
    let up = false;
    for (let i = 0; i < 600 && !up; i++) {
      up = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    if (!up) throw new Error(`bot did not start:\n${bot.output}`);
    await until(() => tg.webhook?.url === `${base}/telegram/hook`);
  });

  afterAll(async () => {
    await bot?.kill('SIGTERM');
    await slackFake?.stop();
    await tg?.stop();
  });

  async function comunicados(): Promise<Comunicado[]> {
    await bot.kill('SIGTERM');
    const store = await LowdbStore.open(join(dir, 'data'));
    try {
      const out: Comunicado[] = [];
      for (const s of await store.list()) out.push((await store.get(s.id))!);
      return out.sort((a, b) => a.id.localeCompare(b.id));
    } finally {
      await store.close();
    }
  }

  it('refuses forged, stale and tampered Slack requests and wrong Telegram secrets; dedupes repeats; ignores the wrong reactors', async () => {
    const command = (text: string) => slack.slashCommand(TEAM, { command: '/comunicado', text, userId: REDACTORA.id, channelId: CH.comunicados });

    // 6. Forged, stale, tampered: 401, nothing created.
    const forged = await slack.sendCommand(slackUrl(), command('Forjado'), slackOpts({ secret: 'otro-secreto-que-no-es' }));
    const stale = await slack.sendCommand(slackUrl(), command('Viejo'), slackOpts({ timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    const body = new URLSearchParams(command('Original')).toString();
    const ts = Math.floor(Date.now() / 1000);
    const tampered = await fetch(slackUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slack.signature(TEST_SECRETS.slackSigning, ts, body) },
      body: body.replace('Original', 'Alterado'),
    });
    expect([forged.status, stale.status, tampered.status]).toEqual([401, 401, 401]);
    const wrongSecret = await tgPost({ update_id: 900, message: { message_id: 1, date: 1, chat: GROUP, from: TG_REDACTORA, text: '/comunicado Secreto equivocado' } }, 'no-es-el-secreto');
    const noSecret = await tgPost({ update_id: 901, message: { message_id: 2, date: 1, chat: GROUP, from: TG_REDACTORA, text: '/comunicado Sin secreto' } }, null);
    expect(wrongSecret.status).toBeGreaterThanOrEqual(400);
    expect(noSecret.status).toBeGreaterThanOrEqual(400);

    // A real submission on each chat.
    expect((await slack.sendCommand(slackUrl(), command('Comunicado de Slack\n\nEntradilla.'), slackOpts())).status).toBe(200);
    const preview = await until(() => slackFake.posted(CH.aprobaciones).find((m) => m.text.includes('Comunicado de Slack')));
    const segundo = (await slack.sendCommand(slackUrl(), command('Segundo de Slack\n\nEntradilla.'), slackOpts())).status;
    expect(segundo).toBe(200);
    const preview2 = await until(() => slackFake.posted(CH.aprobaciones).find((m) => m.text.includes('Segundo de Slack')));

    // 7. The same Telegram update twice: one comunicado.
    const update = { update_id: 5001, message: { message_id: 10, date: Math.floor(Date.now() / 1000), chat: GROUP, from: TG_REDACTORA, text: '/comunicado Comunicado de Telegram\n\nEntradilla.' } };
    expect((await tgPost(update)).status).toBe(200);
    expect((await tgPost(update)).status).toBe(200);
    const tgPreview = await until(() => tg.sent(GROUP.id).find((m) => m.text.includes('Comunicado de Telegram') && m.text.includes('aprobación')));

    // 8. Reactions that must approve nothing: a non-approver, the bot itself, another
    //    workspace, an anonymous Telegram admin, a non-approver on Telegram, another message.
    const react = (userId: string, ts: string, team = TEAM) =>
      slack.sendEvent(slackUrl(), slack.eventCallback(team, slack.reactionAdded({ userId, reaction: 'white_check_mark', channel: CH.aprobaciones, ts })), slackOpts());
    await react(INTRUSO.id, preview2.ts);
    await react(slackFake.botUserId, preview2.ts);
    await react(JEFE.id, preview2.ts, { teamId: 'T0OTRO' });
    const unrelated = slackFake.posted(CH.comunicados)[0]!;
    await react(JEFE.id, unrelated.ts);
    await tgPost({ update_id: 5002, message_reaction: { chat: GROUP, message_id: tgPreview.messageId, actor_chat: GROUP, date: 1, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] } });
    await tgPost({ update_id: 5003, message_reaction: { chat: GROUP, message_id: tgPreview.messageId, user: TG_PASANTE, date: 1, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] } });

    // Each wrong reaction was really processed (refused or ignored), not merely not yet seen.
    // (Bolt drops the bot's own reaction before any listener, so that one leaves no trace.)
    await until(() => (bot.output.match(/"code":"not_approver"/g) ?? []).length >= 2);
    await until(() => /ignored reaction from another workspace/.test(bot.output));
    await until(() => /ignored: reaction on an unrelated message|ignored reaction on a message the bot did not post/.test(bot.output));

    // 7. The Jefe's ✅ delivered three times (Slack retries): approved once.
    const approval = slack.eventCallback(TEAM, slack.reactionAdded({ userId: JEFE.id, reaction: 'white_check_mark', channel: CH.aprobaciones, ts: preview.ts }), 'Ev0APPROVE1');
    for (const retryNum of [undefined, 1, 2]) {
      const r = await slack.sendEvent(slackUrl(), approval, slackOpts(retryNum === undefined ? {} : { retryNum, retryReason: 'http_timeout' }));
      expect(r.status).toBe(200);
    }
    await until(() => slackFake.posted(CH.aprobaciones).some((m) => /📣 C-\d{4}-\d{4} «Comunicado de Slack»/.test(m.text)));

    const all = await comunicados();
    const titles = all.map((c) => c.content.title);
    expect(titles.filter((t) => t === 'Comunicado de Telegram')).toHaveLength(1);
    expect(titles).not.toContain('Forjado');
    expect(titles).not.toContain('Viejo');
    expect(titles).not.toContain('Alterado');
    expect(titles.some((t) => /Secreto equivocado|Sin secreto/.test(t))).toBe(false);
    const approved = all.find((c) => c.content.title === 'Comunicado de Slack')!;
    expect(approved.approvals.filter((a) => a.kind === 'approve')).toHaveLength(1);
    expect(approved.audit.filter((a) => a.action === 'approve')).toHaveLength(1);
    expect(approved.state).toBe('published');
    expect(all.find((c) => c.content.title === 'Segundo de Slack')!.state).toBe('pending_approval');
    expect(all.find((c) => c.content.title === 'Comunicado de Telegram')!.state).toBe('pending_approval');
    // No refusal was whispered for the repeats (they never reached the workflow).
    expect(slackFake.callsTo('chat.postEphemeral').filter((c) => JSON.stringify(c.args).includes('No se puede aprobar'))).toHaveLength(0);
  });
});
