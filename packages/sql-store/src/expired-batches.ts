import { BatchState, isTerminalState, type PurgeQuery } from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'

const TERMINAL_STATES = Object.values(BatchState).filter(isTerminalState)

/**
 * Deletes at most `limit` terminal rows that ended before `endedBefore`, oldest end first, in one
 * statement on the (end_time) index, and answers how many it deleted. The dialect's `purge` says how the
 * delete is bounded:
 * - `'subselect'` (default): `where id in (select id … order by end_time limit n)`, for databases
 *   without `DELETE … LIMIT` (SQLite's default build, PostgreSQL);
 * - `'delete-limit'`: one single-table `DELETE … ORDER BY end_time, id LIMIT n` (MySQL): atomic and
 *   bounded; ordering by id too makes the chosen rows deterministic, which statement-based replication
 *   needs of a `DELETE … LIMIT`.
 *
 * @example
 * ```ts
 * const deleted = await deleteExpiredBatches(db, { endedBefore: now - 3 * DAY, limit: 500 })
 * ```
 */
export async function deleteExpiredBatches(
  db: Kysely<BatchTables>,
  query: PurgeQuery,
  dialect: SqlQueryDialect = {},
): Promise<number> {
  const result =
    dialect.purge === 'delete-limit'
      ? await db
          .deleteFrom(BATCH_TABLE)
          .where('state', 'in', TERMINAL_STATES)
          .where('end_time', '<', query.endedBefore)
          .orderBy('end_time')
          .orderBy('id')
          .limit(query.limit)
          .executeTakeFirst()
      : await db
          .deleteFrom(BATCH_TABLE)
          .where('id', 'in', (eb) =>
            eb
              .selectFrom(BATCH_TABLE)
              .select('id')
              .where('state', 'in', TERMINAL_STATES)
              .where('end_time', '<', query.endedBefore)
              .orderBy('end_time')
              .limit(query.limit),
          )
          .executeTakeFirst()
  return Number(result.numDeletedRows)
}
