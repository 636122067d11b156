import { BatchState, isTerminalState, type PurgeQuery } from '@batchgate/core/store'
import { sql, type Kysely } from 'kysely'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'

const TERMINAL_STATES = Object.values(BatchState).filter(isTerminalState)

/**
 * Deletes at most `limit` terminal rows that ended before `endedBefore`, oldest end first, in one
 * statement on the (end_time) index, and answers how many it deleted. A limit below 1 deletes nothing,
 * without asking the database (SQLite reads a negative LIMIT as none, PostgreSQL refuses it). The
 * dialect's `purge` says how the delete is bounded:
 * - `'subselect'` (default): `where id in (select id … order by end_time limit n)`, for databases
 *   without `DELETE … LIMIT` (SQLite's default build);
 * - `'delete-limit'`: one single-table `DELETE … ORDER BY end_time, id LIMIT n` (MySQL): atomic and
 *   bounded; ordering by id too makes the chosen rows deterministic, which statement-based replication
 *   needs of a `DELETE … LIMIT`;
 * - `'any-array'`: `where id = any(array(select id … order by end_time, id limit n for update skip
 *   locked))` (PostgreSQL): the ids are gathered first (an InitPlan) and then deleted through the
 *   primary key, where `in (…)` would be planned as a join that may scan the whole table for a handful
 *   of rows; `skip locked` lets two instances purging at once take different rows instead of waiting.
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
  if (query.limit <= 0) return 0
  const result = await expiredBatchesDelete(db, query, dialect).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * The statement {@link deleteExpiredBatches} runs, unexecuted (tests compile and EXPLAIN it).
 *
 * @example
 * ```ts
 * const { sql, parameters } = expiredBatchesDelete(db, { endedBefore: cutoff, limit: 100 }, { purge: 'any-array' }).compile()
 * ```
 */
export function expiredBatchesDelete(
  db: Kysely<BatchTables>,
  query: PurgeQuery,
  dialect: SqlQueryDialect = {},
) {
  const expired = db
    .selectFrom(BATCH_TABLE)
    .select('id')
    .where('state', 'in', TERMINAL_STATES)
    .where('end_time', '<', query.endedBefore)
    .orderBy('end_time')
  if (dialect.purge === 'delete-limit') {
    return db
      .deleteFrom(BATCH_TABLE)
      .where('state', 'in', TERMINAL_STATES)
      .where('end_time', '<', query.endedBefore)
      .orderBy('end_time')
      .orderBy('id')
      .limit(query.limit)
  }
  if (dialect.purge === 'any-array') {
    const locked = expired.orderBy('id').limit(query.limit).forUpdate().skipLocked()
    return db.deleteFrom(BATCH_TABLE).where((eb) => eb('id', '=', eb.fn.any(sql<string[]>`array(${locked})`)))
  }
  return db.deleteFrom(BATCH_TABLE).where('id', 'in', expired.limit(query.limit))
}
