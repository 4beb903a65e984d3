import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Config } from '../../config/schema.ts';
import type { Actor } from '../../domain/comunicado.ts';
import type { Logger } from '../../util/logger.ts';
import type { ChatEvent, IncomingFile } from '../port.ts';
import type { SlackFile } from './files.ts';

/** What the Bolt listeners share: the adapter hands them this, they hand back neutral events. */
export interface SlackContext {
  config: Config;
  logger: Logger;
  client: webApi.WebClient;
  /** The bot's own identity, from auth.test at start. */
  bot: { userId: string; botId?: string; teamId?: string };
  /** Feeds one neutral event to the core (errors are logged, never thrown at Bolt). */
  emit(event: ChatEvent): Promise<void>;
  /** The person behind a user id, with a display name when users.info allows. */
  actor(userId: string, fallbackName?: string): Promise<Actor>;
  /** Cached display name, for turning `<@U123>` into `@María` (no API call). */
  knownName(userId: string): string | undefined;
  file(file: SlackFile, alt?: string): IncomingFile;
  now(): Date;
}

/** Channels the bot listens in (commands and messages elsewhere are answered or ignored). */
export function heardChannels(config: Config): string[] {
  const s = config.chats.slack;
  return s ? [s.comunicadosChannel, s.approvalsChannel, s.digestChannel].filter((c): c is string => !!c) : [];
}

/**
 * Whether a request must be refused as not from the configured workspace: another team,
 * or no team at all (a payload without one cannot prove where it comes from). Slack mode
 * requires `chats.slack.teamId`, so there is always one to compare with.
 */
export function isOtherTeam(config: Config, teamId: string | undefined | null): boolean {
  const expected = config.chats.slack?.teamId;
  return !expected || !teamId || teamId !== expected;
}

export function shortHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/**
 * Stable keys per delivery, so the dispatcher's claimEvent processes each once, also across
 * a restart. Events: Slack's event_id (a retry with X-Slack-Retry-Num repeats it). Slash
 * commands: the trigger_id of the invocation. Buttons: the rendering clicked on (its block
 * id carries a per-render nonce), the button and the person, so a double click is one
 * decision. Modal submissions: the view and what was submitted (after field errors the
 * same view comes back with other values, which is a new submission).
 */
export const eventKeys = {
  event: (eventId: string) => `ev:${eventId}`,
  command: (triggerId: string) => `cmd:${triggerId}`,
  action: (p: { channel: string; messageTs: string; blockId: string; actionId: string; value: string; userId: string }) =>
    `act:${shortHash([p.channel, p.messageTs, p.blockId, p.actionId, p.value, p.userId])}`,
  view: (viewId: string, values: unknown) => `view:${viewId}:${shortHash(values)}`,
};
