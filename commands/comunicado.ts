import { t } from '../src/messages/index.ts';
import { altMissingNotice } from '../src/render/chat.ts';
import type { CommandHandler } from '../src/service/extension.ts';
import { helpText } from './ayuda.ts';

/**
 * `/comunicado <form>`: submits a new comunicado. `/comunicado editar ID <form>` corrects
 * one (a form of only `alt`, `destinos`, `programar` or `vigencia` lines changes just
 * those). Sent as a reply to an earlier message (Telegram), it takes that message's text and
 * files. With nothing at all, it explains the form.
 */
export const comunicado: CommandHandler = async (ctx, args) => {
  const { event, services } = ctx;
  if (event.type !== 'command') return;
  const edit = /^\s*editar\s+(C-\d{4}-\d{4,})\b\s*/i.exec(args);
  const files = [...(event.replyTo?.files ?? []), ...event.files];
  if (edit) {
    const id = edit[1]!.toUpperCase();
    const c = await services.comunicados.edit(id, {
      text: args.slice(edit[0].length),
      files,
      actor: event.actor,
      origin: event.origin,
    });
    await ctx.reply(withAltNotice(t('reply.edited', { id: c.id, version: c.version }), c));
    return;
  }
  const text = [event.replyTo?.text, args].filter((s) => s && s.trim()).join('\n\n');
  if (!text.trim()) {
    await ctx.whisper(helpText(event.origin.platform));
    return;
  }
  const c = await services.comunicados.submit({ text, files, actor: event.actor, origin: event.origin });
  const receipt = await ctx.reply(withAltNotice(t('reply.received', { id: c.id, title: c.content.title }), c));
  // A slash command leaves no message to answer under: the receipt becomes the author's thread.
  if (receipt && !c.origin.messageId && !c.origin.threadId) await services.comunicados.setAuthorThread(c.id, receipt.messageId);
};

/**
 * The answer to the author, in their own place, with what still blocks approval: images
 * without alt text, by their real names, and the exact message that fixes it.
 */
function withAltNotice(text: string, c: Parameters<typeof altMissingNotice>[0]): string {
  const notice = altMissingNotice(c);
  return notice ? `${text}\n\n${notice}` : text;
}
