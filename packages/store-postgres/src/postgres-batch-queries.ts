import type { SqlQueryDialect } from '@batchgate/sql-store'
import { sql, type Expression } from 'kysely'

/**
 * The server's clock as integer epoch milliseconds (a `bigint`): `clock_timestamp()`, the time when it
 * is read, not `now()`, which is the time the transaction started (an old value in a long
 * transaction). `extract(epoch …)` is exact `numeric` (PostgreSQL ≥ 14; a `double` before, still exact
 * to the millisecond for centuries), floored to whole milliseconds.
 *
 * In a scalar subquery: `clock_timestamp()` is volatile, and a comparison with a volatile expression
 * can neither bound an index scan nor be read once (the planner evaluates it per row). The subquery is
 * an InitPlan, run once per statement, whose value an index condition takes like a parameter: the
 * queue's grace (`queued_at <= now - grace`) is then a range on the (state, queued_at) index, and
 * every row of the statement is judged at one instant. SQL text, for the prepared insert
 * (postgres-batch-statements.ts) too.
 */
export const POSTGRES_NOW_MILLIS = '(select floor(extract(epoch from clock_timestamp()) * 1000)::bigint)'

/**
 * What PostgreSQL changes in the SQL store kit's list, purge and write queries.
 *
 * Listing is one autocommit statement, served by the indexes (checked with EXPLAIN in
 * postgres-list-indexes.test.ts): (owner, create_time, id), (state, create_time, id) and
 * (create_time, id) of migration 0001, (created_by, state) of 0002. PostgreSQL does not append the
 * primary key to secondary indexes as InnoDB does, so `id` is in them: `create_time desc, id desc` is
 * then index order, and the keyset condition a row comparison (`'row-value'`) the index can start from.
 * A filter with a NUL character matches nothing without asking the server: no stored `text` holds one
 * (the server would refuse it as an encoding error). The `text` columns use the "C" collation, so the
 * plain `=` is exact.
 *
 * The purge is the kit's `'any-array'` form, on the (end_time) index of migration 0002.
 *
 * Leases and the launch queue's grace are judged by {@link POSTGRES_NOW_MILLIS}, the server's clock.
 * The launch queue orders its queued part by `owner_token` too (`queueOrdersByToken`), so that it walks
 * the queue index of migration 0004 in order (checked in postgres-ownership-indexes.test.ts).
 *
 * The free text (`resource`, `class_name`, `name`, `diagnostic`, `app_diagnostic`) is stored as `bytea` holding its
 * UTF-8, because `text` cannot hold U+0000 (see postgres-batch-row.ts); the store's pool reads it back
 * as the string (postgres-type-parsers.ts).
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 }, POSTGRES_QUERIES)
 * ```
 */
export const POSTGRES_QUERIES: SqlQueryDialect = {
  canHoldText: (value) => !value.includes('\0'),
  keyset: 'row-value',
  purge: 'any-array',
  storedText: asBytes,
  databaseNowMillis: sql<number>`${sql.raw(POSTGRES_NOW_MILLIS)}`,
  queueOrdersByToken: true,
}

/** The text as a `bytea` parameter: pg sends a Buffer as bytes. */
function asBytes(text: string): Expression<string> {
  return sql<string>`${Buffer.from(text, 'utf8')}`
}
