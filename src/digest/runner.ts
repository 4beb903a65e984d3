import { SerialQueue } from '../util/serial-queue.ts';
import { DateTime } from 'luxon';
import type { OutMessage, Target } from '../chat/port.ts';
import type { Platform } from '../domain/comunicado.ts';
import { t } from '../messages/index.ts';
import type { Services } from '../service/extension.ts';
import { renderWeeklyChart } from './chart.ts';
import { collectDigest } from './collect.ts';
import { buildDigest } from './content.ts';
import { isMonday, isoWeek, latestSlot, type Slot } from './slot.ts';

/** Store doc `digest`: which daily digest went out last, and up to when it reported. */
export interface DigestState {
  /** Day (YYYY-MM-DD) of the last daily digest claimed; each day's digest goes once. */
  lastSlot?: string;
  /** End of the window the last daily digest covered: the next one starts there. */
  lastSentAt?: string;
  /** ISO week of the last weekly chart. */
  lastChartWeek?: string;
}
export const DIGEST_DOC = 'digest';

const DAY_MS = 86_400_000;

/**
 * Runs digests, never two at once. The daily one (cron or start-up catch-up) claims its
 * day in the `digest` doc before sending, so it goes out once even if cron and the
 * catch-up meet; a daily run waits for a run in progress, while an on-demand `/digest`
 * asked during a run is told to wait instead of piling up.
 */
export class DigestRunner {
  private readonly chain = new SerialQueue();
  private busy = false;
  private readonly log;

  constructor(private readonly services: Services) {
    this.log = services.logger.child({ module: 'digest' });
  }

  private get zone(): string {
    return this.services.config.office.timezone;
  }

  get running(): boolean {
    return this.busy;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.chain.run(async () => {
      this.busy = true;
      try {
        return await task();
      } finally {
        this.busy = false;
      }
    });
  }

  /** Resolves when no digest is running or waiting. */
  idle(): Promise<void> {
    return this.chain.idle();
  }

  async state(): Promise<DigestState> {
    return this.services.store.readDoc<DigestState>(DIGEST_DOC, {});
  }

  /** The most recent daily slot at this moment. */
  latestSlot(): Slot {
    return latestSlot(this.services.now(), this.services.config.digest.time, this.zone);
  }

  /**
   * At start-up. The first start ever only records where the digests begin (nothing is
   * "missed" before the bot existed). Otherwise, if the latest daily digest did not go
   * out (the bot was down at that hour), it goes now, once, whatever number of days
   * were missed: only the latest slot counts.
   */
  async catchUp(): Promise<boolean> {
    const slot = this.latestSlot();
    const state = await this.state();
    if (!state.lastSlot) {
      await this.services.store.updateDoc<DigestState>(DIGEST_DOC, {}, (doc) => (doc.lastSlot ? doc : { ...doc, lastSlot: slot.day }));
      return false;
    }
    if (state.lastSlot >= slot.day) return false;
    return this.runDaily(slot, true);
  }

  /** The daily digest for `slot`, to every digest chat; false if it already went out. */
  runDaily(slot: Slot, missed = false): Promise<boolean> {
    return this.exclusive(async () => {
      let claimed = false;
      let prev: DigestState = {};
      // Claimed before sending: a crash mid-send loses that digest rather than doubling it.
      await this.services.store.updateDoc<DigestState>(DIGEST_DOC, {}, (doc) => {
        prev = { ...doc };
        if (doc.lastSlot && doc.lastSlot >= slot.day) return doc;
        claimed = true;
        return { ...doc, lastSlot: slot.day };
      });
      if (!claimed) return false;
      const now = this.services.now();
      const since = prev.lastSentAt ? new Date(prev.lastSentAt) : new Date(now.getTime() - DAY_MS);
      const message = buildDigest(await collectDigest(this.services, since), missed ? { missedAt: slot.at } : {});
      const targets = this.services.chats.digestTargets();
      for (const { platform, target } of targets) await this.services.chats.tryPost(platform, target, message);
      this.log.info({ slot: slot.day, missed, targets: targets.length }, 'daily digest sent');

      const week = isoWeek(slot.day);
      if (this.services.config.digest.weeklyChart && isMonday(slot.day) && prev.lastChartWeek !== week) {
        const yesterday = DateTime.fromISO(slot.day, { zone: this.zone }).minus({ days: 1 }).toISODate()!;
        await this.sendChart(yesterday, targets);
      }
      await this.services.store.updateDoc<DigestState>(DIGEST_DOC, {}, (doc) => ({
        ...doc,
        lastSentAt: now.toISOString(),
        ...(isMonday(slot.day) && this.services.config.digest.weeklyChart ? { lastChartWeek: week } : {}),
      }));
      return true;
    });
  }

  /**
   * `/digest` on demand, in the thread where it was asked. It reports since the last
   * daily digest and does not move the daily window. `busy` if a digest is running.
   */
  /**
   * `/digest` asked by a person: the digest goes through `send` (the command answers only
   * that person) or, without it, to `target`; the chart, a file, always goes to `target`.
   */
  async onDemand(platform: Platform, target: Target, withChart: boolean, send?: (message: OutMessage) => Promise<unknown>): Promise<'sent' | 'busy'> {
    if (this.busy) return 'busy';
    await this.exclusive(async () => {
      const now = this.services.now();
      const state = await this.state();
      const since = state.lastSentAt ? new Date(state.lastSentAt) : new Date(now.getTime() - DAY_MS);
      const message = buildDigest(await collectDigest(this.services, since), { onDemand: true });
      if (send) await send(message);
      else await this.services.chats.post(platform, target, message);
      if (withChart) {
        const today = DateTime.fromJSDate(now, { zone: this.zone }).toISODate()!;
        await this.sendChart(today, [{ platform, target }]);
      }
    });
    return 'sent';
  }

  private async sendChart(lastDay: string, targets: Array<{ platform: Platform; target: Target }>): Promise<void> {
    let png: Buffer;
    try {
      png = await renderWeeklyChart(this.services, lastDay);
    } catch (err) {
      this.log.error({ err }, 'weekly chart not rendered');
      return;
    }
    const file = { filename: t('digest.chart_file', { date: lastDay }), data: png, title: t('digest.chart_title') };
    for (const { platform, target } of targets) {
      await this.services.chats
        .get(platform)
        .upload(target, file)
        .catch((err) => this.log.error({ err, platform }, 'weekly chart not uploaded'));
    }
  }
}
