import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/bench and test/chaos are run by hand (npm run bench, npm run chaos), never by npm test.
    exclude: ['test/bench/**', 'test/chaos/**', 'node_modules/**'],
    // The programs tests start as processes, compiled once per run (see the file).
    globalSetup: ['test/setup/compile-children.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // On 2 cores vitest's default is one worker (cpus - 1), and most files wait on sockets
    // and child processes, not the CPU: three keep both cores busy.
    maxWorkers: 3,
    // Each worker imports Bolt, Telegraf, sharp and the app once, not once per file. Every
    // file builds its own app, fakes and data folder, so no state is shared between files.
    isolate: false,
  },
});
