import type { Actor, Comunicado, Delivery, Destination } from '../domain/comunicado.ts';
import { refusal } from '../messages/errors.ts';
import { destinationKind } from '../domain/comunicado.ts';
import { transition, type WorkflowRules } from '../domain/workflow.ts';
import { hasMessage, t } from '../messages/index.ts';
import { formatWhen } from '../render/time.ts';
import type { Store } from '../store/port.ts';
import type { Logger } from '../util/logger.ts';
import { PublishError, type PublishContext, type PublishResult, type WithdrawResult } from './port.ts';
import type { PublisherRegistry } from './registry.ts';

export interface EngineDeps {
  store: Store;
  registry: PublisherRegistry;
  rules: WorkflowRules;
  dataDir: string;
  logger: Logger;
  now(): Date;
  sleep(ms: number): Promise<void>;
  maxAttempts: number;
  maxWaitMs: number;
  /**
   * Seconds after the create call before a lookup's "not found" counts as absence, by
   * platform (`publishing.settleSeconds`); a platform not listed gets none.
   */
  settleSeconds?: Partial<Record<string, number>>;
  /** Wait between two lookups of a delivery being verified (`publishing.lookupEverySeconds`). */
  lookupEveryMs?: number;
  /** The office's time zone (`office.timezone`), for the times people read. */
  timeZone: string;
  /**
   * The short link a social destination's post carries instead of the portal URL, when the
   * office counts those clicks (`figures.shortLinks.socialPosts`). `create: false` (lookups,
   * withdrawals) only finds one made before.
   */
  postLink?(id: string, destination: string, portalUrl: string, options: { create: boolean }): Promise<string | undefined>;
  /** Called after every recorded change of a delivery (the chat updates its status message). */
  onProgress?(c: Comunicado): void | Promise<void>;
}

/** The system acting on its own (retries, recovery) in the audit log. */
export const SYSTEM: Actor = { platform: 'console', userId: 'bot', name: 'bot', isBot: true };

export interface RunOptions {
  /** Only these kinds of destination (embargo: email goes before the public ones). */
  kinds?: Array<'portal' | 'social' | 'email'>;
  /** Only these destinations (approval released per destination: the rest wait). */
  destinations?: string[];
}

/**
 * The publishing engine. Each (comunicado, destination) is a delivery with its own state:
 * pending -> preparing -> in_flight -> done | failed | unknown. `preparing` covers the work
 * nobody sees (fitting, unpublished uploads, containers): a crash there resumes by itself.
 * `in_flight` is persisted right before the create call (the publisher calls
 * `ctx.beforeCreate()`) and `done` right after, so a crash in between is visible at
 * start-up and never retried blindly: a lookup settles it, and a "not found" counts only
 * after the platform's settle window (`verifying` until then). Automatic retries happen only for failures that prove nothing
 * was created, after the wait the platform asked for. The portal goes first (the social
 * posts link to it); then social and email deliveries run concurrently, and one failure
 * never touches the others.
 */
export class PublishingEngine {
  private readonly running = new Set<string>();

  constructor(private readonly deps: EngineDeps) {}

