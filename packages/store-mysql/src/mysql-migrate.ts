import { retryTransient } from '@batchgate/core/store'
import {
  migrateToLatest as migrateWithKit,
  type BatchTables,
  type SqlMigrationPlan,
} from '@batchgate/sql-store'
import { sql, type Kysely } from 'kysely'
import { isMysqlTransient } from './mysql-error-codes.js'
import { mysqlMigrations } from './migrations/index.js'

/** MySQL's migrations, and its catalogue (`information_schema` of the connection's database). */
const MYSQL_MIGRATION_PLAN: SqlMigrationPlan = {
  migrations: mysqlMigrations,
  async tableExists(db, table) {
    const found = await sql<{ found: number }>`
      select 1 as found from information_schema.tables
      where table_schema = database() and table_name = ${table}
    `.execute(db)
    return found.rows.length > 0
  },
}

/**
 * Brings the schema to the latest version. Safe when several instances start at once: kysely creates
 * its bookkeeping tables with `if not exists`, then the migrations run under a per-database `GET_LOCK`
 * (see mysql-dialect.ts), and each one is safe to run again if an earlier run stopped part-way. A lost
 * connection or a deadlock is retried. A database on which every migration of this release already ran
 * is left alone, without the migrator or its lock (see the kit's `migrateToLatest`).
 *
 * @example
 * ```ts
 * await migrateToLatest(db, 30_000, '127.0.0.1:3306/batchgate')
 * ```
 */
export async function migrateToLatest(
  db: Kysely<BatchTables>,
  retryForMs: number,
  target: string,
): Promise<void> {
  await retryTransient(() => migrateWithKit(db, MYSQL_MIGRATION_PLAN), {
    isTransient: isMysqlTransient,
    retryForMs,
    what: `migrate the MySQL metastore at ${target}`,
  })
}
