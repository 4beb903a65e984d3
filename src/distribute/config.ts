import { z } from 'zod';

/** `media:` section: the press list email. */
export const mediaConfigSchema = z.object({}).loose().default({});
export type MediaConfig = z.infer<typeof mediaConfigSchema>;
