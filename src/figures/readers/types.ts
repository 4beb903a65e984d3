/** One delivery a reader is asked about. */
export interface ReadTarget {
  comunicadoId: string;
  destination: string;
  /** The platform's id of the item (post id, media id, video id, portal item id). */
  remoteId: string;
  url?: string;
}

/** A permission the account lacks for reading figures, named as the platform names it. */
export interface MissingPermission {
  permission: string;
  /** The platform's own words, for the log and /cuentas. */
  detail: string;
}

/**
 * What one reading got:
 * - `ok`: figures (possibly partial: `missing` lists metrics the network no longer
 *   offers; `permission` says which figures a missing permission withheld);
 * - `gone`: the item no longer exists: answered once, then no more readings;
 * - `no_permission`: nothing can be read without the permission;
 * - `wait`: the platform asked to wait (429, quota): the reading is tried again then;
 * - `error`: anything else (network, token): the reading is tried at the next tick.
 */
export type ReadResult =
  | { kind: 'ok'; metrics: Record<string, number>; missing?: string[]; permission?: MissingPermission }
  | { kind: 'gone' }
  | { kind: 'no_permission'; permission: MissingPermission }
  | { kind: 'wait'; waitMs: number; detail: string }
  | { kind: 'error'; detail: string };

export interface ReadContext {
  /** Metrics known to be gone for this destination: not asked again. */
  goneMetrics: readonly string[];
}

/** Reads one destination's figures. Only readers import their platform's client. */
export interface FigureReader {
  readonly destination: string;
  read(target: ReadTarget, ctx: ReadContext): Promise<ReadResult>;
}

/** Metric names the networks use, mapped to the bot's own. */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  post_total_media_view_unique: 'reach',
  post_impressions_unique: 'reach',
  post_media_view: 'views',
  post_impressions: 'views',
  views: 'views',
  reach: 'reach',
  likes: 'likes',
  comments: 'comments',
  saved: 'saved',
  shares: 'shares',
};
