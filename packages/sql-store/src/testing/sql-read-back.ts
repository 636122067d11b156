import type { BatchRow } from '../batch-row.js'
import { RAW_BATCHES_SQL, rawBatchFromRow, type RawBatch } from './raw-batch.js'

/**
 * Runs one SQL statement with `?` placeholders on a connection of the test's own (not the store's)
 * and gives the rows it returns.
 */
export type RunSql = (
  sql: string,
  params: readonly unknown[],
) => Promise<readonly unknown[]> | readonly unknown[]

/** The raw read-back and raw delete of a testkit `StoreFixture`, for a store on the kit's row layout. */
export interface SqlReadBack {
  /** Every batch row, read by `run` and mapped by {@link rawBatchFromRow}, never by the store's decode. */
  rawBatches(): Promise<RawBatch[]>
  /** Deletes one batch row by `run` (`delete … returning id`: SQLite ≥ 3.35, MariaDB ≥ 10.5, PostgreSQL). */
  rawDeleteBatch(id: string): Promise<void>
}

/**
 * Turns "run this SQL and give me rows" into a fixture's raw read-back and raw delete, so a SQL store on
 * the kit's row layout needs no row mapping of its own in its tests. Errors of `run` propagate — a read
 * that failed must not pass as "nothing stored" — except those `isMissingTable` recognises (a database
 * no store has opened yet has no batches).
 *
 * @example
 * ```ts
 * const run = (sql, params) => new Database(filename).prepare(sql).all(...params)
 * const fixture = { newStore: () => myStore(filename), ...sqlReadBack(run), dispose: async () => {} }
 * ```
 */
export function sqlReadBack(
  run: RunSql,
  isMissingTable: (error: unknown) => boolean = () => false,
): SqlReadBack {
  return {
    async rawBatches() {
      try {
        return ((await run(RAW_BATCHES_SQL, [])) as BatchRow[]).map(rawBatchFromRow)
      } catch (error) {
        if (isMissingTable(error)) return []
        throw error
      }
    },
    async rawDeleteBatch(id) {
      await run('delete from batchgate_batch where id = ? returning id', [id])
    },
  }
}
