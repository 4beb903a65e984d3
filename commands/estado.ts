import { estadoDetail, estadoList } from '../src/render/chat.ts';
import type { CommandHandler } from '../src/service/types.ts';

/** `/estado [ID]`: one comunicado in detail, or the list of those in progress. */
export const estado: CommandHandler = async (ctx, args) => {
  const id = args.trim().split(/\s+/)[0];
  const { services } = ctx;
  if (id) {
    const c = await services.comunicados.require(id);
    await ctx.reply(estadoDetail(c, services.config.office.timezone));
    return;
  }
  await ctx.reply(estadoList(await services.store.list()));
};
