import { Migrator, type Kysely } from 'kysely'
import type { SqliteSchema } from './sqlite-schema.js'
import { resolve } from 'node:path'
import { sqliteMigrations } from './migrations/index.js'
import { retryWhileBusy } from './sqlite-busy-retry.js'

/**
 * Migrations running in this process, by file. Two stores of one process must not migrate the same
 * file at once: better-sqlite3 waits for a lock synchronously, so the second would block the event loop
 * while the first, which holds the lock across awaits, could never finish.
 */
const migrationsInProgress = new Map<string, Promise<void>>()

/**
 * Brings the schema of `filename` to the latest version. Safe when several processes open the file at
 * once: the migrations run in one transaction that begins immediate (see sqlite-dialect.ts), and a busy
 * file is waited for and retried.
 */
export async function migrateToLatest(
  db: Kysely<SqliteSchema>,
  filename: string,
  busyRetryMs: number,
): Promise<void> {
  const key = resolve(filename)
  for (;;) {
    const running = migrationsInProgress.get(key)
    if (running === undefined) break
    await running.catch(() => undefined)
  }
  const migration = retryWhileBusy(() => runMigrator(db), busyRetryMs, 'migrate the SQLite metastore')
  migrationsInProgress.set(key, migration)
  try {
    await migration
  } finally {
    migrationsInProgress.delete(key)
  }
}

async function runMigrator(db: Kysely<SqliteSchema>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: sqliteMigrations,
    migrationTableName: 'batchgate_migration',
    migrationLockTableName: 'batchgate_migration_lock',
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}
