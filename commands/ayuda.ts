import { t } from '../src/messages/index.ts';
import type { CommandHandler } from '../src/service/types.ts';

/** `/ayuda`: the commands and the plain-text form. */
export const ayuda: CommandHandler = async (ctx) => {
  await ctx.reply(t('ayuda.text'));
};
