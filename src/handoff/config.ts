import { z } from 'zod';

export const memberSchema = z.object({
  name: z.string().min(1),
  /** Slack user id (U...). */
  slack: z.coerce.string().min(1).optional(),
  /** Telegram numeric user id (the person must have opened a chat with the bot once). */
  telegram: z.coerce.string().min(1).optional(),
  /** Name the console chat uses for this person; defaults to the member's slug. */
  console: z.string().min(1).optional(),
  /** Whether the person takes part in the WhatsApp hand-off. */
  handoff: z.boolean().default(true),
});
export type MemberConfig = z.infer<typeof memberSchema>;

const DEFAULT_INTERVALS = { slack: 1100, telegram: 50, console: 0 };

const teamObject = z.object({
  members: z.array(memberSchema).default([]),
  /** Minutes after the hand-off before the gentle reminder to those who did not confirm. */
  reminderAfterMinutes: z.number().int().min(1).max(7 * 24 * 60).default(120),
  /**
   * No reminders inside this window (office time zone), "21:00-07:00"; they wait for its
   * end. `null` or "" sends at any hour.
   */
  quietHours: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'horario HH:MM-HH:MM')
    .or(z.literal(''))
    .nullable()
    .default('21:00-07:00'),
  /**
   * Minimum time between two direct messages on one platform (ms). Slack allows about one
   * message per second per conversation, Telegram about 30 per second in total.
   */
  sendIntervalMs: z
    .object({
      slack: z.number().int().min(0).max(60_000).default(DEFAULT_INTERVALS.slack),
      telegram: z.number().int().min(0).max(60_000).default(DEFAULT_INTERVALS.telegram),
      console: z.number().int().min(0).max(60_000).default(DEFAULT_INTERVALS.console),
    })
    .prefault({}),
  /** Longest a single message keeps waiting on a chat's rate limit before it counts as failed. */
  maxWaitMinutes: z.number().int().min(1).max(24 * 60).default(30),
  /**
   * At start-up, comunicados published this many hours ago or less that never got their
   * hand-off (the bot stopped right after publishing) get it then.
   */
  catchUpHours: z.number().int().min(0).max(72).default(12),
});

/**
 * `team:` section: the people who forward comunicados to their WhatsApp broadcast lists.
 * A bare list of members is accepted too (`team: [ {name: ...} ]`).
 */
export const teamConfigSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { members: v } : (v ?? {})),
  teamObject,
);
export type TeamConfig = z.infer<typeof teamConfigSchema>;
