export { postgresHarness, type PostgresHarness, type PostgresHarnessOptions } from './postgres-harness.js'
export {
  createStoreTarget,
  type PostgresStoreTarget,
  type PostgresStoreTargetOptions,
} from './postgres-store-target.js'
export {
  readRawPostgresBatches,
  deleteRawPostgresBatch,
  corruptRawPostgresBatch,
  type RawPostgresBatch,
} from './raw-postgres-reader.js'
export { createScratchSchema, dropScratchSchema, redactUri, splitSpec, withSchema } from './scratch-schema.js'
export { findPostgresTestServer, type PostgresTestServer } from './postgres-test-server.js'
