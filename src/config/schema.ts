import { z } from 'zod';
import { destinationSchema } from '../domain/comunicado.ts';
import { portalConfigSchema } from '../publish/portal/config.ts';
import { accountsConfigSchema } from '../publish/social/config.ts';
import { teamConfigSchema } from '../handoff/config.ts';
import { digestConfigSchema } from '../digest/config.ts';
import { mediaConfigSchema } from '../media-email/config.ts';
import { figuresConfigSchema } from '../figures/config.ts';
import { plainLanguageConfigSchema } from '../accessibility/config.ts';
import { approvalRulesShape, checkApprovalGroups } from '../approval/config.ts';
import { convocatoriasConfigSchema } from '../portal-rules/config.ts';

const ids = z.array(z.coerce.string().min(1)).default([]);
const perPlatform = z
  .object({ slack: ids, telegram: ids, console: ids })
  .default({ slack: [], telegram: [], console: [] });

const httpsUrl = z.url({ protocol: /^https?$/ });

/** The YAML configuration. Keys in English; the example file explains each in Spanish. */
export const configSchema = z.object({
  office: z.object({
    name: z.string().min(1).default('Oficina de Comunicaciones'),
    entity: z.string().min(1).default('Alcaldía'),
    timezone: z.string().default('America/Bogota'),
    pressContact: z
      .object({
        name: z.string().min(1),
        email: z.email().optional(),
        phone: z.string().optional(),
      })
      .optional(),
    /** Closing paragraph of every comunicado on the portal. */
    boilerplate: z.string().max(2000).default(''),
  }),
  approval: z
    .object({
      approvers: perPlatform,
      reviewers: perPlatform,
      requireReview: z.boolean().default(false),
      authorMayApprove: z.boolean().default(false),
      emoji: z
        .object({
          slack: z
            .object({
              approve: z.array(z.string()).default(['white_check_mark', 'heavy_check_mark']),
              reject: z.array(z.string()).default(['x']),
              changes: z.array(z.string()).default(['pencil2']),
            })
            .default({ approve: ['white_check_mark', 'heavy_check_mark'], reject: ['x'], changes: ['pencil2'] }),
          telegram: z
            .object({
              approve: z.array(z.string()).default(['✅', '👍']),
              reject: z.array(z.string()).default(['❌', '👎']),
              changes: z.array(z.string()).default(['✍️', '✍']),
            })
            .default({ approve: ['✅', '👍'], reject: ['❌', '👎'], changes: ['✍️', '✍'] }),
        })
        .prefault({}),
      ...approvalRulesShape,
    })
    .superRefine(checkApprovalGroups)
    .prefault({}),
  chats: z
    .object({
      slack: z
        .object({
          teamId: z.string().optional(),
          comunicadosChannel: z.string().min(1),
          approvalsChannel: z.string().optional(),
          digestChannel: z.string().optional(),
        })
        .optional(),
      telegram: z
        .object({
          chats: z.array(z.coerce.string()).min(1),
          approvalsChat: z.coerce.string().optional(),
          digestChat: z.coerce.string().optional(),
        })
        .optional(),
      console: z
        .object({
          user: z.string().default('redactora'),
          channel: z.string().default('comunicados'),
        })
        .prefault({}),
    })
    .prefault({}),
  destinations: z
    .object({
      default: z.array(destinationSchema).default(['portal:noticia']),
      /**
       * Defaults per kind (`tipo:`); a kind left out gets KIND_DEFAULTS (src/domain/kinds.ts),
       * and a comunicado the `default` list.
       */
      byKind: z
        .object({
          comunicado: z.array(destinationSchema).optional(),
          aviso: z.array(destinationSchema).optional(),
          convocatoria: z.array(destinationSchema).optional(),
        })
        .strict()
        .optional(),
    })
    .prefault({}),
  attachments: z
    .object({
      maxBytes: z.number().int().positive().max(4 * 1024 ** 3).default(100 * 1024 * 1024),
      /** Largest image accepted at submission, in megapixels (width × height / 1,000,000). */
      maxMegapixels: z.number().positive().max(1000).default(100),
    })
    .prefault({}),
  publishing: z
    .object({
      /** Attempts per delivery for failures that prove nothing was created. */
      maxAttempts: z.number().int().min(1).max(20).default(5),
      /** Longest wait the engine honours (Retry-After); longer waits leave the delivery failed. */
      maxWaitSeconds: z.number().int().min(1).max(86_400).default(900),
      /**
       * After a restart, a lookup that does not find an item counts as proof of absence only
       * once this many seconds have passed since the create call was sent: each platform
       * lists new items with some lag (Facebook's photos, YouTube's processing).
       */
      settleSeconds: z
        .object({
          portal: z.number().int().min(0).max(86_400).default(30),
          facebook: z.number().int().min(0).max(86_400).default(120),
          instagram: z.number().int().min(0).max(86_400).default(120),
          youtube: z.number().int().min(0).max(86_400).default(600),
          x: z.number().int().min(0).max(86_400).default(60),
        })
        .prefault({}),
      /** While a delivery is being verified, the lookup runs again every this many seconds. */
      lookupEverySeconds: z.number().int().min(1).max(3600).default(15),
    })
    .prefault({}),
  /** Public base URL of the bot (for unsubscribe links, share links); optional. */
  publicUrl: httpsUrl.optional(),
  portal: portalConfigSchema,
  accounts: accountsConfigSchema,
  team: teamConfigSchema,
  digest: digestConfigSchema,
  media: mediaConfigSchema,
  figures: figuresConfigSchema,
  plainLanguage: plainLanguageConfigSchema,
  convocatorias: convocatoriasConfigSchema,
});

export type Config = z.infer<typeof configSchema>;
