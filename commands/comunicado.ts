import { t } from '../src/messages/index.ts';
import type { CommandHandler } from '../src/service/types.ts';
import { helpText } from './ayuda.ts';

/**
 * `/comunicado <form>`: submits a new comunicado. `/comunicado editar ID <form>` corrects
 * one. Sent as a reply to an earlier message (Telegram), it takes that message's text and
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
    await ctx.reply(t('reply.edited', { id: c.id, version: c.version }));
    return;
  }
  const text = [event.replyTo?.text, args].filter((s) => s && s.trim()).join('\n\n');
  if (!text.trim()) {
    await ctx.whisper(helpText(event.origin.platform));
    return;
  }
  const c = await services.comunicados.submit({ text, files, actor: event.actor, origin: event.origin });
  await ctx.reply(t('reply.received', { id: c.id, title: c.content.title }));
};
