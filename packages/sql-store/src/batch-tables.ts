import type { BatchRow } from './batch-row.js'

/** The name SQL stores give the batch table. */
export const BATCH_TABLE = 'batchgate_batch'

/**
 * The kit's tables as kysely sees them: what every query of the kit runs on. A dialect whose rows carry
 * more columns (the MySQL store's write tokens) keeps this type for its connection and widens it where
 * it needs them, with kysely's `db.withTables<{ batchgate_batch: MyRow }>()`, since `Kysely<S>` is
 * invariant in `S`.
 *
 * @example
 * ```ts
 * const db = new Kysely<BatchTables>({ dialect })
 * const row = await db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst()
 * ```
 */
export interface BatchTables {
  batchgate_batch: BatchRow
}
