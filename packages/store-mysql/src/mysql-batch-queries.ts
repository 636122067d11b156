import type { SqlQueryDialect, TextFilterColumn } from '@batchgate/sql-store'
import { sql, type Expression, type SqlBool } from 'kysely'

/**
 * The server's clock as integer epoch milliseconds (a `bigint`), whatever the session's time zone:
 * `utc_timestamp(3)` is the current UTC time as a datetime (when the statement started, so one value per
 * statement), and `timestampdiff` from the epoch is calendar arithmetic on two datetimes, with no time
 * zone conversion. `unix_timestamp(now(3))` would convert the session's local time back to UTC, which
 * is ambiguous during the hour a daylight-saving zone repeats in autumn (the pool sets no time zone, so
 * that is the server's). SQL text, for the prepared insert (mysql-batch-statements.ts) too.
 */
export const MYSQL_NOW_MILLIS =
  "(timestampdiff(microsecond, timestamp '1970-01-01 00:00:00', utc_timestamp(3)) div 1000)"

/**
 * What MySQL changes in the SQL store kit's list and purge queries.
 *
 * Listing is one autocommit statement, served by the indexes (checked with EXPLAIN in
 * mysql-list-indexes.test.ts): (owner, create_time) and (state, create_time) of migration 0001,
 * (created_by, state) of 0002, and (create_time) read backwards when nothing else filters. InnoDB
 * appends the primary key to every secondary index, so `create_time desc, id desc` is index order.
 *
 * The purge is one single-table `DELETE … ORDER BY end_time, id LIMIT n` (atomic, bounded, on the
 * (end_time) index of migration 0002).
 *
 * Leases and the launch queue's grace are judged by {@link MYSQL_NOW_MILLIS}, the server's clock.
 *
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 }, MYSQL_QUERIES)
 * ```
 */
export const MYSQL_QUERIES: SqlQueryDialect = {
  textEquals: exactlyEqual,
  purge: 'delete-limit',
  databaseNowMillis: sql<number>`${sql.raw(MYSQL_NOW_MILLIS)}`,
}

/**
 * `column = value`, exactly, as SQLite compares text. utf8mb4_bin and ascii_bin are PAD SPACE collations
 * in MariaDB and MySQL 5.7 (trailing spaces are ignored: `'alice' = 'alice '`), so the equality alone
 * would list another user's batches. The plain equality stays for the optimiser (it is what lets the
 * index serve the filter); the comparison of the bytes drops the rows that differ only in trailing
 * spaces. The connection's character set is utf8mb4 (mysql-pool.ts), as the columns'.
 */
function exactlyEqual(column: TextFilterColumn, value: string): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(column)} = ${value} and cast(${sql.ref(column)} as binary) = cast(${value} as binary))`
}
