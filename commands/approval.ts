import { actorName, type MessageRef } from '../src/domain/comunicado.ts';
import { t } from '../src/messages/index.ts';
import type { ActionHandler, CommandContext, CommandHandler } from '../src/service/extension.ts';

/** Approve, the same from a reaction, a button or `/aprobar ID`. */
export async function approve(ctx: CommandContext, id: string): Promise<void> {
  const c = await ctx.services.comunicados.apply(id, { type: 'approve' }, ctx.event.actor);
  // Still pending: the service already said who else must approve.
  if (c.state !== 'scheduled' && c.state !== 'pending_approval') {
    await ctx.services.chats.tryPost(c.origin.platform, ctx.services.comunicados.previewThread(c), {
      text: t('reply.approved_by', { id: c.id, name: actorName(ctx.event.actor) }),
    });
  }
}

/** Reject: asks the approver for the reason (their next reply in the thread is taken). */
export async function askReason(ctx: CommandContext, id: string): Promise<void> {
  await ctx.services.comunicados.apply(id, { type: 'ask_reason' }, ctx.event.actor);
}

export async function reject(ctx: CommandContext, id: string, reason: string): Promise<void> {
  const c = await ctx.services.comunicados.apply(id, { type: 'reject', reason }, ctx.event.actor);
  await ctx.services.chats.tryPost(c.origin.platform, ctx.services.comunicados.previewThread(c), {
    text: t('reply.rejected', { id: c.id, name: actorName(ctx.event.actor), reason: c.rejection?.reason ?? reason }),
  });
}

/**
 * Request changes. Without a note (✏️, the button) the approver is asked in the thread
 * what to change; their next reply there is sent on to the author.
 */
export async function requestChanges(ctx: CommandContext, id: string, note: string): Promise<void> {
  const c = await ctx.services.comunicados.apply(id, { type: 'request_changes', note }, ctx.event.actor);
  if (note.trim()) return;
  await ctx.services.chats.tryPost(c.origin.platform, ctx.services.comunicados.previewThread(c), {
    text: t('reply.ask_changes', { name: actorName(ctx.event.actor), id: c.id }),
    mentions: [ctx.event.actor.userId],
    expectReply: true,
  });
}

export async function review(ctx: CommandContext, id: string): Promise<void> {
  const c = await ctx.services.comunicados.apply(id, { type: 'review' }, ctx.event.actor);
  await ctx.services.chats.tryPost(c.origin.platform, ctx.services.comunicados.previewThread(c), {
    text: t('reply.reviewed_by', { id: c.id, name: actorName(ctx.event.actor) }),
  });
}

async function confirm(ctx: CommandContext, value: string, published: boolean): Promise<void> {
  const [id, destination] = value.split('|') as [string, string | undefined];
  if (!destination) return;
  const c = await ctx.services.comunicados.confirm(id, destination, published, ctx.event.actor);
  await ctx.whisper(t('reply.confirmed', { id: c.id, destination, state: t(`delivery.${c.deliveries[destination]?.state ?? 'unknown'}`) }));
}

export const actionHandlers: Record<string, ActionHandler> = {
  approve: (ctx, id) => approve(ctx, id),
  reject: (ctx, id) => askReason(ctx, id),
  request_changes: (ctx, id) => requestChanges(ctx, id, ''),
  review: (ctx, id) => review(ctx, id),
  confirm_published: (ctx, v) => confirm(ctx, v, true),
  confirm_not_published: (ctx, v) => confirm(ctx, v, false),
  retry: async (ctx, id) => {
    await ctx.services.comunicados.retry(id, ctx.event.actor);
    await ctx.whisper(t('reply.retrying', { id }));
  },
};

/** Text forms of the buttons, on every chat: `/aprobar ID`, `/rechazar ID motivo`... */
function idAndRest(args: string): [string, string] {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(args);
  return m ? [m[1]!.toUpperCase(), m[2]!.trim()] : ['', ''];
}

