import { z } from 'zod';

/**
 * The figures of one delivery (what the network says the post reached), kept on the
 * delivery: its reading schedule and the readings. Metric names are the bot's own,
 * the same for every network: `reach`, `views`, `reactions`, `likes`, `comments`,
 * `shares`, `saved`, `quotes`.
 */
export const POLL_STATES = ['pending', 'claimed', 'done', 'skipped'] as const;

export const figurePollSchema = z.object({
  /** When this reading is due (publication + N hours). */
  at: z.string(),
  /** `claimed`: written before the call; `skipped`: a later reading was due too. */
  state: z.enum(POLL_STATES),
  /** The earliest time to try again after a platform asked to wait. */
  retryAt: z.string().optional(),
  /** Failed attempts (network, server): the reading is given up after a few. */
  attempts: z.number().int().nonnegative().optional(),
  doneAt: z.string().optional(),
});
export type FigurePoll = z.infer<typeof figurePollSchema>;

export const figureReadingSchema = z.object({
  at: z.string(),
  metrics: z.record(z.string(), z.number()),
});
export type FigureReading = z.infer<typeof figureReadingSchema>;

export const deliveryFiguresSchema = z.object({
  polls: z.array(figurePollSchema).default([]),
  readings: z.array(figureReadingSchema).default([]),
  /**
   * `gone`: the post no longer exists (answered once, no more readings);
   * `no_permission`: the account lacks a permission to read figures; `off`: not read.
   */
  status: z.enum(['active', 'gone', 'no_permission', 'off']).default('active'),
  /** Spanish, for /estado: why there are no figures (a missing permission...). */
  note: z.string().optional(),
  /** Metrics the network no longer offers (asked once, not again). */
  missing: z.array(z.string()).optional(),
});
export type DeliveryFigures = z.infer<typeof deliveryFiguresSchema>;

/** The latest reading of a delivery, if any. */
export function latestReading(f: DeliveryFigures | undefined): FigureReading | undefined {
  return f?.readings.at(-1);
}

/** The reach a reading stands for: unique reach where the network gives it, else views. */
export function reachOf(metrics: Record<string, number> | undefined): number {
  if (!metrics) return 0;
  return metrics['reach'] ?? metrics['views'] ?? 0;
}
