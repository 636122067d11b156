export { mysqlHarness, type MysqlHarness, type MysqlHarnessOptions } from './mysql-harness.js'
export { createStoreTarget, type MysqlStoreTarget } from './mysql-store-target.js'
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
