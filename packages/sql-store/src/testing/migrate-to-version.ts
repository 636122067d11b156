import { Migrator, type Kysely, type MigrationProvider } from 'kysely'
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../sql-migrations.js'

/**
 * Migrates a database up to the version `name` only, with the kit's bookkeeping tables, as an older
 * release of a store left it: the start of a test that a new migration runs in place (rows kept).
 *
 * @example
 * ```ts
 * await migrateToVersion(db, sqliteMigrations, '0002-add-lifecycle-indexes')
 * ```
 */
export async function migrateToVersion(
  db: Kysely<unknown>,
  migrations: MigrationProvider,
  name: string,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  })
  const { error } = await migrator.migrateTo(name)
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}

/** The columns migration 0003 of every SQL store added (the launcher's application). */
const APPLICATION_COLUMNS: ReadonlySet<string> = new Set([
  'app_id',
  'app_url',
  'app_state',
  'app_diagnostic',
  'app_start_time',
])

/**
 * A row as a store before the application columns wrote it: the row without them.
 *
 * @example
 * ```ts
 * await db.insertInto('batchgate_batch').values(rowBeforeApplicationColumns(batchToRow(record))).execute()
 * ```
 */
export function rowBeforeApplicationColumns(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !APPLICATION_COLUMNS.has(column)))
}

/** The columns migration 0004 of every SQL store added (ownership and the launch queue). */
const OWNERSHIP_COLUMNS: ReadonlySet<string> = new Set([
  'owner_instance',
  'owner_token',
  'priority',
  'queued_at',
])

/**
 * A row as a store before the ownership columns (migration 0004) wrote it: the row without them.
 *
 * @example
 * ```ts
 * await db.insertInto('batchgate_batch').values(rowBeforeOwnershipColumns(batchToRow(record))).execute()
 * ```
 */
export function rowBeforeOwnershipColumns(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !OWNERSHIP_COLUMNS.has(column)))
}
