import { z } from 'zod';

/** `plainLanguage:` in the YAML: the thresholds of the preview's plain-language hints (warnings only). */
export const plainLanguageConfigSchema = z
  .object({
    /** Show the hints in the preview. */
    enabled: z.boolean().default(true),
    /** INFLESZ score below which the preview warns (55: where «normal» starts). */
    minReadability: z.number().min(0).max(100).default(55),
    maxSentenceWords: z.number().int().min(5).max(200).default(30),
    maxParagraphSentences: z.number().int().min(1).max(50).default(5),
    /** Acronyms the public knows without expansion (e.g. PDF). */
    knownAcronyms: z.array(z.string().min(1).max(20)).max(200).default([]),
  })
  .prefault({});

export type PlainLanguageConfig = z.infer<typeof plainLanguageConfigSchema>;
