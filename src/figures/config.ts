import { z } from 'zod';
import { SOCIAL_NETWORKS } from '../domain/comunicado.ts';

/**
 * `figures:` section: what each comunicado reached. The bot asks every network for the
 * figures of each published delivery at fixed times after publication (1 hour, 1 day and
 * 7 days by default) and keeps them with the delivery.
 */
export const figuresConfigSchema = z
  .object({
    /** Read figures at all. */
    enabled: z.boolean().default(true),
    /** Hours after publication at which the figures are read (one reading each). */
    pollAfterHours: z
      .array(z.number().positive().max(24 * 90))
      .min(1)
      .max(10)
      .default([1, 24, 168]),
    /** How often the poller looks for due readings (seconds of the app's clock). */
    tickSeconds: z.number().int().min(5).max(3600).default(60),
    /**
     * Readings per account (destination) in one clock hour, at most: a burst of
     * publications is read over the next hours instead of at once, so the calls stay far
     * under each platform's limit (a Facebook reading is 2 Graph calls; Graph allows 200
     * calls per user per hour).
     */
    maxReadingsPerHour: z.number().int().min(1).max(1000).default(8),
    facebook: z
      .object({
        /**
         * Page post insights asked for reach and views. Meta retired the `post_impressions*`
         * metrics in 2025; a metric Graph no longer knows is dropped and the others kept.
         */
        metrics: z.array(z.string().regex(/^[a-z0-9_]+$/)).default(['post_total_media_view_unique', 'post_media_view']),
      })
      .prefault({}),
    instagram: z
      .object({
        metrics: z.array(z.string().regex(/^[a-z0-9_]+$/)).default(['views', 'reach', 'likes', 'comments', 'saved', 'shares']),
      })
      .prefault({}),
    x: z
      .object({
        /**
         * Read the posts' public_metrics. Off by default: on X's pay-per-use pricing every
         * post read is billed (US$0.005 per post at the time of writing).
         */
        read: z.boolean().default(false),
      })
      .prefault({}),
    portal: z
      .object({
        /**
         * `auto`: ask the portal for views (http portal: `GET ?stats=1&id=`; WordPress: the
         * optional route `comunicados/v1/stats/<id>`); when it offers none, the bot's own
         * clicks stand in. `clicks`: only the bot's clicks.
         */
        views: z.enum(['auto', 'clicks']).default('auto'),
      })
      .prefault({}),
    shortLinks: z
      .object({
        /** Serve `/l/<code>` on `publicUrl` and give every hand-off member their own link. */
        enabled: z.boolean().default(true),
        /**
         * Networks whose posts carry a short link instead of the portal's own, so their
         * clicks are counted too (each account its own link). Off by default: a short link
         * on the office's domain reads less familiar than the portal's address.
         */
        socialPosts: z.array(z.enum(SOCIAL_NETWORKS)).default([]),
      })
      .prefault({}),
  })
  .prefault({});
export type FiguresConfig = z.infer<typeof figuresConfigSchema>;
