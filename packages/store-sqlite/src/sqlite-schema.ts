import type { BatchRow } from '@batchgate/core/store'

/** The tables of the SQLite metastore, as kysely sees them. */
export interface SqliteSchema {
  batchgate_batch: BatchRow
}
