import { OnePass } from '../util/one-pass.ts';
import type { Extension, Services } from '../service/extension.ts';
import { LINK_PREFIX, ShortLinks } from './links.ts';
import { FiguresPoller } from './poller.ts';
import { informeCommand } from './report/command.ts';
import { createFigureReaders } from './readers/index.ts';
import type { FigureReader } from './readers/types.ts';

export interface FiguresOptions {
  /** Readers by destination (tests pass ones wired to their fakes). Default: from config and env. */
  readers?: Map<string, FigureReader>;
}

/**
 * Rendición de cuentas: reads what each published delivery reached at the scheduled
 * times, on the app's clock (a timer only wakes the pass; the pass reads services.now).
 */
export function figuresExtension(services: Services, options: FiguresOptions = {}): Extension & { poller: FiguresPoller; links: ShortLinks; tick(): Promise<void>; start(): Promise<void>; stop(): Promise<void> } {
  const readers = options.readers ?? createFigureReaders({ config: services.config, env: services.env, now: services.now, logger: services.logger });
  const poller = new FiguresPoller(services, readers);
  const log = services.logger.child({ module: 'figures' });
  const passes = new OnePass(async () => {
    await poller.tick().catch((err) => log.error({ err }, 'figures pass failed'));
  });
  const links = new ShortLinks(services);
  const ext = {
    name: 'figures',
    poller,
    links,
    commands: { informe: informeCommand() },
    ...(links.enabled ? { routes: { [LINK_PREFIX]: links.handler() } } : {}),
    tick: () => passes.run(),
    async onSettled(c: Parameters<NonNullable<Extension['onSettled']>>[0]) {
      await poller.schedule(c);
    },
    async start() {
      if (!services.config.figures.enabled) return;
      await poller.recover();
      passes.every(services.config.figures.tickSeconds * 1000, () => services.tasks.run('figures pass', () => ext.tick()));
    },
    async stop() {
      await passes.stop();
    },
    health() {
      return { readers: readers.size };
    },
  };
  return ext;
}
