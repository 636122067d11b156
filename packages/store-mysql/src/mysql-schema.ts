import type { BATCH_TABLE, BatchRow } from '@batchgate/sql-store'

/**
 * A batch row as the MySQL store writes it: the kit's shared column layout plus two write tokens that
 * let a write retried after a lost connection recognise its own earlier attempt (see mysql-writes.ts).
 * The tokens never leave the store.
 */
export interface MysqlBatchRow extends BatchRow {
  /** Random per `insertBatch` call. */
  insert_token: string
  /** Random per `updateBatchState` call; null until the first state change. */
  state_token: string | null
}

/**
 * The tables of the MySQL metastore, as kysely sees them where the tokens are read or written: the
 * store's connection is the kit's `Kysely<BatchTables>`, widened with `db.withTables<MysqlSchema>()`
 * (a mapped type: `withTables` wants an index signature, which an interface does not have).
 */
export type MysqlSchema = Record<typeof BATCH_TABLE, MysqlBatchRow>
