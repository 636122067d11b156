import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { BatchTables } from './batch-tables.js'

/** Kysely's bookkeeping table: one row per executed migration. */
export const MIGRATION_TABLE = 'batchgate_migration'
/** Kysely's lock table (its dialect adapter may lock otherwise, e.g. MySQL's `GET_LOCK`). */
export const MIGRATION_LOCK_TABLE = 'batchgate_migration_lock'

/**
 * A dialect's schema versions and how to look into its catalogue: what {@link migrateToLatest} needs.
 *
 * @example
 * ```ts
 * const plan: SqlMigrationPlan = {
 *   migrations: compiledMigrations({ '0001-create-batch-table': createBatchTable }),
 *   tableExists: async (db, table) =>
 *     (await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(db)).rows.length > 0,
 * }
 * ```
 */
export interface SqlMigrationPlan {
  readonly migrations: MigrationProvider
  /** Whether `table` exists where the store's connection puts its tables (a plain read, no lock). */
  tableExists(db: Kysely<BatchTables>, table: string): Promise<boolean>
  /**
   * The schema kysely's bookkeeping tables go in, for a database with schemas (PostgreSQL). Default:
   * where the connection puts unqualified tables.
   */
  readonly schema?: string | undefined
}

/**
 * Serves migrations compiled into the package (no files are read at run time). A released migration is
 * never edited: a change is a new entry, and names sort in the order they must run.
 *
 * @example
 * ```ts
 * export const sqliteMigrations = compiledMigrations({ '0001-create-batch-table': createBatchTable })
 * ```
 */
export function compiledMigrations(migrations: Readonly<Record<string, Migration>>): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations) }
}

/**
 * Brings the schema to the latest version with kysely's migrator (under its dialect adapter's
 * migration lock), in one attempt: the store wraps it in its own retry of transient failures.
 *
 * A database on which every migration of this release already ran is left alone, without the
 * migrator or its lock: a newer release may have run migrations this one does not know (during a
 * rolling upgrade), which kysely's migrator rejects as corrupted; newer releases only add to the
 * schema, so it is current. The check is plain reads, which also spares an opening store the lock.
 *
 * @example
 * ```ts
 * await retryTransient(() => migrateToLatest(db, plan), { isTransient, retryForMs, what: 'migrate' })
 * ```
 */
export async function migrateToLatest(db: Kysely<BatchTables>, plan: SqlMigrationPlan): Promise<void> {
  if (await isMigrated(db, plan)) return
  const migrator = new Migrator({
    db,
    provider: plan.migrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(plan.schema === undefined ? {} : { migrationTableSchema: plan.schema }),
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}

/**
 * Whether every migration of this release is recorded as executed (plain reads, no lock): what
 * {@link migrateToLatest} checks first, for a dialect that takes its lock before it migrates.
 *
 * @example
 * ```ts
 * if (!(await isMigrated(db, plan))) await withMigrationLock(db, () => migrateToLatest(db, plan))
 * ```
 */
export async function isMigrated(db: Kysely<BatchTables>, plan: SqlMigrationPlan): Promise<boolean> {
  if (!(await plan.tableExists(db, MIGRATION_TABLE))) return false
  const table = plan.schema === undefined ? sql.table(MIGRATION_TABLE) : sql.id(plan.schema, MIGRATION_TABLE)
  const executed = await sql<{ name: string }>`select name from ${table}`.execute(db)
  const names = new Set(executed.rows.map((row) => row.name))
  const known = Object.keys(await plan.migrations.getMigrations())
  return known.every((name) => names.has(name))
}
