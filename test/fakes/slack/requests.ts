import { createHmac, randomBytes } from 'node:crypto';

/**
 * Requests as Slack sends them to a bot's request URL: signed with the signing secret
 * (`v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`), events as JSON, slash commands as a
 * form, interactivity as a form with one `payload` field holding JSON.
 */

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret: string;
  /** Unix seconds; default now. A stale one (over five minutes) must be refused. */
  timestamp?: number;
  /** Replaces the computed signature (a forgery). */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface BotResponse {
  status: number;
  text: string;
  json(): unknown;
}

export async function send(url: string, body: string, contentType: string, options: SendOptions): Promise<BotResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? signature(options.secret, timestamp, body),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason) headers['x-slack-retry-reason'] = options.retryReason;
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

export function sendEvent(url: string, envelope: object, options: SendOptions): Promise<BotResponse> {
  return send(url, JSON.stringify(envelope), 'application/json', options);
}

export function sendCommand(url: string, form: Record<string, string>, options: SendOptions): Promise<BotResponse> {
  return send(url, new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded', options);
}

export function sendInteraction(url: string, payload: object, options: SendOptions): Promise<BotResponse> {
  return send(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

const id = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

export interface Team {
  teamId: string;
  apiAppId?: string;
}

/** A slash command's form body (slash commands reference). */
export function slashCommand(team: Team, p: { command: string; text?: string; userId: string; userName?: string; channelId: string; triggerId?: string }): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: team.teamId,
    team_domain: 'alcaldia-ibague',
    channel_id: p.channelId,
    channel_name: 'comunicados',
    user_id: p.userId,
    user_name: p.userName ?? 'redactora',
    command: p.command,
    text: p.text ?? '',
    api_app_id: team.apiAppId ?? 'A0COMUNICA',
    is_enterprise_install: 'false',
    response_url: `https://hooks.slack.com/commands/${team.teamId}/1234/abcd`,
    trigger_id: p.triggerId ?? `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
  };
}

/** The Events API envelope (event_callback) around one event. */
export function eventCallback(team: Team, event: Record<string, unknown>, eventId = id('Ev0')): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: team.teamId,
    api_app_id: team.apiAppId ?? 'A0COMUNICA',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: team.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(8).toString('hex')}`,
  };
}

export function reactionAdded(p: { userId: string; reaction: string; channel: string; ts: string; itemUser?: string }): Record<string, unknown> {
  return {
    type: 'reaction_added',
    user: p.userId,
    reaction: p.reaction,
    item_user: p.itemUser ?? 'U0BOT',
    item: { type: 'message', channel: p.channel, ts: p.ts },
    event_ts: `${Math.floor(Date.now() / 1000)}.000100`,
  };
}

export function messageEvent(p: { userId: string; channel: string; text: string; ts?: string; threadTs?: string; files?: Array<Record<string, unknown>> }): Record<string, unknown> {
  const ts = p.ts ?? `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const e: Record<string, unknown> = {
    type: 'message',
    channel: p.channel,
    user: p.userId,
    text: p.text,
    ts,
    event_ts: ts,
    channel_type: 'channel',
    team: 'T0IBAGUE',
  };
  if (p.threadTs) e.thread_ts = p.threadTs;
  if (p.files?.length) {
    e.subtype = 'file_share';
    e.files = p.files;
    e.upload = false;
    e.display_as_bot = false;
  }
  return e;
}

/** A block_actions payload for a button click on a bot message. */
export function blockActions(
  team: Team,
  p: { userId: string; userName?: string; channel: string; message: { ts: string; text: string; blocks: Array<Record<string, unknown>>; thread_ts?: string }; actionId: string; blockId?: string; value: string },
): Record<string, unknown> {
  const block = p.blockId
    ? p.message.blocks.find((b) => b.block_id === p.blockId)
    : p.message.blocks.find((b) => b.type === 'actions' && (b.elements as Array<Record<string, unknown>>).some((e) => e.action_id === p.actionId));
  const element = (block?.elements as Array<Record<string, unknown>> | undefined)?.find((e) => e.action_id === p.actionId);
  return {
    type: 'block_actions',
    user: { id: p.userId, username: p.userName ?? 'jefe', name: p.userName ?? 'jefe', team_id: team.teamId },
    api_app_id: team.apiAppId ?? 'A0COMUNICA',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: p.message.ts, channel_id: p.channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
    team: { id: team.teamId, domain: 'alcaldia-ibague' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: p.channel, name: 'aprobaciones' },
    message: { type: 'message', user: 'U0BOT', bot_id: 'B0BOT', ...p.message },
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${team.teamId}/1/abc`,
    actions: [
      {
        action_id: p.actionId,
        block_id: block?.block_id ?? 'b',
        text: element?.text ?? { type: 'plain_text', text: p.actionId, emoji: true },
        value: p.value,
        ...(element?.style ? { style: element.style } : {}),
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A view_submission payload for the modal the bot opened, with the person's input. */
export function viewSubmission(team: Team, p: { userId: string; userName?: string; view: Record<string, unknown>; values: Record<string, Record<string, unknown>>; viewId?: string }): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: team.teamId, domain: 'alcaldia-ibague' },
    user: { id: p.userId, username: p.userName ?? 'redactora', name: p.userName ?? 'redactora', team_id: team.teamId },
    api_app_id: team.apiAppId ?? 'A0COMUNICA',
    token: 'deprecated-verification-token',
    trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`,
    view: {
      id: p.viewId ?? 'V0MODAL1',
      team_id: team.teamId,
      type: 'modal',
      private_metadata: p.view.private_metadata ?? '',
      callback_id: p.view.callback_id,
      blocks: p.view.blocks,
      title: p.view.title,
      submit: p.view.submit,
      close: p.view.close,
      state: { values: p.values },
      hash: '1767000000.AbCdEf',
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: p.viewId ?? 'V0MODAL1',
      previous_view_id: null,
      app_id: team.apiAppId ?? 'A0COMUNICA',
      external_id: '',
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
