export { sqliteHarness, type SqliteHarness } from './sqlite-harness.js'
export { createStoreTarget, type SqliteStoreTarget } from './sqlite-store-target.js'
export {
  readRawSqliteBatches,
  deleteRawSqliteBatch,
  corruptRawSqliteBatch,
  type RawSqliteBatch,
} from './raw-sqlite-reader.js'
