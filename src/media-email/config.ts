import { z } from 'zod';

/** Segments every office has; the config can add more (`media.segments`). */
export const DEFAULT_SEGMENTS = ['prensa', 'radio', 'tv', 'digital', 'blogger'] as const;

/** `email:todos` is the whole list, so no segment may be called `todos`. */
export const ALL_SEGMENTS = 'todos';

/** Segment names double as destination suffixes (`email:radio`), so they follow its pattern. */
export const segmentNameSchema = z
  .string()
  .regex(/^[a-z0-9_-]{2,30}$/, 'segmento en minúsculas, sin espacios ni tildes (2 a 30 caracteres)')
  .refine((s) => s !== ALL_SEGMENTS, '«todos» está reservado para la lista completa');

/** `media:` section: the press list email. Keys in English; the example config explains them in Spanish. */
export const mediaConfigSchema = z
  .object({
    /** Segments the office adds to the default ones (prensa, radio, tv, digital, blogger). */
    segments: z.array(segmentNameSchema).max(50).default([]),
    unsubscribe: z
      .object({
        /** Base of the one-click unsubscribe link; defaults to `<publicUrl>/medios/baja` when publicUrl is set. */
        url: z.url({ protocol: /^https?$/ }).optional(),
        /** Address for `mailto:` unsubscribes (a person processes them); defaults to office.pressContact.email; false disables it. */
        mailto: z.union([z.email(), z.literal(false)]).optional(),
      })
      .prefault({}),
    photos: z
      .object({
        /** Longest side of an attached photo, in pixels. */
        maxPixels: z.number().int().min(320).max(4096).default(1600),
        /** JPEG quality of the attached photos. */
        quality: z.number().int().min(40).max(95).default(80),
      })
      .prefault({}),
    /** Largest total size of the attachments of one message; documents beyond it are linked, not attached. */
    maxAttachmentBytes: z.number().int().min(100_000).max(40 * 1024 * 1024).default(15 * 1024 * 1024),
    retry: z
      .object({
        /** Waits between attempts for a recipient whose server answered 4xx (deferred). */
        delaysSeconds: z.array(z.number().int().min(0).max(86_400)).min(1).max(20).default([60, 300, 900, 1800, 3600]),
        /** How often the bot looks for deferred or interrupted recipients. */
        checkEverySeconds: z.number().int().min(1).max(3600).default(30),
      })
      .prefault({}),
  })
  .prefault({});
export type MediaConfig = z.infer<typeof mediaConfigSchema>;

/** Every segment a contact may have: the default ones plus those of the config. */
export function segmentsOf(config: MediaConfig): string[] {
  return [...new Set<string>([...DEFAULT_SEGMENTS, ...config.segments])];
}
