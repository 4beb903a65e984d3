import { t } from '../src/messages/index.ts';
import type { CommandHandler } from '../src/service/extension.ts';

/** `/reintentar ID`: publishes again only the destinations that failed. */
export const reintentar: CommandHandler = async (ctx, args) => {
  const id = args.trim().split(/\s+/)[0];
  if (!id) {
    await ctx.whisper(t('error.usage', { usage: '/reintentar C-2026-0142' }));
    return;
  }
  const c = await ctx.services.comunicados.require(id);
  await ctx.services.comunicados.retry(c.id, ctx.event.actor);
  await ctx.reply(t('reply.retrying', { id: c.id }));
};
