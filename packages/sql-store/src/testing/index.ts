/**
 * `@batchgate/sql-store/testing`: what a SQL store's test read-back shares — the raw row mapping that
 * does not go through the store's decode path, the read-back query, the columns tests may corrupt, and
 * {@link sqlReadBack}, which turns "run this SQL" into a testkit fixture's raw read-back and delete.
 *
 * @example
 * ```ts
 * import { RAW_BATCHES_SQL, rawBatchFromRow } from '@batchgate/sql-store/testing'
 * ```
 */
export {
  CORRUPTIBLE_COLUMNS,
  RAW_BATCHES_SQL,
  rawBatchFromRow,
  type CorruptibleColumn,
  type RawBatch,
} from './raw-batch.js'
export { sqlReadBack, type RunSql, type SqlReadBack } from './sql-read-back.js'
export {
  migrateToVersion,
  rowBeforeApplicationColumns,
  rowBeforeOwnershipColumns,
} from './migrate-to-version.js'
