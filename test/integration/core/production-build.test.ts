import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, botEnv } from '../../fakes/run-bot.ts';

// One compiled copy for the whole file: the build takes seconds, the runs below share it.
let out = '';

describe('the production build (what the Docker image runs)', { timeout: 180_000 }, () => {
  beforeAll(() => {
    // Inside the checkout (test/.tmp is ignored by git) so node finds node_modules.
    mkdirSync(join(ROOT, 'test', '.tmp'), { recursive: true });
    out = mkdtempSync(join(ROOT, 'test', '.tmp', 'build-'));
    // `npm run build` without its type check (--noCheck emits the very same files): npm test
    // type-checks these sources in its first step, and a second check here cost 12 CPU-seconds.
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--noCheck', '--outDir', join(out, 'dist')], { cwd: ROOT, stdio: 'pipe' });
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** Runs a compiled file with plain node: no tsx loader, as inside the image. */
  const node = (file: string, args: string[], input = '') =>
    spawnSync(process.execPath, [join(out, 'dist', file), ...args], {
      cwd: ROOT,
      env: botEnv({ DATA_DIR: join(out, 'data') }),
      input,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('compiles to JavaScript and runs the console chat with plain node', () => {
    const run = node('src/main.js', [], '/comunicado\nPrueba de la versión compilada\n\nEntradilla.\ndestinos: portal\n.\n/como jefe\n/aprobar C-2026-0001\n');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/📣 C-\d{4}-0001 «Prueba de la versión compilada»: Publicado/);
  });

  it('ships the operator CLIs as JavaScript: config:check and the media list export run without tsx', () => {
    const check = node('src/cli/config.js', ['config:check']);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/La configuración .+ es válida\./);
    const exported = node('src/cli/medios.js', ['export']);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout.split('\n')[0]).toMatch(/nombre/i);
    // The record the compiled bot wrote above (its start, the submission, the approval) verifies.
    const verified = node('src/cli/registro.js', ['verificar']);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^Registro íntegro: \d+ eventos encadenados/);
  });

  it('needs no development package at run time, and the image is a supported LTS', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx');
    for (const script of ['config:check:prod', 'medios:import:prod', 'medios:export:prod', 'registro:prod']) {
      expect(pkg.scripts[script]).toMatch(/^node dist\//);
    }
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => Number(m[1]));
    expect(majors.length).toBeGreaterThan(0);
    // Even majors are the LTS lines; 20 reached end of life in April 2026.
    for (const major of majors) expect(major % 2 === 0 && major >= 22).toBe(true);
    expect(dockerfile).toMatch(/npm ci --omit=dev --ignore-scripts/);
  });
});
