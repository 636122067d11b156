import type { BatchRow } from '@batchgate/core/store'

/**
 * A batch row as the MySQL store writes it: core's shared column layout plus two write tokens that
 * let a write retried after a lost connection recognise its own earlier attempt (see mysql-writes.ts).
 * The tokens never leave the store.
 */
export interface MysqlBatchRow extends BatchRow {
  /** Random per `insertBatch` call. */
  insert_token: string
  /** Random per `updateBatchState` call; null until the first state change. */
  state_token: string | null
}

/** The tables of the MySQL metastore, as kysely sees them. */
export interface MysqlSchema {
  batchgate_batch: MysqlBatchRow
}
