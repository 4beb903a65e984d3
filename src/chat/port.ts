import type { Readable } from 'node:stream';
import type { Actor, MessageRef, Platform } from '../domain/comunicado.ts';

/**
 * The chat port. Adapters (slack, telegram, console) translate their platform to these
 * neutral events and messages; the commands never know which chat they serve.
 */

/** Button ids the core understands. `value` carries the comunicado id (and destination). */
export const ACTION_IDS = [
  'approve',
  'reject',
  'request_changes',
  'review',
  'confirm_published',
  'confirm_not_published',
  'handoff_shared',
  'retry',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface OutButton {
  id: ActionId;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

/**
 * A message in neutral form. `text` is plain text (Spanish) and always present, so an
 * adapter can fall back to it; sections give structure the adapter may render richer
 * (Block Kit on Slack, HTML on Telegram). Nothing here is markup: adapters escape.
 */
export interface OutMessage {
  text: string;
  sections?: Array<{
    heading?: string;
    body?: string;
    fields?: Array<[label: string, value: string]>;
    /**
     * `url` when the image is public; `fileRef` when it is a file of the chat platform itself
     * (what a person uploaded), which that platform's adapter can show without a URL.
     */
    image?: { url: string; alt: string; fileRef?: { platform: Platform; id: string } };
  }>;
  links?: Array<{ label: string; url: string }>;
  buttons?: OutButton[];
  /** User ids (of this platform) to tag, e.g. the approvers under a preview. */
  mentions?: string[];
  /** Ask the reader to answer in a reply (Telegram force_reply; a thread elsewhere). */
  expectReply?: boolean;
}

/** A file a person attached; the adapter knows how to download it. */
export interface IncomingFile {
  filename: string;
  /** What the platform claims; the content is checked anyway. */
  mime?: string;
  /** Size the platform reports, when it does (checked again while downloading). */
  size?: number;
  /** Caption or alt text the person gave with the file, if any. */
  alt?: string;
  /** The platform's own id of the file, so a preview on that platform can show it. */
  ref?: { platform: Platform; id: string };
  /** Opens the download. The adapter authenticates (bot token) and applies its own limits. */
  open(): Promise<Readable>;
}

/** Where an event happened: enough to reply in the same thread. */
export interface Origin {
  platform: Platform;
  channel: string;
  messageId?: string;
  /** Thread (Slack thread_ts, Telegram message to reply to). */
  threadId?: string;
}

interface EventBase {
  /** Unique per delivery of this event by the platform (Slack event_id, Telegram update_id). */
  eventKey: string;
  actor: Actor;
  origin: Origin;
}

export type ChatEvent =
  | (EventBase & { type: 'command'; name: string; text: string; files: IncomingFile[]; replyTo?: { text: string; files: IncomingFile[] } })
  | (EventBase & { type: 'reaction'; emoji: string; message: MessageRef })
  | (EventBase & {
      type: 'action';
      action: ActionId;
      value: string;
      message?: MessageRef;
      /**
       * Answers the person who pressed, privately, where the platform has a way (Telegram's
       * answerCallbackQuery alert). False when it could not (then the context falls back).
       */
      answer?: (text: string) => Promise<boolean>;
    })
  /** A plain message in a thread or reply (rejection reasons, step-by-step answers). */
  | (EventBase & { type: 'message'; text: string; files: IncomingFile[]; inReplyTo?: MessageRef })
  /**
   * Files that belong to a message already handed over: a Telegram album part that arrived
   * after its album was closed. `submittedWith` is the message the album was taken as.
   */
  | (EventBase & { type: 'late_files'; files: IncomingFile[]; submittedWith: MessageRef });

export type ChatEventHandler = (event: ChatEvent) => Promise<void>;

/** Where to post: a channel, optionally inside a thread. */
export interface Target {
  channel: string;
  threadId?: string;
}

export interface ChatAdapter {
  readonly platform: Platform;
  start(handler: ChatEventHandler): Promise<void>;
  stop(): Promise<void>;
  post(target: Target, message: OutMessage): Promise<MessageRef>;
  update(ref: MessageRef, message: OutMessage): Promise<void>;
  /** A direct message to a person (their user id on this platform). */
  dm(userId: string, message: OutMessage): Promise<MessageRef>;
  /** A message only `userId` sees; adapters without it fall back to a thread reply or DM. */
  ephemeral(target: Target, userId: string, message: OutMessage): Promise<void>;
  /** Whether `ephemeral` is really private (Slack); false where it falls back to a public reply. */
  readonly privateEphemeral?: boolean;
  /** A link a person can open to a message (Slack permalink, t.me link), when there is one. */
  link?(ref: MessageRef): Promise<string | undefined>;
  /** Uploads a file (the weekly chart) to a channel. */
  upload(target: Target, file: { filename: string; data: Buffer; title: string }): Promise<void>;
  /** Uploads a file to one person only, in a direct message (personal data: the media list export). */
  uploadDm(userId: string, file: { filename: string; data: Buffer; title: string }): Promise<void>;
  /** State for /healthz. */
  health(): { ok: boolean; detail?: string };
}