  /** Creates the missing deliveries for the comunicado's destinations; drops stale pending ones. */
  private planDeliveries(c: Comunicado): Comunicado {
    const wanted = new Set<string>(c.content.destinations);
    for (const [dest, d] of Object.entries(c.deliveries)) {
      if (!wanted.has(dest) && d.state === 'pending') delete c.deliveries[dest];
    }
    for (const dest of c.content.destinations) {
      if (!c.deliveries[dest]) {
        c.deliveries[dest] = {
          destination: dest,
          state: 'pending',
          attempts: 0,
          dryRun: this.deps.registry.get(dest).dryRun,
        };
      }
    }
    return c;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Runs every pending or failed delivery of a comunicado in state `publishing` (or only
   * some kinds of them), then settles the comunicado's state from the deliveries.
   */
  async run(id: string, options: RunOptions = {}): Promise<Comunicado> {
    if (this.running.has(id)) throw refusal('already_running', 'engine.already_running', { id });
    this.running.add(id);
    try {
      const c = await this.deps.store.update(id, (cur) => this.planDeliveries(cur));
      const runnable = (d: Delivery) =>
        (d.state === 'pending' || d.state === 'failed') &&
        (!options.kinds || options.kinds.includes(destinationKind(d.destination))) &&
        (!options.destinations || options.destinations.includes(d.destination));
      const todo = Object.values(c.deliveries).filter(runnable).map((d) => d.destination);
      const portal = todo.filter((d) => destinationKind(d) === 'portal').sort((a, b) => portalOrder(a) - portalOrder(b));
      const rest = todo.filter((d) => destinationKind(d) !== 'portal');

      for (const dest of portal) await this.deliver(id, dest);
      await Promise.all(rest.map((dest) => this.deliver(id, dest)));
      return await this.settle(id);
    } finally {
      this.running.delete(id);
    }
  }

  /** Moves the comunicado to published / partially_published / failed per its deliveries. */
  async settle(id: string): Promise<Comunicado> {
    const c = await this.deps.store.update(id, (cur) => {
      if (!['publishing', 'partially_published', 'failed'].includes(cur.state)) return cur;
      return transition(cur, { type: 'finish_publishing' }, SYSTEM, this.deps.rules, this.deps.now()).comunicado;
    });
    await this.deps.onProgress?.(c);
    return c;
  }

  private async context(c: Comunicado, dest: string, purpose: 'publish' | 'lookup' = 'lookup'): Promise<PublishContext> {
    const noticia = c.deliveries['portal:noticia'];
    const anyPortal = noticia?.state === 'done' ? noticia : Object.values(c.deliveries).find((d) => destinationKind(d.destination) === 'portal' && d.state === 'done');
    const ctx: PublishContext = {
      dataDir: this.deps.dataDir,
      logger: this.deps.logger.child({ comunicado: c.id, destination: dest }),
      beforeCreate: async () => {
        await this.markSent(c.id, dest);
      },
      progress: (text: string) => {
        void this.record(c.id, dest, (d) => {
          d.meta = { ...d.meta, progress: text };
        }).catch((err) => this.deps.logger.warn({ err }, 'progress not recorded'));
      },
      keep: async (meta: Record<string, unknown>) => {
        await this.record(c.id, dest, (d) => {
          d.meta = { ...d.meta, ...meta };
        });
      },
    };
    if (anyPortal?.url && anyPortal.remoteId) {
      ctx.portal = { url: anyPortal.url, remoteId: anyPortal.remoteId };
      const media = anyPortal.meta?.media;
      if (Array.isArray(media)) ctx.portal.media = media as Array<{ filename: string; url: string }>;
      if (destinationKind(dest) === 'social') ctx.link = (await this.shortLink(c.id, dest, anyPortal, purpose)) ?? anyPortal.url;
    }
    const host = this.deps.registry.mediaHost();
    if (host) ctx.mediaHost = host;
    return ctx;
  }

  /**
   * The destination's short link for its post, when the office counts its clicks and both
   * the post and the portal are real. If it cannot be stored the post carries the portal URL
   * (a lookup matches either) and the clicks of that post go uncounted.
   */
  private async shortLink(id: string, dest: string, portal: Delivery, purpose: 'publish' | 'lookup'): Promise<string | undefined> {
    if (!this.deps.postLink || portal.dryRun || this.deps.registry.get(dest).dryRun || !/^https?:\/\//.test(portal.url ?? '')) return undefined;
    try {
      return await this.deps.postLink(id, dest, portal.url!, { create: purpose === 'publish' });
    } catch (err) {
      this.deps.logger.warn({ err, comunicado: id, destination: dest }, 'short link for the post not available: the portal link goes instead');
      return undefined;
    }
  }

  /** Applies a change to one delivery and persists it, then reports progress. */
  private async record(id: string, dest: string, change: (d: Delivery, c: Comunicado) => void): Promise<Comunicado> {
    const c = await this.deps.store.update(id, (cur) => {
      const d = cur.deliveries[dest];
      if (d) change(d, cur);
      return cur;
    });
    await this.deps.onProgress?.(c);
    return c;
  }

  /** The create call is about to be sent: from here on a crash is never retried blindly. */
  private async markSent(id: string, dest: string): Promise<void> {
    const at = this.deps.now().toISOString();
    await this.record(id, dest, (d) => {
      d.state = 'in_flight';
      d.sentAt = at;
    });
  }

  private async deliver(id: string, dest: string): Promise<void> {
    const publisher = this.deps.registry.get(dest);
    for (;;) {
      const at = this.deps.now().toISOString();
      // Preparation first; `in_flight` is persisted right before the create call.
      const c = await this.record(id, dest, (d) => {
        d.state = 'preparing';
        d.attempts += 1;
        d.dryRun = publisher.dryRun;
        d.startedAt = at;
        delete d.sentAt;
        delete d.error;
      });
      if (!publisher.marksCreate) await this.markSent(id, dest);
      const attempt = c.deliveries[dest]!.attempts;
      let result: PublishResult;
      try {
        result = await publisher.publish(c, await this.context(c, dest, 'publish'));
      } catch (err) {
        const outcome = this.classify(err, id, attempt);
        if (outcome.state === 'unknown' && !(err instanceof PublishError)) {
          // An unexpected error before the create call was sent: nothing can exist yet.
          const now = await this.deps.store.get(id);
          if (now?.deliveries[dest]?.state === 'preparing') {
            outcome.state = 'failed';
            outcome.message = t('engine.unexpected_before_send', { detail: (err as Error)?.name ?? 'error', id });
          }
        }
        if (err instanceof PublishError && err.accountUnhealthy) await this.markAccount(dest, false, err.message);
        if (outcome.retryInMs !== undefined) {
          await this.record(id, dest, (d) => {
            d.state = 'pending';
            d.error = { code: outcome.code, message: outcome.message };
          });
          this.deps.logger.info({ comunicado: id, destination: dest, waitMs: outcome.retryInMs, attempt }, 'retrying after wait');
          await this.deps.sleep(outcome.retryInMs);
          continue;
        }
        if (outcome.state === 'unknown' && publisher.reconcile) {
          // Cut off after the create call may have gone out (reset, timeout): where the
          // platform allows a lookup, look instead of asking; a "not found" counts only
          // after the settle window (`verifying` until then, looked up again by the scheduler).
          this.deps.logger.warn({ comunicado: id, destination: dest, code: outcome.code }, 'outcome unknown; looking it up');
          await this.lookUp(id, dest);
          return;
        }
        await this.record(id, dest, (d, cur) => {
          d.state = outcome.state;
          d.error = { code: outcome.code, message: outcome.message };
          d.finishedAt = this.deps.now().toISOString();
          cur.audit.push({ at: d.finishedAt, actor: SYSTEM, action: DELIVERY_AUDIT[outcome.state], detail: `${dest}: ${outcome.code}` });
        });
        this.deps.logger.warn({ comunicado: id, destination: dest, code: outcome.code, state: outcome.state }, 'delivery not done');
        return;
      }
      await this.record(id, dest, (d, cur) => {
        d.state = 'done';
        d.remoteId = result.remoteId;
        d.url = result.url;
        d.finishedAt = this.deps.now().toISOString();
        if (result.meta) d.meta = { ...d.meta, ...result.meta };
        delete d.error;
        cur.audit.push({ at: d.finishedAt, actor: SYSTEM, action: 'delivery_done', detail: `${dest}: ${result.url}` });
      });
      if (!publisher.dryRun) await this.markAccount(dest, true);
      return;
    }
  }

  /** What to do after a failure: wait and retry, or record it as failed / unknown. */
  private classify(
    err: unknown,
    id: string,
    attempt: number,
  ): { state: 'failed' | 'unknown'; code: string; message: string; retryInMs?: number } {
    if (!(err instanceof PublishError)) {
      this.deps.logger.error({ err, comunicado: id }, 'publisher threw an unclassified error');
      return { state: 'unknown', code: 'unexpected', message: t('engine.unexpected', { detail: (err as Error)?.name ?? 'error' }) };
    }
    if (err.kind === 'retryable') {
      // Only a wait the platform gave is said to be the platform's; the rest is the bot's.
      const asked = err.retryAfterMs;
      const wait = asked ?? err.retryInMs ?? backoffMs(attempt);
      if (wait > this.deps.maxWaitMs) {
        const key = asked !== undefined ? 'engine.wait_too_long' : 'engine.retry_later';
        return { state: 'failed', code: err.code, message: t(key, { message: err.message, minutes: Math.ceil(wait / 60_000), id }) };
      }
      if (attempt >= this.deps.maxAttempts) {
        return { state: 'failed', code: err.code, message: t('engine.gave_up', { message: err.message, attempts: attempt, id }) };
      }
      const seconds = Math.ceil(wait / 1000);
      const waitText = seconds < 120 ? t('engine.wait.seconds', { n: seconds }) : t('engine.wait.minutes', { n: Math.ceil(seconds / 60) });
      const next = { message: err.message, wait: waitText, attempt: attempt + 1, max: this.deps.maxAttempts };
      return { state: 'failed', code: err.code, message: t(asked !== undefined ? 'engine.waiting' : 'engine.backoff', next), retryInMs: wait };
    }
    return { state: err.kind, code: err.code, message: err.message };
  }

  /** Account health for /cuentas and the digest: the last success or auth failure per destination. */
  private async markAccount(dest: string, ok: boolean, message?: string): Promise<void> {
    await this.deps.store
      .updateDoc<Record<string, { ok: boolean; at: string; message?: string }>>('account-health', {}, (doc) => {
        if (ok && doc[dest]?.ok) return doc;
        doc[dest] = { ok, at: this.deps.now().toISOString(), ...(message ? { message } : {}) };
        return doc;
      })
      .catch((err) => this.deps.logger.warn({ err }, 'account health not recorded'));
  }

  /**
   * After a restart. A delivery still `preparing` never sent its create call: it goes back
   * to `pending` and resumes with no question to anyone. One still `in_flight` may or may
   * not exist remotely: where the platform allows a lookup it is looked up (see `lookUp`);
   * otherwise it becomes `unknown` and a person confirms. A comunicado left `approved`
   * (killed between the saved approval and the start of publishing) or `publishing` with
   * deliveries still to create is resumed too, with no question to anyone. Returns the ids
   * the caller resumes (`resume`) and those this call settled by itself (`settled`), whose
   * summary and author notice the caller posts.
   */
  async recover(): Promise<{ reconciled: string[]; unknown: string[]; verifying: string[]; resumed: string[]; resume: string[]; settled: string[] }> {
    const out = { reconciled: [] as string[], unknown: [] as string[], verifying: [] as string[], resumed: [] as string[], resume: [] as string[], settled: [] as string[] };
    for (const s of await this.deps.store.list()) {
      const states = Object.values(s.deliveries);
      if (s.state === 'approved') {
        out.resume.push(s.id); // the approval was saved, publishing never started
        continue;
      }
      if (!states.includes('in_flight') && !states.includes('preparing') && s.state !== 'publishing') continue;
      const c = (await this.deps.store.get(s.id))!;
      for (const d of Object.values(c.deliveries).filter((x) => x.state === 'preparing')) {
        await this.record(c.id, d.destination, (del, cur) => {
          del.state = 'pending';
          del.error = { code: 'resumed', message: t('engine.resumed') };
          cur.audit.push({ at: this.deps.now().toISOString(), actor: SYSTEM, action: 'delivery_resumed', detail: del.destination });
        });
        out.resumed.push(`${c.id} ${d.destination}`);
      }
      for (const d of Object.values(c.deliveries).filter((x) => x.state === 'in_flight')) {
        const outcome = await this.lookUp(c.id, d.destination);
        out[outcome].push(`${c.id} ${d.destination}`);
      }
      const after = (await this.deps.store.get(c.id))!;
      const missing = after.content.destinations.some((dest) => !after.deliveries[dest]);
      if (after.state === 'publishing' && (missing || Object.values(after.deliveries).some((d) => d.state === 'pending'))) out.resume.push(c.id);
      else {
        const settled = await this.settle(c.id);
        if (settled.state !== 'publishing') out.settled.push(c.id);
      }
    }
    return out;
  }

  /**
   * Runs the lookups that are due for deliveries being verified (the scheduler calls this
   * on every tick, on the app's clock). Returns what each lookup concluded.
   */
  async verifyDue(): Promise<Array<{ id: string; destination: string; outcome: 'reconciled' | 'unknown' | 'verifying' }>> {
    const out: Array<{ id: string; destination: string; outcome: 'reconciled' | 'unknown' | 'verifying' }> = [];
    const now = this.deps.now().getTime();
    for (const s of await this.deps.store.list()) {
      if (!Object.values(s.deliveries).includes('verifying') || this.running.has(s.id)) continue;
      const c = await this.deps.store.get(s.id);
      if (!c) continue;
      const due = Object.values(c.deliveries).filter((d) => d.state === 'verifying' && (!d.nextLookupAt || Date.parse(d.nextLookupAt) <= now));
      if (!due.length) continue;
      for (const d of due) out.push({ id: c.id, destination: d.destination, outcome: await this.lookUp(c.id, d.destination) });
      const after = (await this.deps.store.get(c.id))!;
      if (!Object.values(after.deliveries).some((d) => ['verifying', 'pending', 'preparing', 'in_flight'].includes(d.state))) await this.settle(c.id);
    }
    return out;
  }

  /** Seconds a lookup's "not found" must wait after the create call, for this destination. */
  private settleMs(dest: string): number {
    const platform = dest.split(':')[0]!;
    return (this.deps.settleSeconds?.[platform] ?? 0) * 1000;
  }

  /**
   * Looks up an item a crashed (or cut off) create call may have made. Found: `done`, with
   * its link. Not found: absence is trusted only once the platform's settle window, counted
   * from `sentAt`, has passed (then `failed`, safe to retry); until then `verifying`, looked
   * up again later. No lookup possible, or the lookup itself fails past the window: `unknown`.
   */
  private async lookUp(id: string, dest: string): Promise<'reconciled' | 'unknown' | 'verifying'> {
    const c = (await this.deps.store.get(id))!;
    const d = c.deliveries[dest]!;
    const publisher = this.deps.registry.get(dest);
    let found: PublishResult | null | undefined;
    let lookupFailed = false;
    if (publisher.reconcile) {
      try {
        found = await publisher.reconcile(c, d, await this.context(c, dest));
      } catch (err) {
        this.deps.logger.warn({ err, comunicado: id, destination: dest }, 'lookup failed');
        lookupFailed = true;
      }
    }
    const now = this.deps.now();
    const sentAt = Date.parse(d.sentAt ?? d.startedAt ?? now.toISOString());
    const settledAt = sentAt + this.settleMs(dest);
    const settled = now.getTime() >= settledAt;
    let outcome: 'reconciled' | 'unknown' | 'verifying';
    await this.record(id, dest, (del, cur) => {
      const at = now.toISOString();
      delete del.nextLookupAt;
      if (found) {
        del.state = 'done';
        del.remoteId = found.remoteId;
        del.url = found.url;
        if (found.meta) del.meta = { ...del.meta, ...found.meta };
        del.finishedAt = at;
        delete del.error;
        cur.audit.push({ at, actor: SYSTEM, action: 'delivery_reconciled', detail: `${dest}: ${found.url}` });
        outcome = 'reconciled';
      } else if (publisher.reconcile && !settled) {
        const first = del.state !== 'verifying';
        del.state = 'verifying';
        del.nextLookupAt = new Date(Math.min(now.getTime() + (this.deps.lookupEveryMs ?? 15_000), Math.max(settledAt, now.getTime()))).toISOString();
        del.error = { code: 'verifying', message: t('engine.verifying', { where: whereLooked(dest), until: formatWhen(new Date(settledAt).toISOString(), this.deps.timeZone) }) };
        if (first) cur.audit.push({ at, actor: SYSTEM, action: 'delivery_verifying', detail: dest });
        outcome = 'verifying';
      } else if (found === null && !lookupFailed) {
        del.state = 'failed';
        del.error = { code: 'not_created', message: t('engine.reconciled_absent', { id, where: whereLooked(dest) }) };
        del.finishedAt = at;
        cur.audit.push({ at, actor: SYSTEM, action: 'delivery_reconciled_absent', detail: dest });
        outcome = 'unknown';
      } else {
        del.state = 'unknown';
        del.error = lookupFailed ? { code: 'lookup_failed', message: t('engine.lookup_failed', { where: whereLooked(dest) }) } : { code: 'interrupted', message: t('engine.interrupted') };
        cur.audit.push({ at, actor: SYSTEM, action: 'delivery_unknown', detail: dest });
        outcome = 'unknown';
      }
    });
    return outcome!;
  }

  /** A person says whether an `unknown` delivery was published (optionally with its link). */
  async confirm(id: string, dest: string, published: boolean, actor: Actor, url?: string): Promise<Comunicado> {
    const c = await this.deps.store.get(id);
    if (c?.deliveries[dest]?.state === 'verifying') {
      throw refusal('verifying', 'engine.still_verifying', { id, destination: dest });
    }
    if (!c || c.deliveries[dest]?.state !== 'unknown') {
      throw refusal('not_unknown', 'engine.not_unknown', { id, destination: dest });
    }
    // «Sí quedó publicado» without a link: where the platform allows a lookup (the portal by
    // slug...), the link is looked up now, so the thread, the author and the digest get it.
    const found = published && !url ? await this.lookupForConfirm(c, dest) : undefined;
    await this.deps.store.update(id, (cur) => {
      const d = cur.deliveries[dest]!;
      const at = this.deps.now().toISOString();
      const name = actor.name ?? actor.userId;
      if (published) {
        d.state = 'done';
        if (url) d.url = url;
        if (found) {
          d.url = found.url;
          d.remoteId = found.remoteId;
          if (found.meta) d.meta = { ...d.meta, ...found.meta };
        }
        d.error = { code: 'confirmed', message: t('engine.confirmed_by', { name }) };
      } else {
        d.state = 'failed';
        d.error = { code: 'confirmed_absent', message: t('engine.confirmed_absent', { name, id }) };
      }
      d.finishedAt = at;
      cur.audit.push({ at, actor, action: published ? 'delivery_confirmed' : 'delivery_confirmed_absent', detail: d.url && published ? `${dest}: ${d.url}` : dest });
      return cur;
    });
    return this.settle(id);
  }

  /** The item a person says is published, if the platform's lookup finds it (else undefined: their word stands). */
  private async lookupForConfirm(c: Comunicado, dest: string): Promise<PublishResult | undefined> {
    const publisher = this.deps.registry.get(dest);
    if (!publisher.reconcile) return undefined;
    try {
      return (await publisher.reconcile(c, c.deliveries[dest]!, await this.context(c, dest))) ?? undefined;
    } catch (err) {
      this.deps.logger.warn({ err, comunicado: c.id, destination: dest }, 'lookup for a confirmation failed');
      return undefined;
    }
  }

  /** Removes what the APIs allow; records each outcome. Returns them for the person. */
  async withdraw(id: string, actor: Actor): Promise<Array<{ destination: Destination; result: WithdrawResult }>> {
    const c = (await this.deps.store.get(id))!;
    const results: Array<{ destination: Destination; result: WithdrawResult }> = [];
    for (const d of Object.values(c.deliveries)) {
      if (d.state !== 'done' && d.state !== 'unknown') continue;
      const publisher = this.deps.registry.get(d.destination);
      let result: WithdrawResult;
      try {
        result = publisher.withdraw
          ? await publisher.withdraw(c, d, await this.context(c, d.destination))
          : { outcome: 'manual', detail: t('engine.no_delete_api') };
      } catch (err) {
        result = { outcome: 'manual', detail: err instanceof Error ? err.message : String(err) };
      }
      results.push({ destination: d.destination, result });
      await this.deps.store.update(id, (cur) => {
        const del = cur.deliveries[d.destination]!;
        const at = this.deps.now().toISOString();
        if (result.outcome !== 'manual') del.state = 'withdrawn';
        del.meta = { ...del.meta, withdraw: { outcome: result.outcome, detail: result.detail, at } };
        cur.audit.push({ at, actor, action: WITHDRAW_AUDIT[result.outcome], detail: `${d.destination}: ${result.detail}` });
        return cur;
      });
    }
    const after = await this.deps.store.get(id);
    if (after) await this.deps.onProgress?.(after);
    return results;
  }
}

/**
 * History actions, spelled out so each has its `audit.<action>` text (the catalogue test
 * reads these tables).
 */
/** Where a lookup searched, for the person: "el portal", "Facebook", "X"… */
function whereLooked(dest: string): string {
  if (destinationKind(dest) === 'portal') return t('engine.where.portal');
  const network = `network.${dest.split(':')[0]}`;
  return hasMessage(network) ? t(network) : t('engine.where.other');
}

const DELIVERY_AUDIT = { failed: 'delivery_failed', unknown: 'delivery_unknown' } as const;
const WITHDRAW_AUDIT = { removed: 'withdraw_removed', manual: 'withdraw_manual', not_found: 'withdraw_not_found' } as const satisfies Record<WithdrawResult['outcome'], string>;

function portalOrder(dest: string): number {
  return dest === 'portal:noticia' ? 0 : 1;
}

/** Exponential backoff with jitter for retryable errors that named no wait: 2 s, 4 s, 8 s... */
export function backoffMs(attempt: number): number {
  const base = Math.min(60_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
