import { estadoDetail, estadoList, estadoRecent } from '../src/render/chat.ts';
import type { CommandHandler } from '../src/service/extension.ts';

/**
 * `/estado [ID]`: one comunicado in detail, the list of those in progress, or with
 * `recientes` the last closed ones. A lookup: only the person who asked sees the answer.
 */
export const estado: CommandHandler = async (ctx, args) => {
  const word = args.trim().split(/\s+/)[0];
  const { services } = ctx;
  if (word && /^recientes?$/i.test(word)) {
    await ctx.whisper(estadoRecent(await services.store.list()));
    return;
  }
  if (word) {
    const c = await services.comunicados.require(word);
    await ctx.whisper(estadoDetail(c, services.config.office.timezone));
    return;
  }
  await ctx.whisper(estadoList(await services.store.list()));
};
