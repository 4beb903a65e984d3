import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, botEnv } from '../../fakes/run-bot.ts';

describe('the production build (what the Docker image runs)', { timeout: 180_000 }, () => {
  it('compiles to JavaScript and runs the console chat with plain node', () => {
    // Inside the checkout (test/.tmp is ignored by git) so node finds node_modules.
    mkdirSync(join(ROOT, 'test', '.tmp'), { recursive: true });
    const out = mkdtempSync(join(ROOT, 'test', '.tmp', 'build-'));
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', join(out, 'dist')], { cwd: ROOT, stdio: 'pipe' });
    const run = spawnSync(process.execPath, [join(out, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: botEnv({ DATA_DIR: join(out, 'data') }),
      input: '/comunicado\nPrueba de la versión compilada\n\nEntradilla.\ndestinos: portal\n.\n/como jefe\n/aprobar C-2026-0001\n',
      encoding: 'utf8',
      timeout: 120_000,
    });
    rmSync(out, { recursive: true, force: true });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/📣 C-\d{4}-0001 «Prueba de la versión compilada»: Publicado/);
  });
});
