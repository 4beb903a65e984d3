import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { StartupError } from '../domain/errors.ts';
import { t } from '../messages/index.ts';

/**
 * The process environment, read once. This is the ONLY module that touches `process.env`:
 * everything else receives an `Env` (tests build their own with `readEnv({...})`).
 *
 * Secrets live only here. Per-account credentials are looked up by the variable names the
 * config gives (`secret(env, name)`), so the config file itself never holds a token.
 */
export interface Env {
  configFile?: string;
  dataDir: string;
  port: number;
  logLevel: string;
  /**
   * DRY_RUN: `1`/`true` publishes nothing anywhere; `0`/`false` publishes for real even from
   * the console chat (an operator trying the portal from a terminal). Unset: dry run only
   * in the console chat.
   */
  dryRun?: boolean;
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
  };
  telegram: {
    botToken?: string;
    apiRoot: string;
    webhookUrl?: string;
    webhookSecret?: string;
  };
  /** Every variable, for the credentials the config names. Frozen. */
  raw: Readonly<Record<string, string>>;
}

function nonEmpty(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

export interface ReadEnvOptions {
  /** Read `.env` from this folder (real environment variables win). */
  dotenvDir?: string;
}

export function readEnv(source: Record<string, string | undefined> = process.env, options: ReadEnvOptions = {}): Env {
  const raw: Record<string, string> = {};
  if (options.dotenvDir) {
    const file = `${options.dotenvDir}/.env`;
    if (existsSync(file)) Object.assign(raw, parseDotenv(readFileSync(file)));
  }
  for (const [k, v] of Object.entries(source)) if (v !== undefined) raw[k] = v;
  const get = (k: string) => nonEmpty(raw[k]);
  const port = Number(get('PORT') ?? 3000);
  return {
    configFile: get('CONFIG_FILE'),
    dataDir: get('DATA_DIR') ?? './data',
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 3000,
    logLevel: get('LOG_LEVEL') ?? 'info',
    ...(get('DRY_RUN') !== undefined ? { dryRun: /^(1|true|s[ií]|yes)$/i.test(get('DRY_RUN')!) } : {}),
    slack: {
      botToken: get('SLACK_BOT_TOKEN'),
      signingSecret: get('SLACK_SIGNING_SECRET'),
      appToken: get('SLACK_APP_TOKEN'),
      apiUrl: get('SLACK_API_URL') ?? 'https://slack.com/api/',
    },
    telegram: {
      botToken: get('TELEGRAM_BOT_TOKEN'),
      apiRoot: get('TELEGRAM_API_ROOT') ?? 'https://api.telegram.org',
      webhookUrl: get('TELEGRAM_WEBHOOK_URL'),
      webhookSecret: get('TELEGRAM_WEBHOOK_SECRET'),
    },
    raw: Object.freeze(raw),
  };
}

/**
 * Refuses values the bot would otherwise replace silently (a PORT that is not a port
 * would quietly become 3000). Called by `main` before anything starts.
 */
export function checkEnv(env: Env): void {
  const port = nonEmpty(env.raw.PORT);
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) < 65536)) {
    throw new StartupError('bad_port', 'PORT', t('startup.bad_port', { value: port.slice(0, 40) }));
  }
}

/** A variable by name (for credentials named in the config), or undefined when unset. */
export function secret(env: Env, name: string | undefined): string | undefined {
  return name ? nonEmpty(env.raw[name]) : undefined;
}

/**
 * Every secret value in the environment, for log redaction: variables whose names say
 * they hold a secret, plus the ones the config names as credentials.
 */
export function secretValues(env: Env, extraNames: string[] = []): string[] {
  const pattern = /(TOKEN|SECRET|PASSWORD|PASS|KEY|CREDENTIAL|SMTP_URL)/i;
  const names = Object.keys(env.raw).filter((k) => pattern.test(k) || extraNames.includes(k));
  const values = names.flatMap((k) => {
    const v = env.raw[k] ?? '';
    return [v, v.trim()];
  });
  return [...new Set(values.filter((v) => v.length >= 6))];
}
