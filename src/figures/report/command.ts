import { DateTime } from 'luxon';
import { t } from '../../messages/index.ts';
import type { CommandHandler } from '../../service/extension.ts';
import { monthReport } from './data.ts';
import { reportFiles, reportMessage } from './render.ts';

/** `''`/`mes` -> this month, `anterior` -> last month, `2026-11` -> that month (office time zone). */
export function monthArg(arg: string, now: Date, zone: string): string | undefined {
  const word = arg.trim().toLowerCase();
  const here = DateTime.fromJSDate(now, { zone });
  if (!word || word === 'mes' || word === 'este') return here.toFormat('yyyy-MM');
  if (word === 'anterior' || word === 'pasado') return here.minus({ months: 1 }).toFormat('yyyy-MM');
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(word);
  return m ? word : undefined;
}

/**
 * `/informe [mes|anterior|AAAA-MM]`: the monthly report in the thread where it was asked:
 * a short summary, the PNG charts and the CSV. One at a time.
 */
export function informeCommand(): CommandHandler {
  let busy = false;
  return async (ctx, args) => {
    const { services } = ctx;
    const month = monthArg(args, services.now(), services.config.office.timezone);
    if (!month) {
      await ctx.whisper(t('report.usage'));
      return;
    }
    if (busy) {
      await ctx.whisper(t('report.busy'));
      return;
    }
    busy = true;
    try {
      const r = await monthReport(services.store, services.config, month);
      const files = await reportFiles(r);
      const { origin } = ctx.event;
      const threadId = origin.threadId ?? origin.messageId;
      const target = threadId ? { channel: origin.channel, threadId } : { channel: origin.channel };
      await ctx.reply(reportMessage(r));
      const chat = services.chats.get(origin.platform);
      for (const f of [...files.charts, files.csv]) await chat.upload(target, f);
    } finally {
      busy = false;
    }
  };
}
