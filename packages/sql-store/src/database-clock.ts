import { sql, type Expression, type Kysely } from 'kysely'
import type { SqlQueryDialect } from './sql-query-dialect.js'

/**
 * SQLite's current time as integer epoch milliseconds: `julianday('now')` (which SQLite holds constant
 * within one step of a statement) from the Julian day of the Unix epoch, in milliseconds. The default
 * of {@link SqlQueryDialect.databaseNowMillis}.
 */
export const SQLITE_NOW_MILLIS: Expression<number> = sql<number>`cast((julianday('now') - 2440587.5) * 86400000 as integer)`

/**
 * The dialect's database clock (its `databaseNowMillis`, else {@link SQLITE_NOW_MILLIS}): what every
 * lease time, and the launch queue's `queued_at` and grace, are computed from, inside the statement
 * that uses them. The caller's clock is never used.
 *
 * @example
 * ```ts
 * const now = databaseNowMillis(dialect)
 * await db.updateTable(LEASE_TABLE).set({ expires_at: sql<number>`${now} + ${durationMs}` }).execute()
 * ```
 */
export function databaseNowMillis(dialect: SqlQueryDialect): Expression<number> {
  return dialect.databaseNowMillis ?? SQLITE_NOW_MILLIS
}

/**
 * The database clock's SQL text, for a store's own prepared statements (its insert writes `queued_at`
 * with it). The expression must take no parameters (a prepared statement binds only the row's values).
 *
 * @example
 * ```ts
 * const insert = `insert into batchgate_batch (${columns}, queued_at) values (${marks}, ${databaseNowSql(db, dialect)})`
 * ```
 */
export function databaseNowSql<DB>(db: Kysely<DB>, dialect: SqlQueryDialect): string {
  const compiled = sql`${databaseNowMillis(dialect)}`.compile(db)
  if (compiled.parameters.length > 0) {
    throw new Error('the dialect’s databaseNowMillis must take no parameters to be prepared')
  }
  return compiled.sql
}
