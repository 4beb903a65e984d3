import type { Comunicado, Delivery, Destination } from '../domain/comunicado.ts';
import type { Logger } from '../util/logger.ts';

/** What a publisher returns once the remote platform created the item. */
export interface PublishResult {
  remoteId: string;
  /** Public URL a reader can open. */
  url: string;
  /** Facts to keep on the delivery (media ids, container ids...). */
  meta?: Record<string, unknown>;
}

/**
 * How a failure is classified, which decides what the engine may do next:
 * - `retryable`: proven that nothing was created (connection refused, 429, explicit "not
 *   created"); the engine retries after `retryAfterMs` (or its own backoff).
 * - `failed`: nothing was created, but retrying will not help until a person acts
 *   (bad credentials, missing permission, content refused).
 * - `unknown`: the item may exist (timeout after sending, duplicate-content answer): never
 *   retried automatically, a person confirms.
 */
export type PublishErrorKind = 'retryable' | 'failed' | 'unknown';

export class PublishError extends Error {
  readonly kind: PublishErrorKind;
  /** Stable code for logs and tests: `rate_limited`, `auth_expired`, `duplicate`... */
  readonly code: string;
  /** Wait the platform asked for (Retry-After, retry_after, x-rate-limit-reset). */
  readonly retryAfterMs?: number;
  /**
   * A wait the publisher chose itself (the platform gave no time: a quota, media still
   * processing, a 429 without a header). The person is not told "the platform asked".
   */
  readonly retryInMs?: number;
  /** The account's access is broken (token expired or revoked): mark it unhealthy. */
  readonly accountUnhealthy?: boolean;
  constructor(
    kind: PublishErrorKind,
    code: string,
    /** Spanish, for the person: what happened and what to do. */
    messageEs: string,
    options: { retryAfterMs?: number; retryInMs?: number; accountUnhealthy?: boolean; cause?: unknown } = {},
  ) {
    super(messageEs, { cause: options.cause });
    this.name = 'PublishError';
    this.kind = kind;
    this.code = code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.retryInMs !== undefined) this.retryInMs = options.retryInMs;
    if (options.accountUnhealthy) this.accountUnhealthy = true;
  }
}

/** What a destination will get, shown in the preview before approval. */
export interface DestinationPreview {
  destination: Destination;
  /** The exact text the destination will receive. */
  text: string;
  length?: number;
  limit?: number;
  warnings: string[];
  dryRun: boolean;
}

/**
 * Public hosting for media files, offered by the portal publisher: Instagram fetches
 * images from a public URL, so its fitted JPEGs are uploaded to the portal first.
 */
export interface MediaHost {
  /** `path` may be absolute or relative to DATA_DIR (attachment paths are relative). */
  upload(file: { path: string; filename: string; mime: string; alt?: string }): Promise<{ id: string; url: string }>;
}

export interface PublishContext {
  /** Absolute path of DATA_DIR; attachment paths are relative to it. */
  dataDir: string;
  /** Results of the portal deliveries already done (social posts link to the noticia). */
  portal?: { url: string; remoteId: string; media?: Array<{ filename: string; url: string }> };
  /**
   * The link a social post carries: the portal noticia's URL, or this destination's short
   * link (`publicUrl/l/<code>`) when the office counts clicks from its posts. A lookup after
   * a crash matches either.
   */
  link?: string;
  /** Where to host media publicly (the portal), when a real portal is configured. */
  mediaHost?: MediaHost;
  /** Report progress for long uploads (shown in the thread status). */
  progress(text: string): void;
  /**
   * Merges facts into the delivery's `meta` and waits until they are stored: what the
   * publisher must find again after a crash (the portal's uploaded media, before the post
   * that uses them exists). `progress` is best effort; this is durable.
   */
  keep?(meta: Record<string, unknown>): Promise<void>;
  /**
   * Publishers with `marksCreate` call this right before the one call that makes the item
   * public (and await it): the engine records the delivery `in_flight` with its `sentAt`.
   * Everything before it is preparation, which a crash simply resumes.
   */
  beforeCreate?(): Promise<void>;
  signal?: AbortSignal;
  logger: Logger;
}

export interface AccessReport {
  destination: string;
  ok: boolean;
  /** Spanish summary, e.g. "Página Alcaldía de Ibagué: puede publicar". */
  detail: string;
  expiresAt?: string;
  /** The detail already says when the access expires (/cuentas does not repeat it). */
  expiryInDetail?: boolean;
}

export interface WithdrawResult {
  /** `manual` = the platform offers no deletion through its API: a person must do it. */
  outcome: 'removed' | 'manual' | 'not_found';
  detail: string;
}

/** What a take-down at the end of a vigencia did, for the delivery's record. */
export interface TakeDownResult {
  /** `draft`: hidden as a draft; `uncategorized`: removed from its categories; `removed`: deleted. */
  outcome: 'draft' | 'uncategorized' | 'removed' | 'not_found';
  /** Spanish, for the record and the thread. */
  detail: string;
}

/**
 * One destination's publisher. Only the publisher imports its platform's client library.
 * A publish must either create the item exactly once or throw a classified PublishError.
 */
export interface Publisher {
  readonly destination: Destination;
  /** True for the dry-run publisher (no credentials, or console mode). */
  readonly dryRun: boolean;
  /**
   * True when `publish` calls `ctx.beforeCreate()` right before its create call; otherwise
   * the engine marks the delivery `in_flight` before the whole publish.
   */
  readonly marksCreate?: boolean;
  /** Why this destination is a dry run (e.g. the missing variable), shown to people. */
  readonly dryRunReason?: string | undefined;
  publish(c: Comunicado, ctx: PublishContext): Promise<PublishResult>;
  /**
   * Finds an item a crashed run may have created (the portal looks the slug up). `null`
   * means not found now: the engine trusts it only after the platform's settle window
   * (`publishing.settleSeconds`) and looks again until then. An undefined method means the
   * platform allows no lookup.
   */
  reconcile?(c: Comunicado, delivery: Delivery, ctx: PublishContext): Promise<PublishResult | null>;
  withdraw?(c: Comunicado, delivery: Delivery, ctx: PublishContext): Promise<WithdrawResult>;
  /** Takes a placement down at the end of its vigencia. */
  takeDown?(c: Comunicado, delivery: Delivery, ctx: PublishContext): Promise<TakeDownResult | void>;
  /**
   * A convocatoria's deadline passed: the noticia gets `line` («Convocatoria cerrada el …»)
   * as an update of the same item. Idempotent (a second call leaves it as it is).
   */
  markClosed?(c: Comunicado, delivery: Delivery, ctx: PublishContext, line: string): Promise<{ detail: string }>;
  checkAccess?(): Promise<AccessReport>;
  /** Set by the portal publisher that can host media for the social publishers. */
  readonly mediaHost?: MediaHost;
  preview?(c: Comunicado): DestinationPreview;
  /**
   * What this destination needs on the platform and the platform lacks (the portal:
   * categories, post type, custom fields of the placement), one Spanish warning each.
   * Asked when the preview is built, so the Jefe sees it before approving. May throw when
   * the platform cannot be asked; the preview then says it could not check.
   */
  checkNeeds?(c: Comunicado): Promise<string[]>;
  /**
   * Images this destination makes of the comunicado's files (a placement's image fitted to
   * its theme's size), shown in the preview's thread so the Jefe sees what will go out.
   */
  previewImages?(c: Comunicado, dataDir: string): Promise<Array<{ filename: string; data: Buffer; title: string }>>;
}
