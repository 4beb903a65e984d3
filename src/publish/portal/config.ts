import { z } from 'zod';

/**
 * `portal:` section. `type: dry-run` (the default) writes what would be published under
 * DATA_DIR/outbox. The WordPress and generic HTTP portal publishers extend this schema.
 */
export const portalConfigSchema = z
  .object({
    type: z.enum(['dry-run', 'wordpress', 'http']).default('dry-run'),
  })
  .loose()
  .default({ type: 'dry-run' });
export type PortalConfig = z.infer<typeof portalConfigSchema>;
