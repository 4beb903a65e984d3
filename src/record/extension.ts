import { sha256 } from './chain.ts';
import { isApprover } from '../domain/workflow.ts';
import { ID_PATTERN } from '../domain/comunicado.ts';
import { refusal } from '../messages/errors.ts';
import { t } from '../messages/index.ts';
import type { CommandContext, Extension, Services } from '../service/extension.ts';
import { describeLine, historyOf } from './history.ts';
import type { RecordLog } from './log.ts';
import { OPEN_DATA_CSV, OPEN_DATA_JSON, OpenData } from './open-data.ts';

/** Longest history the chat shows; the export and the archive file have everything. */
const MAX_SHOWN = 60;

/**
 * Answers only the person who asked: Slack ephemeral, the console itself; elsewhere a
 * direct message, with a short note in the chat that it was sent.
 */
async function answerPrivately(ctx: CommandContext, text: string): Promise<void> {
  const platform = ctx.event.origin.platform;
  if (platform === 'console') {
    await ctx.whisper(text);
    return;
  }
  if (await ctx.privately(text)) return;
  await ctx.services.chats.get(platform).dm(ctx.event.actor.userId, { text });
  await ctx.reply(t('record.sent_dm'));
}

/**
 * The record's side of the app: its line at each start (with the config's hash), and
 * `/registro ID`, one comunicado's recorded history for approvers.
 */
export function recordExtension(services: Services, record: RecordLog, configFileHash?: string): Extension & { openData?: OpenData } {
  // Open data (Ley 1712) is served only where the bot has a public address.
  const { office } = services.config;
  const openData = services.config.publicUrl ? new OpenData(record, { entity: office.entity, office: office.name, now: services.now }) : undefined;
  return {
    name: 'registro',
    ...(openData ? { openData, routes: { [OPEN_DATA_JSON]: openData.handler('json'), [OPEN_DATA_CSV]: openData.handler('csv') } } : {}),
    commands: {
      registro: async (ctx, args) => {
        if (!isApprover(services.rules, ctx.event.actor)) throw refusal('not_approver', 'record.not_approver');
        const id = args.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
        if (!ID_PATTERN.test(id)) throw refusal('usage', 'record.usage');
        const lines = await historyOf(record.dir, id);
        if (!lines.length) {
          await answerPrivately(ctx, t('record.history_empty', { id }));
          return;
        }
        const zone = services.config.office.timezone;
        const shown = lines.slice(-MAX_SHOWN).map((l) => describeLine(l, zone));
        const out = [t('record.history_heading', { id, count: lines.length }), ...shown];
        if (lines.length > MAX_SHOWN) out.push(t('record.history_more', { n: lines.length - MAX_SHOWN, id }));
        await answerPrivately(ctx, out.join('\n'));
      },
    },
    async start() {
      await record.append([
        {
          kind: 'config',
          action: 'start',
          configHash: sha256(JSON.stringify(services.config)),
          ...(configFileHash ? { configFileHash } : {}),
        },
      ]);
    },
    health() {
      const head = record.head();
      return { lines: head.n, lastHash: head.hash };
    },
  };
}
