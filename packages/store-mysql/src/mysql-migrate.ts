import { retryTransient } from '@batchgate/core/store'
import { Migrator, sql, type Kysely } from 'kysely'
import { isMysqlTransient } from './mysql-error-codes.js'
import type { MysqlSchema } from './mysql-schema.js'
import { mysqlMigrations } from './migrations/index.js'

/** Kysely's bookkeeping table: one row per executed migration. */
const MIGRATION_TABLE = 'batchgate_migration'

/**
 * Brings the schema to the latest version. Safe when several instances start at once: kysely creates
 * its bookkeeping tables with `if not exists`, then the migrations run under a per-database `GET_LOCK`
 * (see mysql-dialect.ts), and each one is safe to run again if an earlier run stopped part-way. A lost
 * connection or a deadlock is retried.
 *
 * A database on which every migration of this release already ran is left alone, without the
 * migrator or its lock: a newer release may have run migrations this one does not know (during a
 * rolling upgrade), which kysely's migrator rejects as corrupted; newer releases only add to the
 * schema, so it is current.
 *
 * @example
 * ```ts
 * await migrateToLatest(db, 30_000, '127.0.0.1:3306/batchgate')
 * ```
 */
export async function migrateToLatest(
  db: Kysely<MysqlSchema>,
  retryForMs: number,
  target: string,
): Promise<void> {
  await retryTransient(
    async () => {
      if (!(await isMigrated(db))) await runMigrator(db)
    },
    {
      isTransient: isMysqlTransient,
      retryForMs,
      what: `migrate the MySQL metastore at ${target}`,
    },
  )
}

/** Whether every migration of this release is recorded as executed (plain reads, no lock). */
async function isMigrated(db: Kysely<MysqlSchema>): Promise<boolean> {
  const table = await sql<{ found: number }>`
    select 1 as found from information_schema.tables
    where table_schema = database() and table_name = ${MIGRATION_TABLE}
  `.execute(db)
  if (table.rows.length === 0) return false
  const executed = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)
  const names = new Set(executed.rows.map((row) => row.name))
  const known = Object.keys(await mysqlMigrations.getMigrations())
  return known.every((name) => names.has(name))
}

async function runMigrator(db: Kysely<MysqlSchema>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: mysqlMigrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'batchgate_migration_lock',
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}
