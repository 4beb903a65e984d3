import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { IDENTITIES, SOCIAL_NETWORKS, type Identity, type SocialNetwork } from '../domain/comunicado.ts';
import { StartupError } from '../domain/errors.ts';
import { t } from '../messages/index.ts';
import type { Config } from './schema.ts';

/**
 * The process environment, read once. This is the ONLY module that touches `process.env`
 * and the only one that reads a variable by its name: everything else receives an `Env`
 * (typed fields) and, for the credentials the config names, the `Credentials` that
 * `resolveCredentials` returns once the config is loaded. Tests build their own with
 * `readEnv({...})`.
 */
export interface Env {
  configFile?: string;
  dataDir: string;
  port: number;
  /** LOG_LEVEL. Unset: `info`, or `warn` in the console chat (the entry point chooses). */
  logLevel?: string;
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
  /**
   * Limits of the bot's HTTP server: HTTP_MAX_CONNECTIONS, HTTP_HEADERS_TIMEOUT_MS,
   * HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS. Only positive integers appear;
   * anything else is left out, so the server keeps its default.
   */
  http: {
    maxConnections?: number;
    headersTimeoutMs?: number;
    requestTimeoutMs?: number;
    keepAliveTimeoutMs?: number;
  };
  /**
   * Platform addresses, for tests and proxies: GRAPH_API_URL, X_API_URL, YOUTUBE_API_URL,
   * YOUTUBE_UPLOAD_URL, YOUTUBE_OAUTH_URL. Unset: the publisher uses the platform's own.
   */
  apis: {
    graph?: string;
    x?: string;
    youtube?: string;
    youtubeUpload?: string;
    youtubeOauth?: string;
  };
  /** Media email: MAIL_FROM (the sender) and SMTP_URL (without it, .eml files in the outbox). */
  mail: {
    from?: string;
    smtpUrl?: string;
  };
}

/** Every variable of each `Env`, for the credentials the config names. Private to this module. */
const variables = new WeakMap<Env, Readonly<Record<string, string>>>();

