import { OnePass } from '../util/one-pass.ts';
import type { MessageRef } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { CommandContext, Extension, Services } from '../service/extension.ts';
import { Handoff, type ConfirmOutcome } from './service.ts';

/** Reactions that mean "ya lo compartí" on a hand-off message, on every chat. */
const SHARED_EMOJI = new Set(['✅', '✔️', '✔', '☑️', '👍', 'white_check_mark', 'heavy_check_mark', 'ballot_box_with_check', '+1', 'thumbsup']);

const SWEEP_MS = 60_000;

function answer(outcome: ConfirmOutcome, id: string, name?: string): string {
  switch (outcome) {
    case 'confirmed':
      return t('handoff.confirmed', { id, name: name ?? '' });
    case 'already':
      return t('handoff.already_confirmed', { id, name: name ?? '' });
    case 'not_member':
      return t('handoff.not_member');
    case 'not_yours':
      return t('handoff.not_yours', { id });
    case 'closed':
      return t('handoff.closed', { id });
    case 'no_handoff':
      return t('handoff.no_handoff', { id });
  }
}

/**
 * The hand-off as an extension: starts after a publication settles, confirms from the
 * "Ya lo compartí" button or a ✅ reaction, reminds on a timer that reads the store (so
 * reminders survive restarts), and tells members to stop sharing a withdrawn comunicado.
 */
export function handoffExtension(services: Services, options: { sweepMs?: number } = {}): Extension & { handoff: Handoff } {
  const handoff = new Handoff(services);
  const log = services.logger.child({ module: 'handoff' });
  const sweeps = new OnePass(() => handoff.sweep().catch((err) => log.error({ err }, 'hand-off sweep failed')));
  const sweep = () => sweeps.run();

  return {
    name: 'handoff',
    handoff,
    actions: {
      async handoff_shared(ctx: CommandContext, value: string) {
        const [rawId, slug] = value.split('|');
        const id = rawId?.trim().toUpperCase();
        if (!id) {
          await ctx.whisper(t('handoff.usage'));
          return;
        }
        const r = await handoff.confirm(id, ctx.event.actor, 'button', slug?.trim().toLowerCase());
        await ctx.whisper(answer(r.outcome, id, r.name));
      },
    },
    async onReaction(ctx: CommandContext, emoji: string, message: MessageRef) {
      if (!SHARED_EMOJI.has(emoji)) return false;
      const found = await handoff.findByMessage(message);
      if (!found) return false;
      const r = await handoff.confirm(found.id, ctx.event.actor, 'reaction', found.slug);
      await ctx.whisper(answer(r.outcome, found.id, r.name));
      return true;
    },
    async onSettled(c) {
      await handoff.begin(c);
    },
    async onWithdrawn(c) {
      await handoff.withdraw(c);
    },
    async start() {
      await handoff.recover();
      // Tracked as background work, so shutdown (and tests) wait for a sweep in progress.
      sweeps.every(options.sweepMs ?? SWEEP_MS, () => services.tasks.run('handoff sweep', sweep));
    },
    async stop() {
      handoff.stop();
      await sweeps.stop();
    },
    health() {
      return { members: handoff.roster.length, queued: handoff.queued() };
    },
  };
}
