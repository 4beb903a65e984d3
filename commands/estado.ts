import { approvalLines } from '../src/approval/render.ts';
import { approvalProgress } from '../src/domain/approval-rules.ts';
import { policyOf } from '../src/domain/workflow.ts';
import { estadoDetail, estadoList, estadoRecent } from '../src/render/chat.ts';
import type { CommandHandler } from '../src/service/extension.ts';
import { readLinks } from '../src/figures/links.ts';
import { figuresLines, withFigures } from '../src/figures/render.ts';

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
    const zone = services.config.office.timezone;
    // What each destination reached and the clicks on the bot's links, when there are any.
    const detail = withFigures(estadoDetail(c, zone), figuresLines(c, await readLinks(services, c.id), zone));
    // Who still has to approve, for which destinations (only when the rules ask for more than the Jefe).
    const lines = c.state === 'pending_approval' ? approvalLines(approvalProgress(policyOf(services.rules), c, services.now())) : [];
    await ctx.whisper(lines.length ? { ...detail, text: [detail.text, ...lines].join('\n'), sections: [...(detail.sections ?? []), { body: lines.join('\n') }] } : detail);
    return;
  }
  await ctx.whisper(estadoList(await services.store.list()));
};
