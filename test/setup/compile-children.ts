import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CHILD_ENTRIES, COMPILED_DIR, compiledName } from '../fakes/compiled.ts';

/**
 * Vitest global setup: compiles each program the tests start as a child process (the bot's
 * `src/main.ts`, the CLIs, the crash and lock children) once per run, with esbuild, into
 * test/.tmp/compiled/. It is the same transform tsx applies file by file on every start,
 * done once: a child then starts as plain JavaScript instead of compiling ~300 modules
 * again, which was most of the suite's CPU time. Packages stay external (node_modules).
 */
export default async function compileChildren(): Promise<void> {
  rmSync(COMPILED_DIR, { recursive: true, force: true });
  mkdirSync(COMPILED_DIR, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(CHILD_ENTRIES.map((entry) => [compiledName(entry), join(process.cwd(), entry)])),
    outdir: COMPILED_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
