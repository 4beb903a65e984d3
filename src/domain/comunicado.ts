import { z } from 'zod';
import { deliveryFiguresSchema } from './figures.ts';

/** Chat platforms the bot can live in. `console` is the terminal chat used with no tokens. */
export const PLATFORMS = ['slack', 'telegram', 'console'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

export const ID_PATTERN = /^C-(\d{4})-(\d{4,})$/;
export const comunicadoIdSchema = z.string().regex(ID_PATTERN, 'id con formato C-AAAA-NNNN');

export function formatId(year: number, seq: number): string {
  return `C-${year}-${String(seq).padStart(4, '0')}`;
}

export function idYear(id: string): number {
  const m = ID_PATTERN.exec(id);
  if (!m) throw new Error(`not a comunicado id: ${id}`);
  return Number(m[1]);
}

/** Portal placements named in the office procedure (INS-GCO-005, step 2). */
export const PLACEMENTS = ['noticia', 'slider_principal', 'slider_contacto', 'banner_aviso', 'popup'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const SOCIAL_NETWORKS = ['facebook', 'instagram', 'x', 'youtube'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** The two official identities: the city and the sitting mayor (alcalde de turno). */
export const IDENTITIES = ['alcaldia', 'alcalde'] as const;
export type Identity = (typeof IDENTITIES)[number];

/**
 * A destination is a string key so it can index deliveries, appear in config and be typed
 * by a person: `portal:noticia`, `facebook:alcaldia`, `x:alcalde`, `email:todos`,
 * `email:radio`.
 */
const portalDest = z.templateLiteral([z.literal('portal:'), z.enum(PLACEMENTS)]);
const socialDest = z.templateLiteral([z.enum(SOCIAL_NETWORKS), z.literal(':'), z.enum(IDENTITIES)]);
const emailDest = z.string().regex(/^email:[a-z0-9_-]{2,30}$/);
export const destinationSchema = z.union([portalDest, socialDest, emailDest]);
export type Destination = z.infer<typeof destinationSchema>;

export function destinationKind(d: string): 'portal' | 'social' | 'email' {
  if (d.startsWith('portal:')) return 'portal';
  if (d.startsWith('email:')) return 'email';
  return 'social';
}

export const actorSchema = z.object({
  platform: platformSchema,
  userId: z.string().min(1),
  name: z.string().optional(),
  isBot: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** How a person is named in messages: the display name the chat gave, else the user id. */
export function actorName(a: { name?: string; userId: string }): string {
  return a.name ?? a.userId;
}

/** Where a message lives in a chat: enough to reply in its thread or edit it. */
export const messageRefSchema = z.object({
  platform: platformSchema,
  channel: z.string(),
  messageId: z.string(),
  threadId: z.string().optional(),
});
export type MessageRef = z.infer<typeof messageRefSchema>;

export const attachmentSchema = z.object({
  kind: z.enum(['image', 'video', 'document']),
  filename: z.string().min(1).max(255),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  /** Path relative to DATA_DIR. */
  path: z.string(),
  alt: z.string().max(1000).optional(),
  caption: z.string().max(2000).optional(),
  /** The chat platform's own id of the uploaded file (previews show it from there). */
  sourceRef: z.object({ platform: platformSchema, id: z.string().min(1).max(200) }).optional(),
  /** A video's captions file (.srt or .vtt, checked), with its WebVTT form for the portal. */
  captions: z
    .object({
      filename: z.string().min(1).max(255),
      format: z.enum(['srt', 'vtt']),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[a-f0-9]{64}$/),
      /** The file as sent, relative to DATA_DIR. */
      path: z.string(),
      /** The same cues as WebVTT (the file itself when it was already .vtt), relative to DATA_DIR. */
      vttPath: z.string(),
      vttSha256: z.string().regex(/^[a-f0-9]{64}$/),
      vttSize: z.number().int().nonnegative(),
      cues: z.number().int().nonnegative(),
    })
    .optional(),
  /** A video declared to have no speech (`sin voz video.mp4`): it needs no captions. */
  noSpeech: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The editable content of a comunicado. Every edit stores a new version of it. */
export const contentSchema = z.object({
  title: z.string().min(1).max(300),
  lead: z.string().max(2000).default(''),
  body: z.string().max(50_000).default(''),
  hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u)).max(60).default([]),
  attachments: z.array(attachmentSchema).max(30).default([]),
  destinations: z.array(destinationSchema).default([]),
  /** Embargo: publish on the portal and networks at this instant (ISO, UTC). */
  publishAt: z.iso.datetime({ offset: true }).optional(),
  /** Last day (office time zone, YYYY-MM-DD) a slider, banner or pop-up stays up. */
  vigenciaHasta: z.iso.date().optional(),
  /** `tipo:`: comunicado (press release, the default when absent), aviso or convocatoria. */
  kind: z.enum(['comunicado', 'aviso', 'convocatoria']).optional(),
  /** `cierre:`: a convocatoria's deadline (ISO, UTC); its placements come down then. */
  closesAt: z.iso.datetime({ offset: true }).optional(),
  /** `inscripciones:`: where people sign up for a convocatoria (https, allowed domain). */
  registrationUrl: z.url().max(2000).optional(),
  /** `enlace:`: where a slider, banner or pop-up points (default: the noticia). */
  linkTarget: z.url().max(2000).optional(),
});
export type Content = z.infer<typeof contentSchema>;

export const STATES = [
  'draft',
  'pending_approval',
  'changes_requested',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partially_published',
  'failed',
  'rejected',
  'withdrawn',
] as const;
export type State = (typeof STATES)[number];

/**
 * `preparing`: the publisher fits images, uploads media nobody sees yet, builds containers;
 * nothing public exists, so a crash here resumes by itself. `in_flight`: the create call
 * was (or is being) sent. `verifying`: a lookup did not find the item yet, but the
 * platform's listing may lag; the lookup runs again until the settle window has passed.
 */
export const DELIVERY_STATES = ['pending', 'preparing', 'in_flight', 'verifying', 'done', 'failed', 'unknown', 'withdrawn'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const deliverySchema = z.object({
  destination: destinationSchema,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int().nonnegative().default(0),
  dryRun: z.boolean().default(false),
  remoteId: z.string().optional(),
  url: z.string().optional(),
  /** Last error, already in Spanish for the person, plus a stable code. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  startedAt: z.string().optional(),
  /** When the create call was sent (the settle window of a lookup counts from here). */
  sentAt: z.string().optional(),
  /** While `verifying`: when the lookup runs again. */
  nextLookupAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Free-form facts a publisher wants kept (media ids, container ids, take-down). */
  meta: z.record(z.string(), z.unknown()).optional(),
  takenDownAt: z.string().optional(),
  /** What the network says the post reached, read at fixed times after publication. */
  figures: deliveryFiguresSchema.optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  actor: actorSchema.optional(),
  action: z.string(),
  detail: z.string().optional(),
  /** The content version the act was about (rendered by the edge; older entries say it in `detail`). */
  version: z.number().int().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const approvalSchema = z.object({
  kind: z.enum(['review', 'approve']),
  actor: actorSchema,
  at: z.string(),
  version: z.number().int(),
  /** Where the decision was made when not in the chat: `enlace` (a signed link). */
  channel: z.literal('enlace').optional(),
  /** The approval member (config `approval.groups`) a link decision came from. */
  member: z.string().optional(),
});

export const versionSchema = z.object({
  version: z.number().int().positive(),
  at: z.string(),
  actor: actorSchema,
  content: contentSchema,
});

export const comunicadoSchema = z.object({
  id: comunicadoIdSchema,
  state: z.enum(STATES),
  content: contentSchema,
  version: z.number().int().positive(),
  versions: z.array(versionSchema),
  author: actorSchema,
  origin: z.object({
    platform: platformSchema,
    channel: z.string(),
    messageId: z.string().optional(),
    threadId: z.string().optional(),
  }),
  /** Chat messages the bot posted for this comunicado (preview, status). */
  messages: z
    .object({
      preview: messageRefSchema.optional(),
      status: messageRefSchema.optional(),
      /** Previews of earlier versions, replaced by an edit (a click on them decides nothing). */
      superseded: z.array(messageRefSchema).optional(),
      /** The "📣 … Publicado" summary: posted once, then edited in place. */
      final: messageRefSchema.optional(),
    })
    .default({}),
  /** The outcome the author was told once every delivery had settled (told once per outcome). */
  authorToldOutcome: z.object({ state: z.string(), at: z.string() }).optional(),
  approvals: z.array(approvalSchema).default([]),
  rejection: z.object({ reason: z.string(), actor: actorSchema, at: z.string() }).optional(),
  changesRequested: z.object({ note: z.string(), actor: actorSchema, at: z.string() }).optional(),
  withdrawal: z.object({ reason: z.string(), actor: actorSchema, at: z.string() }).optional(),
  /** Awaiting a rejection reason from this approver (the next thread reply is taken). */
  awaitingReason: actorSchema.optional(),
  deliveries: z.record(z.string(), deliverySchema).default({}),
  scheduledFor: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
  audit: z.array(auditEntrySchema),
});
export type Comunicado = z.infer<typeof comunicadoSchema>;

export const TERMINAL_STATES: readonly State[] = ['published', 'rejected', 'withdrawn'];
