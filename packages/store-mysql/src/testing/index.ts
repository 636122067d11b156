export {
  mysqlFixture,
  createStoreFixture,
  handles,
  type MysqlFixture,
  type MysqlFixtureOptions,
  type MysqlSpecOptions,
} from './mysql-fixture.js'
export {
  readRawMysqlBatches,
  deleteRawMysqlBatch,
  corruptRawMysqlBatch,
  type RawMysqlBatch,
} from './raw-mysql-reader.js'
export {
  createScratchDatabase,
  dropScratchDatabase,
  databaseOf,
  redactUri,
  withDatabase,
} from './scratch-database.js'
export { findMysqlTestServer, type MysqlTestServer } from './mysql-test-server.js'
export { installMysqlBatchAudit, type MysqlBatchAudit } from './mysql-batch-audit.js'
