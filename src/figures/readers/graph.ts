import type { GraphClient } from '../../publish/social/graph/client.ts';
import { GraphApiError, GraphNetworkError } from '../../publish/social/graph/client.ts';
import { graphAskedWaitMs, graphRetryAfterMs } from '../../publish/social/graph/rate-limit.ts';
import { METRIC_NAMES, type FigureReader, type MissingPermission, type ReadContext, type ReadResult, type ReadTarget } from './types.ts';

/** Throttling codes: app (4), user (17), page (32), custom (613), business use case (80001+). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBuc = (code: number) => code >= 80_001 && code <= 80_014;

type Outcome = { kind: 'gone' } | { kind: 'permission'; permission: MissingPermission } | { kind: 'wait'; waitMs: number; detail: string } | { kind: 'invalid_metric' } | { kind: 'not_enough_viewers' } | { kind: 'error'; detail: string };

/** The permission named in Graph's words ("requires the 'read_insights' permission"), else `fallback`. */
function permissionIn(message: string, fallback: string): string {
  return /the '([a-z_]+)' permission/i.exec(message)?.[1] ?? fallback;
}

/** A Graph failure while reading, in the poller's terms. */
export function classifyGraphRead(err: unknown, fallbackPermission: string, now: Date): Outcome {
  if (err instanceof GraphNetworkError) return { kind: 'error', detail: `${err.code}` };
  if (!(err instanceof GraphApiError)) return { kind: 'error', detail: err instanceof Error ? err.message : String(err) };
  const e = err.error;
  const code = e.code ?? 0;
  const message = e.message ?? '';
  if (RATE_LIMIT_CODES.has(code) || isBuc(code) || err.status === 429) {
    const asked = graphAskedWaitMs(err.headers, now);
    return { kind: 'wait', waitMs: asked ?? graphRetryAfterMs(err.headers, now), detail: `Graph #${code}` };
  }
  if (code === 10 && /not enough viewers/i.test(message)) return { kind: 'not_enough_viewers' };
  if (code === 10 || (code >= 200 && code <= 299)) return { kind: 'permission', permission: { permission: permissionIn(message, fallbackPermission), detail: message.slice(0, 300) } };
  if (code === 100 && e.error_subcode === 33) return { kind: 'gone' };
  if (code === 100 && /valid insights metric|invalid metric/i.test(message)) return { kind: 'invalid_metric' };
  return { kind: 'error', detail: `Graph #${code}${e.error_subcode ? `/${e.error_subcode}` : ''}` };
}

interface InsightsAnswer {
  data?: Array<{ name?: string; values?: Array<{ value?: unknown }> }>;
}

/**
 * GET /{id}/insights?metric=a,b,c. Graph refuses the whole request when one metric no
 * longer exists (#100 "The value must be a valid insights metric"), so then each metric is
 * asked alone once: the retired ones are reported `missing` and never asked again.
 */
async function readInsights(
  client: GraphClient,
  id: string,
  wanted: string[],
  permission: string,
  now: () => Date,
): Promise<{ metrics: Record<string, number>; missing: string[] } | Outcome> {
  const metrics: Record<string, number> = {};
  const missing: string[] = [];
  const take = (answer: InsightsAnswer) => {
    for (const d of answer.data ?? []) {
      const v = d.values?.at(-1)?.value;
      if (d.name && typeof v === 'number') metrics[METRIC_NAMES[d.name] ?? d.name] = v;
    }
  };
  if (!wanted.length) return { metrics, missing };
  try {
    take(await client.get<InsightsAnswer>(`${encodeURIComponent(id)}/insights`, { metric: wanted.join(','), period: 'lifetime' }));
    return { metrics, missing };
  } catch (err) {
    const o = classifyGraphRead(err, permission, now());
    if (o.kind === 'not_enough_viewers') return { metrics, missing };
    if (o.kind !== 'invalid_metric') return o;
  }
  for (const metric of wanted) {
    try {
      take(await client.get<InsightsAnswer>(`${encodeURIComponent(id)}/insights`, { metric, period: 'lifetime' }));
    } catch (err) {
      const o = classifyGraphRead(err, permission, now());
      if (o.kind === 'invalid_metric') missing.push(metric);
      else if (o.kind !== 'not_enough_viewers') return o;
    }
  }
  return { metrics, missing };
}

function fromOutcome(o: Outcome): ReadResult {
  switch (o.kind) {
    case 'gone':
      return { kind: 'gone' };
    case 'permission':
      return { kind: 'no_permission', permission: o.permission };
    case 'wait':
      return o;
    case 'error':
      return o;
    default:
      return { kind: 'ok', metrics: {} };
  }
}

/**
 * A Facebook Page post: reactions, comments and shares from the post itself
 * (`reactions.summary(total_count)`, `comments.summary(total_count)`, `shares`), plus the
 * post insights the config names for reach and views. Without `read_insights` the
 * engagement still comes and the missing permission is reported.
 */
export class FacebookFigures implements FigureReader {
  constructor(
    readonly destination: string,
    private readonly client: GraphClient,
    private readonly metrics: string[],
    private readonly now: () => Date,
  ) {}

  async read(target: ReadTarget, ctx: ReadContext): Promise<ReadResult> {
    let post: { reactions?: { summary?: { total_count?: number } }; comments?: { summary?: { total_count?: number } }; shares?: { count?: number } };
    try {
      post = await this.client.get(encodeURIComponent(target.remoteId), {
        fields: 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares',
      });
    } catch (err) {
      return fromOutcome(classifyGraphRead(err, 'pages_read_engagement', this.now()));
    }
    const metrics: Record<string, number> = {
      reactions: post.reactions?.summary?.total_count ?? 0,
      comments: post.comments?.summary?.total_count ?? 0,
      // Graph leaves `shares` out of a post nobody shared.
      shares: post.shares?.count ?? 0,
    };
    const wanted = this.metrics.filter((m) => !ctx.goneMetrics.includes(m));
    const insights = await readInsights(this.client, target.remoteId, wanted, 'read_insights', this.now);
    if ('metrics' in insights) return { kind: 'ok', metrics: { ...metrics, ...insights.metrics }, ...(insights.missing.length ? { missing: insights.missing } : {}) };
    if (insights.kind === 'permission') return { kind: 'ok', metrics, permission: insights.permission };
    if (insights.kind === 'gone') return { kind: 'gone' };
    // A wait or an error on the insights: keep what the post gave, the next reading completes it.
    return insights.kind === 'wait' ? insights : { kind: 'ok', metrics };
  }
}

/** An Instagram media: GET /{ig-media-id}/insights (views, reach, likes, comments, saved, shares). */
export class InstagramFigures implements FigureReader {
  constructor(
    readonly destination: string,
    private readonly client: GraphClient,
    private readonly metrics: string[],
    private readonly now: () => Date,
  ) {}

  async read(target: ReadTarget, ctx: ReadContext): Promise<ReadResult> {
    const wanted = this.metrics.filter((m) => !ctx.goneMetrics.includes(m));
    const r = await readInsights(this.client, target.remoteId, wanted, 'instagram_manage_insights', this.now);
    if ('metrics' in r) return { kind: 'ok', metrics: r.metrics, ...(r.missing.length ? { missing: r.missing } : {}) };
    return fromOutcome(r);
  }
}
