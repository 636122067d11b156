import { retryTransient } from '@batchgate/core'
import { Migrator, type Kysely } from 'kysely'
import { isMysqlTransient } from './mysql-error-codes.js'
import type { MysqlSchema } from './mysql-schema.js'
import { mysqlMigrations } from './migrations/index.js'

/**
 * Brings the schema to the latest version. Safe when several instances start at once: kysely creates
 * its bookkeeping tables with `if not exists`, then the migrations run under a per-database `GET_LOCK`
 * (see mysql-dialect.ts), and each one is safe to run again if an earlier run stopped part-way. A lost
 * connection or a deadlock is retried.
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
  await retryTransient(() => runMigrator(db), {
    isTransient: isMysqlTransient,
    retryForMs,
    what: `migrate the MySQL metastore at ${target}`,
  })
}

async function runMigrator(db: Kysely<MysqlSchema>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: mysqlMigrations,
    migrationTableName: 'batchgate_migration',
    migrationLockTableName: 'batchgate_migration_lock',
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}
