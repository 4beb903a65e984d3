import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions } from '../../../src/app.ts';
import type { ChatAdapter } from '../../../src/chat/port.ts';
import { readEnv } from '../../../src/config/env.ts';
import { configSchema, type Config } from '../../../src/config/schema.ts';
import type { Actor, Comunicado, Platform } from '../../../src/domain/comunicado.ts';
import type { Publisher } from '../../../src/publish/port.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import type { Store } from '../../../src/store/port.ts';
import { silentLogger } from '../../../src/util/logger.ts';

export async function tempDir(prefix = 'handoff-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev) ? merge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/** A config as an office would write it: Slack channels, a Jefe, the team given by the test. */
export function testConfig(raw: Record<string, unknown> = {}): Config {
  return configSchema.parse(
    merge(
      {
        office: { name: 'Oficina de Comunicaciones', entity: 'Alcaldía de Ibagué', timezone: 'America/Bogota' },
        approval: { approvers: { slack: ['UJEFE'], telegram: ['900'], console: ['jefe'] } },
        chats: { slack: { comunicadosChannel: 'CCOM', digestChannel: 'CDIG' }, telegram: { chats: ['-100'], digestChat: '-100' } },
        destinations: { default: ['portal:noticia'] },
      },
      raw,
    ),
  );
}

/** Time that moves only when the bot sleeps or the test says so: waits cost nothing. */
export interface VirtualClock {
  now(): Date;
  ms(): number;
  sleep(ms: number): Promise<void>;
  advance(ms: number): void;
  set(iso: string): void;
}

export function virtualClock(startIso: string): VirtualClock {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    ms: () => t,
    sleep: async (ms) => {
      t += Math.max(0, ms);
    },
    advance: (ms) => void (t += ms),
    set: (iso) => void (t = Date.parse(iso)),
  };
}

export interface Bot {
  app: App;
  store: Store;
  stop(): Promise<void>;
}

/**
 * The real app over a real lowdb store in `dataDir`, with the chats and publishers the
 * test gives (dry-run for every destination not given). `start: false` leaves the
 * extensions' timers off (a bot that "crashes" must not keep writing).
 */
export async function startBot(options: {
  dataDir: string;
  config: Config;
  chats: ChatAdapter[];
  clock?: { now(): Date; sleep(ms: number): Promise<void> };
  publishers?: Publisher[];
  start?: boolean;
  store?: Store;
  extensions?: AppOptions['extensions'];
}): Promise<Bot> {
  const now = options.clock?.now ?? (() => new Date());
  const store = options.store ?? (await LowdbStore.open(options.dataDir, { now }));
  const publishers = options.publishers;
  const appOptions: AppOptions = {
    env: readEnv({ DATA_DIR: options.dataDir }),
    config: options.config,
    store,
    chats: options.chats,
    logger: silentLogger(),
    now,
    ...(options.clock ? { sleep: options.clock.sleep } : {}),
    ...(publishers ? { publisherFactories: [() => publishers] } : { dryRunAll: true }),
    ...(options.extensions ? { extensions: options.extensions } : {}),
  };
  const app = createApp(appOptions);
  if (options.start !== false) await app.start();
  return {
    app,
    store,
    async stop() {
      await app.stop();
      await store.close();
    },
  };
}

export const JEFE: Actor = { platform: 'slack', userId: 'UJEFE', name: 'Jefe de Oficina' };

/** Submits and approves a comunicado as the office would, and waits for the publication. */
export async function submitAndApprove(app: App, text: string, platform: Platform = 'slack'): Promise<Comunicado> {
  const channel = platform === 'slack' ? 'CCOM' : platform === 'telegram' ? '-100' : 'comunicados';
  const author: Actor = { platform, userId: platform === 'console' ? 'redactora' : 'UREDACTORA', name: 'Redactora' };
  const approver: Actor = platform === 'console' ? { platform, userId: 'jefe', name: 'jefe' } : platform === 'telegram' ? { platform, userId: '900', name: 'Jefe' } : JEFE;
  const c = await app.services.comunicados.submit({ text, files: [], actor: author, origin: { platform, channel, messageId: 'M1' } });
  await app.services.comunicados.apply(c.id, { type: 'approve' }, approver);
  await app.idle();
  return (await app.services.store.get(c.id))!;
}

/** `n` members with Slack ids U001.. and names "Integrante 1".. */
export function team(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    team: {
      ...extra,
      members: Array.from({ length: n }, (_, i) => ({ name: `Integrante ${i + 1}`, slack: `U${String(i + 1).padStart(3, '0')}` })),
    },
  };
}
