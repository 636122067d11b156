/**
 * `@batchgate/sql-store`: what the SQL metastores share — the batch table's row layout and its mapping
 * to `BatchRecord`, the list and purge queries over kysely, the lease table and the launch queue's
 * queries (on the database's clock), the migration glue, a base class with a default for every method
 * of core's `CoordinatedMetadataStore`, and the DI module of a store.
 *
 * @example
 * ```ts
 * import { SqlMetadataStore, migrateToLatest, type BatchTables } from '@batchgate/sql-store'
 * ```
 */
export { BATCH_TABLE, LEASE_TABLE, type BatchTables, type LeaseRow } from './batch-tables.js'
export {
  batchFromRow,
  batchToRow,
  decodeBatchRow,
  type BatchRow,
  type InsertedBatchRow,
} from './batch-row.js'
export { batchPageQuery, selectBatchPage } from './batch-page-query.js'
export { deleteExpiredBatches, expiredBatchesDelete } from './expired-batches.js'
export { SQLITE_NOW_MILLIS, databaseNowMillis, databaseNowSql } from './database-clock.js'
export { leaseQueries } from './lease-queries.js'
export { launchQueueQuery } from './launch-queue-query.js'
export { claimUpdate, transferUpdate } from './ownership-writes.js'
export { ownerTokenIs } from './owner-token-condition.js'
export { claimWithToken, transferWithRecheck } from './token-ownership-writes.js'
export { stateChangeColumns, type StateChangeColumns } from './state-change-columns.js'
export type { SqlQueryDialect, TextFilterColumn } from './sql-query-dialect.js'
export {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  compiledMigrations,
  isMigrated,
  migrateToLatest,
  type SqlMigrationPlan,
} from './sql-migrations.js'
export {
  storedApplication,
  storedRow,
  storedStateChange,
  type StoredApplication,
  type StoredBatchRow,
  type StoredStateChange,
} from './stored-values.js'
export { applicationColumns, type ApplicationColumns } from './application-columns.js'
export {
  insertWithToken,
  newWriteToken,
  updateStateWithToken,
  type Retrying,
  type TokenWriter,
  type WriteTokenColumns,
  type WriteTokenTables,
} from './token-writes.js'
export { SqlMetadataStore } from './sql-metadata-store.js'
export {
  WriteTokenSqlStore,
  type SubmissionStatements,
  type WriteTokenStoreSettings,
} from './write-token-sql-store.js'
export { metadataStoreModule } from './store-module.js'
export { TOKEN_ROW_COLUMNS } from './token-row-columns.js'
export { requireIntegerOption, type NumericOptionKey } from './integer-option.js'
