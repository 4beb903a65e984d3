/**
 * The bot as bench a runs it: what src/main.ts does in Slack HTTP mode (LowdbStore, the
 * one HttpServer, the Slack adapter from the environment, createApp, /healthz), with the
 * bench's config and the server bound to 127.0.0.1 only. Run as its own process with the
 * usual variables (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, DATA_DIR, PORT,
 * LOG_LEVEL); it serves until SIGTERM.
 */
import { createApp } from '../../../src/app.ts';
import { buildChatAdapters } from '../../../src/chat/adapters.ts';
import { readEnv, secretValues } from '../../../src/config/env.ts';
import { HttpServer } from '../../../src/http/server.ts';
import { LowdbStore } from '../../../src/store/lowdb-store.ts';
import { createLogger } from '../../../src/util/logger.ts';
import { benchConfig } from './setup.ts';

const env = readEnv(process.env);
const config = benchConfig();
const logger = createLogger({ level: env.logLevel ?? 'info', secrets: secretValues(env) });
const store = await LowdbStore.open(env.dataDir);
const http = new HttpServer(logger);
const chats = await buildChatAdapters({ env, config, logger, http, store });
const app = createApp({ env, config, store, chats, logger });
http.route('/healthz', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ...app.health() }));
});
await app.start();
await http.listen(env.port, '127.0.0.1');
process.once('SIGTERM', () => {
  void (async () => {
    await app.stop();
    await http.close();
    await store.close();
    process.exit(0);
  })();
});
