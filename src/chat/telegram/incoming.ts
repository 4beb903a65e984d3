import type { Message, MessageReactionUpdated, User } from 'telegraf/types';
import type { Actor } from '../../domain/comunicado.ts';

/** The updates the bot asks Telegram for (getUpdates and setWebhook alike). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'message_reaction'] as const;

export function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
}

export function actorOf(user: User): Actor {
  return { platform: 'telegram', userId: String(user.id), name: displayName(user), isBot: user.is_bot };
}

/** The words of a message: its text, or the caption of a photo, video or document. */
export function textOf(message: Message): string {
  const m = message as { text?: string; caption?: string };
  return m.text ?? m.caption ?? '';
}

export interface ParsedCommand {
  name: string;
  args: string;
  /** `/comunicado@OtraBot`: meant for another bot in the group. */
  forOtherBot: boolean;
}

/**
 * `/name@bot args` at the very start of a text or caption. The arguments keep their line
 * breaks (the form is several lines); only the space right after the command goes.
 */
export function parseCommand(text: string, botUsername: string | undefined): ParsedCommand | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?=\s|$)[ \t]*\n?([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  const target = m[2];
  return {
    name: m[1]!.toLowerCase(),
    args: m[3] ?? '',
    forOtherBot: !!target && !!botUsername && target.toLowerCase() !== botUsername.toLowerCase(),
  };
}

/** A text with its leading command removed (a reply that quotes an earlier /comunicado). */
export function withoutCommand(text: string): string {
  const cmd = parseCommand(text, undefined);
  return cmd ? cmd.args : text;
}

/** Emoji a person added with this update (removals and custom emoji change nothing). */
export function addedEmoji(r: MessageReactionUpdated): string[] {
  const emojiOf = (list: MessageReactionUpdated['new_reaction']) =>
    list.flatMap((x) => (x.type === 'emoji' ? [x.emoji as string] : []));
  const before = new Set(emojiOf(r.old_reaction));
  return emojiOf(r.new_reaction).filter((e) => !before.has(e));
}
