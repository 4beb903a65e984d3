import type { MessageRef } from '../src/domain/comunicado.ts';
import { isApprover } from '../src/domain/workflow.ts';
import { t } from '../src/messages/index.ts';
import type { CommandContext } from '../src/service/extension.ts';

/**
 * A reaction or a button on a preview an edit replaced: nothing is decided on an old
 * version; the person is told, privately, which version is current. An approver hears it
 * even where the only way is a reply; anyone else only where it stays private.
 */
export async function onSupersededPreview(ctx: CommandContext, message: MessageRef): Promise<boolean> {
  const { store, rules } = ctx.services;
  const id = await store.findByMessage(message);
  if (!id) return false;
  const c = await store.get(id);
  const old = c?.messages.superseded?.find((r) => r.channel === message.channel && r.messageId === message.messageId);
  if (!c || !old) return false;
  const note = t('preview.superseded_note', { id: c.id, version: c.version });
  if (isApprover(rules, ctx.event.actor)) await ctx.whisper(note);
  else await ctx.privately(note);
  return true;
}
