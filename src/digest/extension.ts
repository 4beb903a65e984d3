import cron, { type ScheduledTask } from 'node-cron';
import { t } from '../messages/index.ts';
import type { Extension, Services } from '../service/extension.ts';
import { DigestRunner } from './runner.ts';
import { cronExpression } from './slot.ts';

/**
 * The morning digest: node-cron at `digest.time` in the office time zone (`office.timezone`,
 * given to node-cron explicitly so the server's zone never matters), a catch-up at
 * start-up for a digest missed while the bot was down, and `/digest` on demand
 * (`/digest semana` adds the chart).
 */
export function digestExtension(services: Services): Extension & { runner: DigestRunner } {
  const runner = new DigestRunner(services);
  const log = services.logger.child({ module: 'digest' });
  let task: ScheduledTask | undefined;

  return {
    name: 'digest',
    runner,
    commands: {
      async digest(ctx, args) {
        const word = args.trim().toLowerCase();
        if (word && !['semana', 'semanal', 'grafico', 'gráfico'].includes(word)) {
          await ctx.whisper(t('digest.usage'));
          return;
        }
        const { origin } = ctx.event;
        const threadId = origin.threadId ?? origin.messageId;
        const target = threadId ? { channel: origin.channel, threadId } : { channel: origin.channel };
        const outcome = await runner.onDemand(origin.platform, target, !!word, (m) => ctx.whisper(m));
        if (outcome === 'busy') await ctx.whisper(t('digest.busy'));
      },
    },
    async start() {
      services.tasks.run('digest catch-up', () => runner.catchUp());
      task = cron.schedule(
        cronExpression(services.config.digest.time),
        () => {
          // Tracked as background work: shutdown waits for a digest being sent.
          services.tasks.run('daily digest', () => runner.runDaily(runner.latestSlot()).catch((err) => log.error({ err }, 'daily digest failed')));
        },
        { timezone: services.config.office.timezone, name: 'digest', noOverlap: true },
      );
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await runner.idle();
    },
    health() {
      return { time: services.config.digest.time, running: runner.running };
    },
  };
}
