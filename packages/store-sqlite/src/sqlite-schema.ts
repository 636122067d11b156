import type { BatchRow } from '@batchgate/core'

/** The tables of the SQLite metastore, as kysely sees them. */
export interface SqliteSchema {
  batchgate_batch: BatchRow
}
