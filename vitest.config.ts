import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const source = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  resolve: {
    // In-process tests run the TypeScript sources; child processes spawned by tests run the built dist.
    alias: {
      '@batchgate/store-sqlite/testing': source('./packages/store-sqlite/src/testing/index.ts'),
      '@batchgate/store-mysql/testing': source('./packages/store-mysql/src/testing/index.ts'),
      '@batchgate/sql-store/testing': source('./packages/sql-store/src/testing/index.ts'),
      '@batchgate/store-postgres/testing': source('./packages/store-postgres/src/testing/index.ts'),
      '@batchgate/core/store': source('./packages/core/src/metastore/index.ts'),
      '@batchgate/core/di': source('./packages/core/src/di/index.ts'),
      '@batchgate/core/diagnostics': source('./packages/core/src/diagnostics/index.ts'),
      '@batchgate/core': source('./packages/core/src/index.ts'),
      '@batchgate/sql-store': source('./packages/sql-store/src/index.ts'),
      '@batchgate/store-sqlite': source('./packages/store-sqlite/src/index.ts'),
      '@batchgate/store-mysql': source('./packages/store-mysql/src/index.ts'),
      '@batchgate/store-postgres': source('./packages/store-postgres/src/index.ts'),
      '@batchgate/testkit': source('./packages/testkit/src/index.ts'),
      '@batchgate/kyuubi-rest': source('./packages/kyuubi-rest/src/index.ts'),
      '@batchgate/opentelemetry': source('./packages/opentelemetry/src/index.ts'),
      '@batchgate/hive-thrift': source('./packages/hive-thrift/src/index.ts'),
      '@batchgate/gateway': source('./packages/gateway/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
