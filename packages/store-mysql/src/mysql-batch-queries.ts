import type { SqlQueryDialect, TextFilterColumn } from '@batchgate/sql-store'
import { sql, type Expression, type SqlBool } from 'kysely'

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
 * @example
 * ```ts
 * const rows = await selectBatchPage(db, { owner: 'alice', states: ['RUNNING'], limit: 50 }, MYSQL_QUERIES)
 * ```
 */
export const MYSQL_QUERIES: SqlQueryDialect = {
  textEquals: exactlyEqual,
  purge: 'delete-limit',
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
