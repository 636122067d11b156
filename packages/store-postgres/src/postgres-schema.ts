import type { BatchRow } from '@batchgate/sql-store'

/**
 * A batch row as the PostgreSQL store writes it: core's column layout, with the free-text columns a
 * submitter or a launcher fills (`resource`, `class_name`, `name`, `diagnostic`) as `bytea` holding
 * their UTF-8, because PostgreSQL's `text` cannot hold U+0000 and core accepts it there (see
 * postgres-batch-row.ts); plus two write tokens that let a write retried after a lost connection
 * recognise its own earlier attempt (see postgres-writes.ts). The tokens never leave the store.
 */
export interface PostgresBatchRow extends Omit<BatchRow, 'resource' | 'class_name' | 'name' | 'diagnostic'> {
  resource: Buffer
  class_name: Buffer | null
  name: Buffer | null
  diagnostic: Buffer | null
  /** Random per `insertBatch` call. */
  insert_token: string
  /** Random per `updateBatchState` call; null until the first state change. */
  state_token: string | null
}

/** The tables of the PostgreSQL metastore, as kysely sees them. */
export interface PostgresSchema {
  batchgate_batch: PostgresBatchRow
}
