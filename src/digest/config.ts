import { z } from 'zod';

/** `digest:` section: the morning digest and the Monday chart. */
export const digestConfigSchema = z
  .object({
    /** Time of the daily digest in the office time zone (`office.timezone`). */
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hora HH:MM').default('07:00'),
    /** On Mondays the digest carries a chart of the last 4 weeks. */
    weeklyChart: z.boolean().default(true),
    /** Check each real account's access every morning (expiring tokens). */
    checkAccess: z.boolean().default(true),
    /** WhatsApp coverage covers comunicados published at least this many days back. */
    coverageDays: z.number().int().min(1).max(30).default(2),
  })
  .prefault({});
export type DigestConfig = z.infer<typeof digestConfigSchema>;
