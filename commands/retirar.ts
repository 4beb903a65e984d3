import { t } from '../src/messages/index.ts';
import type { CommandHandler } from '../src/service/extension.ts';

/** `/retirar ID motivo`: takes it off the portal and the networks that allow it. */
export const retirar: CommandHandler = async (ctx, args) => {
  const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(args);
  if (!m) {
    await ctx.whisper(t('error.usage', { usage: '/retirar C-2026-0142 motivo del retiro' }));
    return;
  }
  const c = await ctx.services.comunicados.require(m[1]!);
  const result = await ctx.services.comunicados.withdraw(c.id, m[2]!.trim(), ctx.event.actor);
  await ctx.reply(result);
};