function nonEmpty(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

/** A variable by name, or undefined when unset or blank. Only for names the config gives. */
function variable(env: Env, name: string): string | undefined {
  return nonEmpty(variables.get(env)?.[name]);
}

export interface ReadEnvOptions {
  /** Read `.env` from this folder (real environment variables win). */
  dotenvDir?: string;
}

/** The process's environment plus `.env` in the working folder: what the entry points read. */
export function readProcessEnv(): Env {
  return readEnv(process.env, { dotenvDir: process.cwd() });
}

export function readEnv(source: Record<string, string | undefined> = process.env, options: ReadEnvOptions = {}): Env {
  const all: Record<string, string> = {};
  if (options.dotenvDir) {
    const file = `${options.dotenvDir}/.env`;
    if (existsSync(file)) Object.assign(all, parseDotenv(readFileSync(file)));
  }
  for (const [k, v] of Object.entries(source)) if (v !== undefined) all[k] = v;
  const get = (k: string) => nonEmpty(all[k]);
  const positive = (k: string) => {
    const n = Number(get(k));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const port = Number(get('PORT') ?? 3000);
  const dryRun = get('DRY_RUN');
  const env: Env = {
    configFile: get('CONFIG_FILE'),
    dataDir: get('DATA_DIR') ?? './data',
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 3000,
    ...(get('LOG_LEVEL') ? { logLevel: get('LOG_LEVEL') } : {}),
    ...(dryRun !== undefined ? { dryRun: /^(1|true|s[ií]|yes)$/i.test(dryRun) } : {}),
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
    http: defined({
      maxConnections: positive('HTTP_MAX_CONNECTIONS'),
      headersTimeoutMs: positive('HTTP_HEADERS_TIMEOUT_MS'),
      requestTimeoutMs: positive('HTTP_REQUEST_TIMEOUT_MS'),
      keepAliveTimeoutMs: positive('HTTP_KEEP_ALIVE_TIMEOUT_MS'),
    }),
    apis: defined({
      graph: get('GRAPH_API_URL'),
      x: get('X_API_URL'),
      youtube: get('YOUTUBE_API_URL'),
      youtubeUpload: get('YOUTUBE_UPLOAD_URL'),
      youtubeOauth: get('YOUTUBE_OAUTH_URL'),
    }),
    mail: defined({ from: get('MAIL_FROM'), smtpUrl: get('SMTP_URL') }),
  };
  variables.set(env, Object.freeze(all));
  return env;
}

/**
 * Refuses values the bot would otherwise replace silently (a PORT that is not a port
 * would quietly become 3000). Called by `main` before anything starts.
 */
export function checkEnv(env: Env): void {
  const port = variable(env, 'PORT');
  if (port !== undefined && !(/^\d+$/.test(port) && Number(port) < 65536)) {
    throw new StartupError('bad_port', 'PORT', t('startup.bad_port', { value: port.slice(0, 40) }));
  }
}

// --- Credentials named by the config ------------------------------------------------------

/** The values an object's `*Env` fields name: `tokenEnv` → `token`, `appKeyEnv` → `appKey`. */
export type Named<T> = { [K in keyof T as K extends `${infer Base}Env` ? Base : never]-?: string };

/** A destination's credentials: all of them, or the names of the variables that are unset. */
export type Resolved<T> = { ok: true; values: T } | { ok: false; missing: string[] };

type AccountOf<N extends SocialNetwork> = NonNullable<Config['accounts'][Identity][N]>;

/** Per network of one identity: `facebook` → `{ token }`, `x` → `{ appKey, appSecret, … }`. */
export type AccountCredentials = { [N in SocialNetwork]?: Resolved<Named<AccountOf<N>>> };

export type PortalCredentials = { type: 'wordpress'; url: string; user: string; password: string } | { type: 'http'; url: string; secret: string };

export interface MissingCredentials {
  /** `facebook:alcaldia`, `portal`, `email`. */
  destination: string;
  variables: string[];
}

export interface Credentials {
  /** Absent when `portal.type` is `dry-run`. */
  portal?: Resolved<PortalCredentials>;
  /** Only the networks that have an account in `accounts:`. */
  accounts: Record<Identity, AccountCredentials>;
  /** Every configured destination whose variables are unset, in one list. */
  missing: MissingCredentials[];
  /** Names of every variable the config points at (its `*Env` fields), for log masking. */
  variables: string[];
}

function resolveNamed<T extends object>(env: Env, fields: T): Resolved<Named<T>> {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [key, name] of Object.entries(fields)) {
    if (!key.endsWith('Env') || typeof name !== 'string') continue;
    const value = variable(env, name);
    if (value === undefined) missing.push(name);
    else values[key.slice(0, -'Env'.length)] = value;
  }
  return missing.length ? { ok: false, missing } : { ok: true, values: values as Named<T> };
}

function resolvePortal(env: Env, p: Config['portal']): Resolved<PortalCredentials> | undefined {
  if (p.type === 'dry-run') return undefined;
  if (p.type === 'wordpress') {
    const r = resolveNamed(env, { urlEnv: p.urlEnv, userEnv: p.userEnv, passwordEnv: p.passwordEnv });
    return r.ok ? { ok: true, values: { type: 'wordpress', ...r.values } } : r;
  }
  const r = resolveNamed(env, { urlEnv: p.urlEnv, secretEnv: p.secretEnv });
  return r.ok ? { ok: true, values: { type: 'http', ...r.values } } : r;
}

/** Every `*Env` field's value anywhere in the config: the names of its credential variables. */
function envFieldNames(config: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string' && key.endsWith('Env')) names.add(v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(config, '');
  return [...names];
}

/**
 * The credentials of every configured destination, read from the variables the config's
 * `*Env` fields name (a new such field in the schema is covered without a list). Called
 * once the config is loaded. A destination whose variables are missing becomes a dry run
 * that names them; with DRY_RUN=0 the bot refuses to start (see `missingCredentialsMessage`).
 */
export function resolveCredentials(config: Config, env: Env): Credentials {
  const missing: MissingCredentials[] = [];
  const portal = resolvePortal(env, config.portal);
  if (portal && !portal.ok) missing.push({ destination: 'portal', variables: portal.missing });
  const accounts = {} as Record<Identity, AccountCredentials>;
  for (const identity of IDENTITIES) {
    const resolved: Record<string, Resolved<unknown>> = {};
    for (const network of SOCIAL_NETWORKS) {
      const account = config.accounts[identity][network];
      if (!account) continue;
      const r = resolveNamed(env, account);
      resolved[network] = r;
      if (!r.ok) missing.push({ destination: `${network}:${identity}`, variables: r.missing });
    }
    accounts[identity] = resolved as AccountCredentials;
  }
  if (config.destinations.default.some((d) => d.startsWith('email:')) && !env.mail.smtpUrl) {
    missing.push({ destination: 'email', variables: ['SMTP_URL'] });
  }
  return { ...(portal ? { portal } : {}), accounts, missing, variables: envFieldNames(config) };
}

/** The missing credentials in one Spanish message (DRY_RUN=0 refuses to start with it). */
export function missingCredentialsMessage(missing: MissingCredentials[]): string {
  const list = missing.map((m) => t('startup.missing_credentials.item', { destination: m.destination, variables: m.variables.join(', ') })).join('\n');
  return t('startup.missing_credentials', { list });
}

/**
 * Every secret value in the environment, for log redaction: variables whose names say
 * they hold a secret, plus the ones the config names as credentials.
 */
export function secretValues(env: Env, credentials?: Pick<Credentials, 'variables'>): string[] {
  const all = variables.get(env) ?? {};
  const pattern = /(TOKEN|SECRET|PASSWORD|PASS|KEY|CREDENTIAL|SMTP_URL)/i;
  const names = Object.keys(all).filter((k) => pattern.test(k) || credentials?.variables.includes(k));
  const values = names.flatMap((k) => {
    const v = all[k] ?? '';
    return [v, v.trim()];
  });
  return [...new Set(values.filter((v) => v.length >= 6))];
}
