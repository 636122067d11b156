/**
 * `@batchgate/sql-store/testing`: what a SQL store's test read-back shares — the raw row mapping that
 * does not go through the store's decode path, the read-back query and the columns tests may corrupt.
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
