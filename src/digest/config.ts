import { z } from 'zod';

/** `digest:` section: the morning digest. */
export const digestConfigSchema = z
  .object({
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hora HH:MM').default('07:00'),
  })
  .loose()
  .default({ time: '07:00' });
export type DigestConfig = z.infer<typeof digestConfigSchema>;
