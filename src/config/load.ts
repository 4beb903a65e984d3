import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { t } from '../messages/index.ts';
import { configSchema, type Config } from './schema.ts';
import { secretValues, unknownKeys } from './strict.ts';

z.config(z.locales.es());

/**
 * The checkout's root, where config/ lives: two levels above this file when it runs as
 * TypeScript (src/config), three when compiled (dist/src/config).
 */
const PROJECT_ROOT =
  ['../../', '../../../']
    .map((up) => fileURLToPath(new URL(up, import.meta.url)))
    .find((dir) => existsSync(resolve(dir, 'config/comunicados.example.yaml'))) ?? process.cwd();

export const DEFAULT_CONFIG = 'config/comunicados.yaml';
export const EXAMPLE_CONFIG = 'config/comunicados.example.yaml';

/** The config file could not be used. `problems` lists each one by path, in Spanish. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${t('config.invalid', { file })}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Which file to read: CONFIG_FILE, else config/comunicados.yaml, else the example. */
export function resolveConfigPath(configFile: string | undefined, cwd = process.cwd()): string {
  if (configFile) return resolve(cwd, configFile);
  for (const base of [cwd, PROJECT_ROOT]) {
    const main = resolve(base, DEFAULT_CONFIG);
    if (existsSync(main)) return main;
  }
  return resolve(PROJECT_ROOT, EXAMPLE_CONFIG);
}

function formatPath(path: PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '(raíz)';
}

/** Validates an already-parsed document. Every problem is listed, not only the first. */
export function parseConfig(doc: unknown, file = '(config)'): Config {
  if (doc === null || doc === undefined) throw new ConfigError(file, [t('config.file_empty')]);
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(file, [t('config.not_a_map')]);
  // zod drops keys it does not know and accepts any string: a typo or a pasted token
  // would pass unnoticed. Both are listed with the schema's own problems.
  const problems = [
    ...unknownKeys(configSchema, doc).map((u) =>
      u.suggestion ? t('config.unknown_key', { path: u.path, suggestion: u.suggestion }) : t('config.unknown_key.nohint', { path: u.path }),
    ),
    ...secretValues(configSchema, doc).map((s) =>
      s.variable ? t('config.secret_value', { path: s.path, variable: s.variable }) : t('config.secret_value.novar', { path: s.path }),
    ),
  ];
  const result = configSchema.safeParse(doc);
  if (!result.success) {
    for (const i of result.error.issues) if (i.code !== 'unrecognized_keys') problems.push(`${formatPath(i.path)}: ${i.message}`);
  }
  if (problems.length || !result.success) throw new ConfigError(file, problems);
  return result.data;
}

/** Reads, parses and validates the YAML config. Throws ConfigError with every problem. */
export function loadConfig(path: string): Config {
  if (!existsSync(path)) throw new ConfigError(path, [t('config.file_missing')]);
  const text = readFileSync(path, 'utf8');
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true, maxAliasCount: 50 });
  } catch (err) {
    const msg = err instanceof YAMLParseError ? t('config.yaml_malformed', { detail: err.message.split('\n')[0] }) : t('config.unreadable', { detail: (err as Error).message });
    throw new ConfigError(path, [msg]);
  }
  return parseConfig(doc, path);
}
