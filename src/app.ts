import { createDispatcher } from '../commands/index.ts';
import { ChatHub } from './chat/hub.ts';
import { cleanStaging } from './files/staging.ts';
import type { ChatAdapter, ChatEventHandler } from './chat/port.ts';
import { resolveCredentials, type Credentials, type Env } from './config/env.ts';
import type { Config } from './config/schema.ts';
import type { WorkflowRules } from './domain/workflow.ts';
import { defaultExtensions } from './extensions.ts';
import { PublishingEngine } from './publish/engine.ts';
import { createPortalPublishers } from './publish/portal/index.ts';
import { PublisherRegistry, type PublisherFactory } from './publish/registry.ts';
import { createSocialPublishers } from './publish/social/index.ts';
import { ComunicadoService } from './service/comunicados.ts';
import { TaskTracker } from './service/tasks.ts';
import type { Extension, Services } from './service/extension.ts';
import type { Store } from './store/port.ts';
import type { Logger } from './util/logger.ts';
import type { MediaHost } from './publish/port.ts';
import { resolve } from 'node:path';
import { policyFromConfig } from './approval/config.ts';
import { sleep as wallSleep } from './util/sleep.ts';
import type { RecordLog } from './record/log.ts';
import { RecordingStore } from './record/recording-store.ts';
import { viaOf, withVia } from './record/context.ts';
import { recordExtension } from './record/extension.ts';
import { ShortLinks } from './figures/links.ts';

export const DEFAULT_FACTORIES: PublisherFactory[] = [createPortalPublishers, createSocialPublishers];

export interface AppOptions {
  env: Env;
  config: Config;
  /** The credentials the config names; the entry point resolves them once. Default: from `env`. */
  credentials?: Credentials;
  store: Store;
  chats: ChatAdapter[];
  logger: Logger;
  /** Every destination publishes in dry-run (console mode). */
  dryRunAll?: boolean;
  publisherFactories?: PublisherFactory[];
  /** Media hosting for Instagram instead of the portal's own. */
  mediaHost?: MediaHost;
  /** Replaces the default extensions (tests pass their own or none). */
  extensions?: (services: Services) => Extension[];
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The hash-chained record (DATA_DIR/registro): every change of a comunicado's history and
   * of the media list is written there too, and the config's hash at each start.
   */
  record?: RecordLog;
  /** SHA-256 of the config file as read, for the record's start line. */
  configFileHash?: string;
}

export interface App {
  services: Services;
  extensions: Extension[];
  /** Feeds one chat event (adapters call this; tests too). */
  handle: ChatEventHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when no background work (publishing) is left. */
  idle(): Promise<void>;
  health(): AppHealth;
}

/** What /healthz reports (src/http/health.ts decides 200 or 503 from it). */
export interface AppHealth {
  store: { ok: boolean; kind: string; active: number; detail?: string };
  chats: Record<string, { ok: boolean; detail?: string }>;
  extensions: Record<string, Record<string, unknown>>;
  background: number;
}

export function rulesFrom(config: Config): WorkflowRules {
  return {
    approvers: config.approval.approvers,
    reviewers: config.approval.reviewers,
    requireReview: config.approval.requireReview,
    authorMayApprove: config.approval.authorMayApprove,
    policy: policyFromConfig(config.approval, config.office.timezone),
  };
}

/** The composition root: builds every service once and wires them together. */
export function createApp(options: AppOptions): App {
  const { env, config, logger, record } = options;
  const store: Store = record ? new RecordingStore(options.store, record) : options.store;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? wallSleep;
  const dataDir = resolve(env.dataDir);
  const rules = rulesFrom(config);
  const registry = PublisherRegistry.build(
    { config, env, credentials: options.credentials ?? resolveCredentials(config, env), dataDir, logger, store, now },
    options.publisherFactories ?? DEFAULT_FACTORIES,
    { dryRunAll: options.dryRunAll ?? false, ...(options.mediaHost ? { mediaHost: options.mediaHost } : {}) },
  );
  const tasks = new TaskTracker(logger);
  const chats = new ChatHub(options.chats, config, logger);
  let extensions: Extension[] = [];
  // The engine reports progress to the service, which is built right after it.
  let service: ComunicadoService | undefined;
  // Social posts carry their own short link where the office counts their clicks.
  const shortLinks = new ShortLinks({ store, config, now, logger });
  const engine = new PublishingEngine({
    store,
    registry,
    rules,
    dataDir,
    logger: logger.child({ module: 'engine' }),
    now,
    sleep,
    maxAttempts: config.publishing.maxAttempts,
    maxWaitMs: config.publishing.maxWaitSeconds * 1000,
    settleSeconds: config.publishing.settleSeconds,
    lookupEveryMs: config.publishing.lookupEverySeconds * 1000,
    timeZone: config.office.timezone,
    onProgress: (c) => service?.onProgress(c),
    postLink: (id, destination, portalUrl, o) => shortLinks.postLink(id, destination, portalUrl, o),
  });
  service = new ComunicadoService({ config, store, rules, engine, registry, chats, tasks, logger, dataDir, now, extensions: () => extensions });
  const services: Services = { config, env, store, engine, registry, rules, chats, comunicados: service, tasks, logger, dataDir, now, sleep, ...(record ? { record } : {}) };
  extensions = (options.extensions ?? defaultExtensions)(services);
  if (record) extensions.push(recordExtension(services, record, options.configFileHash));
  const dispatch = createDispatcher(services, extensions);
  // The record says how a person acted (reaction, button, command, reply) with each act.
  const handle: ChatEventHandler = (event) => {
    const via = viaOf(event);
    return via ? withVia(via, () => dispatch(event)) : dispatch(event);
  };

  return {
    services,
    extensions,
    handle,
    async start() {
      const staged = await cleanStaging(dataDir);
      if (staged.length) logger.warn({ folders: staged.length }, 'removed files of submissions interrupted by a restart');
      const recovered = await engine.recover();
      if (recovered.unknown.length || recovered.reconciled.length || recovered.verifying.length || recovered.resumed.length) logger.warn(recovered, 'deliveries interrupted by a restart');
      for (const id of recovered.resume) tasks.run(`resume ${id}`, () => service.publishNow(id));
      for (const adapter of options.chats) await adapter.start(handle);
      // Settled by the recovery itself (a lookup found or ruled out every open delivery):
      // the same summary and author notice as a run or a later lookup.
      for (const id of recovered.settled) tasks.run(`recovered ${id}`, () => service.settledInBackground(id));
      for (const ext of extensions) await ext.start?.();
      logger.info({ chats: options.chats.map((c) => c.platform), dryRunAll: !!options.dryRunAll }, 'bot started');
    },
    async stop() {
      for (const ext of [...extensions].reverse()) await ext.stop?.().catch((err) => logger.error({ err }, 'extension stop failed'));
      for (const adapter of options.chats) await adapter.stop().catch((err) => logger.error({ err }, 'adapter stop failed'));
      await tasks.idle();
    },
    idle: () => tasks.idle(),
    health() {
      return {
        store: store.health(),
        chats: Object.fromEntries(options.chats.map((c) => [c.platform, c.health()])),
        extensions: Object.fromEntries(extensions.filter((e) => e.health).map((e) => [e.name, e.health!()])),
        background: tasks.size,
      };
    },
  };
}
