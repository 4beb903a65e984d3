import { resolve } from 'node:path';
import { createApp } from './app.ts';
import { buildChatAdapters } from './chat/adapters.ts';
import { ConsoleAdapter } from './chat/console/adapter.ts';
import type { ChatAdapter } from './chat/port.ts';
import { checkEnv, missingCredentialsMessage, readProcessEnv, resolveCredentials, secretValues } from './config/env.ts';
import { ConfigError, loadConfig, resolveConfigPath } from './config/load.ts';
import { StartupError, UserFacingError } from './domain/errors.ts';
import { HEALTH_PATH, healthRoute } from './http/health.ts';
import { HttpServer } from './http/server.ts';
import { t } from './messages/index.ts';
import { LowdbStore } from './store/lowdb-store.ts';
import { createLogger } from './util/logger.ts';
import { RecordLog } from './record/log.ts';
import { sha256 } from './record/chain.ts';
import { readFileSync } from 'node:fs';

/**
 * Entry point. With no chat token it runs the console chat with dry-run publishers, so a
 * newcomer sees the whole flow; with SLACK_* and/or TELEGRAM_* tokens it serves those.
 */
async function main(): Promise<number> {
  const env = readProcessEnv();
  checkEnv(env);
  const consoleMode = !env.slack.botToken && !env.telegram.botToken;
  const configPath = resolveConfigPath(env.configFile);
  let config;
  try {
    config = loadConfig(configPath);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const credentials = resolveCredentials(config, env);
  // DRY_RUN=0 means "publish for real": a destination without its credentials would
  // quietly publish "(simulación)" instead, so the bot refuses to start and says which.
  if (env.dryRun === false && credentials.missing.length) {
    process.stderr.write(`${missingCredentialsMessage(credentials.missing)}\n`);
    return 2;
  }
  const logger = createLogger({ level: env.logLevel ?? (consoleMode ? 'warn' : 'info'), secrets: secretValues(env, credentials) });

  let store: LowdbStore;
  try {
    store = await LowdbStore.open(env.dataDir);
  } catch (err) {
    if (err instanceof UserFacingError) {
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    throw err;
  }

  // The hash-chained record (DATA_DIR/registro): a line cut by a crash is said here, in Spanish.
  let record: RecordLog;
  try {
    record = await RecordLog.open(resolve(env.dataDir, 'registro'), { timeZone: config.office.timezone });
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  for (const notice of record.notices) {
    process.stderr.write(`${notice}\n`);
    logger.warn({ notice }, 'record: torn last line set aside');
  }
  let configFileHash: string | undefined;
  try {
    configFileHash = sha256(readFileSync(configPath));
  } catch {
    configFileHash = undefined;
  }

  const http = new HttpServer(logger, env.http);
  // Until the bot is up, a failure closes what is open (the store's lock, the port) before
  // main reports it; after that, SIGINT/SIGTERM do.
  const abort = async (err: unknown): Promise<never> => {
    await http.close().catch(() => {});
    await store.close().catch(() => {});
    await record.close().catch(() => {});
    throw err;
  };
  let chats: ChatAdapter[];
  let consoleAdapter: ConsoleAdapter | undefined;
  let finished: (() => void) | undefined;
  const ended = new Promise<void>((r) => (finished = r));
  if (consoleMode) {
    // `npm start | head` closing the pipe is the reader leaving, not a failure.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    consoleAdapter = new ConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      user: config.chats.console.user,
      channel: config.chats.console.channel,
      prompt: process.stdin.isTTY === true,
      outboxDir: resolve(env.dataDir, 'outbox'),
      dryRun: env.dryRun ?? true,
      onEnd: () => finished?.(),
    });
    chats = [consoleAdapter];
  } else {
    try {
      chats = await buildChatAdapters({ env, config, logger, http, store, configFile: configPath });
    } catch (err) {
      if (!(err instanceof ConfigError)) return abort(err);
      process.stderr.write(`${err.message}\n`);
      await store.close();
      return 2;
    }
  }

  const dryRunAll = env.dryRun ?? consoleMode;
  const app = createApp({ env, config, credentials, store, chats, logger, dryRunAll, record, ...(configFileHash ? { configFileHash } : {}) });
  for (const ext of app.extensions) {
    for (const [path, handler] of Object.entries(ext.routes ?? {})) http.route(path, handler);
  }
  http.route(HEALTH_PATH, healthRoute(app));
  try {
    await http.listen(env.port);
  } catch (err) {
    if (!consoleMode) await abort(listenError(err, env.port));
    logger.warn({ err, port: env.port }, 'health endpoint not available (port in use)');
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app.stop();
    await http.close();
    await store.close();
    await record.close();
    process.exitCode = code;
  };
  process.once('SIGINT', () => void stop(130).then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop(143).then(() => process.exit(143)));

  try {
    await app.start();
  } catch (err) {
    await app.stop().catch(() => {});
    await abort(err);
  }
  if (consoleMode) {
    await ended;
    await app.idle();
    await consoleAdapter?.stop();
    process.stdout.write(`${(await import('./messages/index.ts')).t('console.bye')}\n`);
    await stop(0);
    return 0;
  }
  await new Promise<never>(() => {});
  return 0;
}

/** A port the bot cannot listen on, said in Spanish with the variable to change. */
function listenError(err: unknown, port: number): unknown {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new StartupError('port_in_use', 'PORT', t('startup.port_in_use', { port }), { cause: err });
  if (code === 'EACCES') return new StartupError('port_denied', 'PORT', t('startup.port_denied', { port }), { cause: err });
  return err;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err) => {
    // A configuration mistake (a variable missing or wrong, a token refused): one line that
    // names what to fix, no stack trace. Anything else is a bug and keeps its stack.
    if (err instanceof UserFacingError) process.stderr.write(`${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
    else process.stderr.write(`${t('startup.unexpected')}\n${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
  },
);
