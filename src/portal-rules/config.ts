import { z } from 'zod';

/** `convocatorias:` section: the reminder before a convocatoria's deadline. */
export const convocatoriasConfigSchema = z
  .object({
    /**
     * Days before `cierre` the bot prepares the «Últimos días para …» reminder, which goes
     * to approval like any post. 0: no reminder.
     */
    reminderDaysBefore: z.number().int().min(0).max(60).default(3),
  })
  .strict()
  .prefault({});
export type ConvocatoriasConfig = z.infer<typeof convocatoriasConfigSchema>;
