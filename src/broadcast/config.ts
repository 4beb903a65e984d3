import { z } from 'zod';

/** `team:` section: the people who forward comunicados to their WhatsApp lists. */
export const teamConfigSchema = z
  .array(
    z.object({
      name: z.string().min(1),
      slack: z.string().optional(),
      telegram: z.string().optional(),
      handoff: z.boolean().default(true),
    }),
  )
  .default([]);
export type TeamConfig = z.infer<typeof teamConfigSchema>;
