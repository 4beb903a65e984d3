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
    // On 2 cores vitest's default is one worker (cpus - 1), and many files wait on sockets
    // and child processes, not the CPU. Measured on 2 cores: 1 worker 214 s, 3 workers 104 s,
    // 4 workers 94 s, 6 workers 103 s (the CPU is then the limit).
    maxWorkers: 4,
    // Each worker imports Bolt, Telegraf, sharp and the app once, not once per file. Every
    // file builds its own app, fakes and data folder, so no state is shared between files.
    isolate: false,
  },
});
