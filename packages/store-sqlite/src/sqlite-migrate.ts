import { Migrator, sql, type Kysely } from 'kysely'
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

/** Kysely's bookkeeping table: one row per executed migration. */
const MIGRATION_TABLE = 'batchgate_migration'

/**
 * Brings the schema of `filename` to the latest version. Safe when several processes open the file at
 * once: the migrations run in one transaction that begins immediate (see sqlite-dialect.ts), and a busy
 * file is waited for and retried.
 *
 * A file on which every migration of this release already ran is left alone, without the migrator:
 * - a newer release may have run migrations this one does not know (during a rolling upgrade), which
 *   kysely's migrator rejects as corrupted; newer releases only add to the schema, so it is current;
 * - the check is a plain read, which WAL never blocks, where the migrator takes the write lock
 *   (`BEGIN IMMEDIATE`), and better-sqlite3 waits for a lock synchronously: a store opening a file that
 *   another connection of this process is writing would block the event loop for up to busyTimeoutMs.
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
  const migration = retryWhileBusy(
    async () => {
      if (!(await isMigrated(db))) await runMigrator(db)
    },
    busyRetryMs,
    'migrate the SQLite metastore',
  )
  migrationsInProgress.set(key, migration)
  try {
    await migration
  } finally {
    migrationsInProgress.delete(key)
  }
}

/** Whether every migration of this release is recorded as executed (a plain read, no transaction). */
async function isMigrated(db: Kysely<SqliteSchema>): Promise<boolean> {
  const table = await sql<{ found: number }>`
    select 1 as found from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}
  `.execute(db)
  if (table.rows.length === 0) return false
  const executed = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)
  const names = new Set(executed.rows.map((row) => row.name))
  const known = Object.keys(await sqliteMigrations.getMigrations())
  return known.every((name) => names.has(name))
}

async function runMigrator(db: Kysely<SqliteSchema>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: sqliteMigrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'batchgate_migration_lock',
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}
