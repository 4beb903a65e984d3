import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Where test/setup/compile-children.ts puts the compiled children. Three levels below the
 * checkout, like dist/src/config, so the bot finds config/ the same way.
 */
export const COMPILED_DIR = join(ROOT, 'test/.tmp/compiled');

/** The programs tests run as child processes (paths from the checkout's root). */
export const CHILD_ENTRIES = [
  'src/main.ts',
  'src/cli/config.ts',
  'src/cli/registro.ts',
  'test/fakes/lock-child.ts',
  'test/integration/media-email/crash-child.ts',
  'test/integration/social-x-yt/x-child-publish.ts',
] as const;
export type ChildEntry = (typeof CHILD_ENTRIES)[number];

export const compiledName = (entry: string) => entry.replace(/\.ts$/, '').replace(/[/.]/g, '-');

/**
 * Node's arguments to run `entry`: under vitest, its JavaScript compiled by the global setup
 * at the start of this run; anywhere else (the chaos runner, a benchmark, a file run by
 * hand) the TypeScript through tsx, since a compiled copy there may predate the sources.
 */
export function nodeArgs(entry: ChildEntry): string[] {
  const compiled = join(COMPILED_DIR, `${compiledName(entry)}.mjs`);
  return process.env.VITEST && existsSync(compiled) ? [compiled] : ['--import', 'tsx', join(ROOT, entry)];
}
