export { sqliteFixture, createStoreFixture, handles, type SqliteFixture } from './sqlite-fixture.js'
export {
  readRawSqliteBatches,
  deleteRawSqliteBatch,
  corruptRawSqliteBatch,
  type RawSqliteBatch,
} from './raw-sqlite-reader.js'
export { installSqliteBatchAudit, type SqliteBatchAudit } from './sqlite-batch-audit.js'
