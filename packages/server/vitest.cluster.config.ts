import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** `pnpm test:cluster`: PostgreSQL primary + standby, Redis, server replicas and HAProxy on loopback (src/test/cluster). */
export default defineConfig({
  resolve: { alias: { graphql: require.resolve('graphql/index.js') } },
  test: { include: ['src/test/cluster/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 600_000, pool: 'forks', maxWorkers: 1 },
});
