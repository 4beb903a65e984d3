import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../../fakes/telegram/bot-api.ts';
import { ROOT, runBot, type BotRun } from '../../fakes/run-bot.ts';

/**
 * Issue 14 item 13: a start-up configuration mistake is one Spanish line on stderr that
 * names the variable to fix, with exit code 1 and no stack trace. The bot runs as a real
 * process (`src/main.ts`), as `npm start` would.
 */

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'startup-errors-')), 'data');

/** The example config with its Slack section filled in (Slack needs chats.slack.teamId). */
function slackConfig(): string {
  const example = readFileSync(join(ROOT, 'config/comunicados.example.yaml'), 'utf8');
  const filled = example.replace(/^  # slack:\n((?:  #   .*\n)+)/m, (_, lines: string) => `  slack:\n${lines.replace(/^  # /gm, '  ')}`);
  if (filled === example) throw new Error('the example config has no commented Slack section to fill');
  const file = join(mkdtempSync(join(tmpdir(), 'startup-errors-')), 'comunicados.yaml');
  writeFileSync(file, filled);
  return file;
}

/** The office's default log level (the logs share stderr; debug lines are not the point here). */
const start = (env: Record<string, string>): Promise<BotRun> => runBot('', { LOG_LEVEL: 'info', ...env });

function expectOneLine(run: BotRun, variable: string): void {
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l.trim());
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toContain(variable);
  expect(run.stderr).not.toMatch(/Error inesperado/);
  expect(run.stderr).not.toMatch(/^\s+at .+:\d+/m); // no stack frame
  expect(run.stderr).not.toMatch(/Error:|TypeError|UserFacingError|StartupError/);
  expect(run.stdout).not.toMatch(/Bot de comunicados/);
}

describe('start-up configuration errors', { timeout: 120_000 }, () => {
  const servers: Server[] = [];
  const fakes: FakeBotApi[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r));
    for (const f of fakes) await f.stop();
  });

  it('a Telegram webhook URL without TELEGRAM_WEBHOOK_SECRET, and the data folder is left unlocked', async () => {
    const data = dataDir();
    const run = await start({
      DATA_DIR: data,
      TELEGRAM_BOT_TOKEN: '123456789:AAH-fake-token-for-tests-0000000000',
      TELEGRAM_WEBHOOK_URL: 'https://bot.ibague.gov.co/telegram/webhook',
    });
    expectOneLine(run, 'TELEGRAM_WEBHOOK_SECRET');
    expect(run.stderr).toMatch(/^TELEGRAM_WEBHOOK_URL está definida pero falta TELEGRAM_WEBHOOK_SECRET/);
    // The failed start released the store's lock: the console bot starts on the same folder.
    const next = await runBot('/estado\n', { DATA_DIR: data });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toMatch(/No hay comunicados en curso/);
  });

  it('a webhook secret Telegram would refuse', async () => {
    const run = await start({
      DATA_DIR: dataDir(),
      TELEGRAM_BOT_TOKEN: '123456789:AAH-fake-token-for-tests-0000000000',
      TELEGRAM_WEBHOOK_URL: 'https://bot.ibague.gov.co/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'con espacios y tildes: á',
    });
    expectOneLine(run, 'TELEGRAM_WEBHOOK_SECRET');
  });

  it('a Slack bot token without signing secret or app token', async () => {
    const run = await start({ DATA_DIR: dataDir(), CONFIG_FILE: slackConfig(), SLACK_BOT_TOKEN: 'xoxb-1-2-startup-test' });
    expectOneLine(run, 'SLACK_SIGNING_SECRET');
    expect(run.stderr).toContain('SLACK_APP_TOKEN');
  });

  for (const port of ['abc', '70000', '-1', '80.5']) {
    it(`PORT=${port}`, async () => {
      const run = await start({ DATA_DIR: dataDir(), PORT: port });
      expectOneLine(run, 'PORT');
      expect(run.stderr).toContain(`«${port}»`);
    });
  }

  it('a PORT another program is using', async () => {
    const busy = createServer();
    servers.push(busy);
    await new Promise<void>((r) => busy.listen(0, '0.0.0.0', r));
    const port = (busy.address() as { port: number }).port;
    const run = await start({ DATA_DIR: dataDir(), CONFIG_FILE: slackConfig(), PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-1-2-startup-test', SLACK_SIGNING_SECRET: 'startup-test-signing-secret' });
    expectOneLine(run, 'PORT');
    expect(run.stderr).toMatch(new RegExp(`puerto ${port} .*ya está en uso`));
  });

  it('a Telegram token the Bot API refuses (401)', async () => {
    const api = await new FakeBotApi().start();
    fakes.push(api);
    const run = await start({ DATA_DIR: dataDir(), TELEGRAM_BOT_TOKEN: '987654321:AAH-wrong-token-for-tests-0000000000', TELEGRAM_API_ROOT: api.url });
    expectOneLine(run, 'TELEGRAM_BOT_TOKEN');
    expect(run.stderr).toMatch(/^Telegram rechazó TELEGRAM_BOT_TOKEN/);
    expect(run.stderr).not.toContain('AAH-wrong-token'); // the token itself is never printed
  });
});
