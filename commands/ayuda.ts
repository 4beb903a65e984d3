import type { Platform } from '../src/domain/comunicado.ts';
import { t } from '../src/messages/index.ts';
import type { CommandHandler } from '../src/service/extension.ts';

/** The help, with the approval gestures of the chat it is read in (Telegram has no ✅ reaction). */
export function helpText(platform: Platform): string {
  return t('ayuda.text', { approval: t(`ayuda.approval.${platform}`) });
}

/** `/ayuda`: the commands and the plain-text form, only to the person who asked. */
export const ayuda: CommandHandler = async (ctx) => {
  await ctx.whisper(helpText(ctx.event.origin.platform));
};
