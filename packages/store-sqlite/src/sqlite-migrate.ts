import {
  migrateToLatest as migrateWithKit,
  type BatchTables,
  type SqlMigrationPlan,
} from '@batchgate/sql-store'
import { sql, type Kysely } from 'kysely'
import { resolve } from 'node:path'
import { sqliteMigrations } from './migrations/index.js'
import { retryWhileBusy } from './sqlite-busy-retry.js'

/**
 * Migrations running in this process, by file. Two stores of one process must not migrate the same
 * file at once: better-sqlite3 waits for a lock synchronously, so the second would block the event loop
 * while the first, which holds the lock across awaits, could never finish.
 */
const migrationsInProgress = new Map<string, Promise<void>>()

/** SQLite's migrations, and its catalogue (`sqlite_master`) to tell whether they ran. */
const SQLITE_MIGRATION_PLAN: SqlMigrationPlan = {
  migrations: sqliteMigrations,
  async tableExists(db, table) {
    const found = await sql<{ found: number }>`
      select 1 as found from sqlite_master where type = 'table' and name = ${table}
    `.execute(db)
    return found.rows.length > 0
  },
}

/**
 * Brings the schema of `filename` to the latest version. Safe when several processes open the file at
 * once: the migrations run in one transaction that begins immediate (see sqlite-dialect.ts), and a busy
 * file is waited for and retried.
 *
 * A file on which every migration of this release already ran is left alone, without the migrator
 * (see the kit's `migrateToLatest`). Here that matters twice over: the check is a plain read, which WAL
 * never blocks, where the migrator takes the write lock (`BEGIN IMMEDIATE`), and better-sqlite3 waits
 * for a lock synchronously: a store opening a file that another connection of this process is writing
 * would block the event loop for up to busyTimeoutMs.
 */
export async function migrateToLatest(
  db: Kysely<BatchTables>,
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
    () => migrateWithKit(db, SQLITE_MIGRATION_PLAN),
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
