export {
  postgresFixture,
  createStoreFixture,
  handles,
  type PostgresFixture,
  type PostgresFixtureOptions,
  type PostgresSpecOptions,
} from './postgres-fixture.js'
export {
  readRawPostgresBatches,
  deleteRawPostgresBatch,
  corruptRawPostgresBatch,
  type RawPostgresBatch,
} from './raw-postgres-reader.js'
export { createScratchSchema, dropScratchSchema, redactUri, splitSpec, withSchema } from './scratch-schema.js'
export { findPostgresTestServer, type PostgresTestServer } from './postgres-test-server.js'
export { installPostgresBatchAudit, type PostgresBatchAudit } from './postgres-batch-audit.js'
