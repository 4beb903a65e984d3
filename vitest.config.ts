import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/bench and test/chaos are run by hand (npm run bench, npm run chaos), never by npm test.
    exclude: ['test/bench/**', 'test/chaos/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