export const textCommands: Record<string, CommandHandler> = {
  aprobar: (ctx, args) => approve(ctx, idAndRest(args)[0]),
  rechazar: async (ctx, args) => {
    const [id, reason] = idAndRest(args);
    if (reason) await reject(ctx, id, reason);
    else await askReason(ctx, id);
  },
  cambios: (ctx, args) => {
    const [id, note] = idAndRest(args);
    return requestChanges(ctx, id, note);
  },
  revisado: (ctx, args) => review(ctx, idAndRest(args)[0]),
  confirmar: async (ctx, args) => {
    const m = /^\s*(\S+)\s+(\S+)\s+(s[ií]|no)\b/i.exec(args);
    if (!m) {
      await ctx.whisper(t('error.usage', { usage: '/confirmar C-2026-0142 facebook:alcaldia si|no' }));
      return;
    }
    await confirm(ctx, `${m[1]!.toUpperCase()}|${m[2]!.toLowerCase()}`, !/^no$/i.test(m[3]!));
  },
};

/** Which approval gesture an emoji is, per the config of the event's platform. */
export function reactionKind(ctx: CommandContext, emoji: string): 'approve' | 'reject' | 'changes' | undefined {
  const { slack, telegram } = ctx.services.config.approval.emoji;
  // The console accepts both spellings: `white_check_mark` and ✅.
  const platform = ctx.event.actor.platform;
  const pick = (k: 'approve' | 'reject' | 'changes') =>
    platform === 'slack' ? slack[k] : platform === 'telegram' ? telegram[k] : [...slack[k], ...telegram[k]];
  const sets = { approve: pick('approve'), reject: pick('reject'), changes: pick('changes') };
  const norm = emoji.replace(/\uFE0F/g, '').replace(/^:|:$/g, '');
  const has = (list: string[]) => list.some((e) => e.replace(/\uFE0F/g, '') === norm);
  if (has(sets.approve)) return 'approve';
  if (has(sets.reject)) return 'reject';
  if (has(sets.changes)) return 'changes';
  return undefined;
}

/**
 * A reaction on a preview message. Reactions anywhere else, or with other emoji, change
 * nothing; the workflow refuses non-approvers with a Spanish explanation.
 */
export async function onReaction(ctx: CommandContext, emoji: string, message: MessageRef): Promise<boolean> {
  const id = await ctx.services.store.findByMessage(message);
  if (!id) return false;
  const c = await ctx.services.store.get(id);
  const preview = c?.messages.preview;
  if (!c || !preview || preview.channel !== message.channel || preview.messageId !== message.messageId) return false;
  const kind = reactionKind(ctx, emoji);
  if (!kind) return true;
  if (kind === 'approve') await approve(ctx, id);
  else if (kind === 'reject') await askReason(ctx, id);
  else await requestChanges(ctx, id, '');
  return true;
}

/**
 * A message in the thread of a preview (or a reply to the bot's question): the rejection
 * reason, or the changes, the bot asked that approver for.
 */
export async function onThreadMessage(ctx: CommandContext): Promise<boolean> {
  const e = ctx.event;
  if (e.type !== 'message') return false;
  const { store } = ctx.services;
  const refs: Array<{ platform: typeof e.origin.platform; channel: string; messageId: string }> = [];
  if (e.inReplyTo) refs.push(e.inReplyTo);
  if (e.origin.threadId) refs.push({ platform: e.origin.platform, channel: e.origin.channel, messageId: e.origin.threadId });
  for (const ref of refs) {
    const id = await store.findByMessage(ref);
    if (!id) continue;
    const c = await store.get(id);
    if (!c) continue;
    // The changes an approver was asked for after ✏️: sent on to the author.
    const changes = c.changesRequested;
    if (c.state === 'changes_requested' && changes && !changes.note && changes.actor.platform === e.actor.platform && changes.actor.userId === e.actor.userId) {
      if (e.text.trim()) await ctx.services.comunicados.addChangesNote(id, e.text, e.actor);
      return true;
    }
    const waiting = c.awaitingReason;
    if (!waiting || waiting.platform !== e.actor.platform || waiting.userId !== e.actor.userId) continue;
    if (!e.text.trim()) return true;
    await reject(ctx, id, e.text);
    return true;
  }
  return false;
}
