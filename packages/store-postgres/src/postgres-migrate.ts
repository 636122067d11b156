import { retryTransient } from '@batchgate/core/store'
import { Migrator, sql, type Kysely } from 'kysely'
import { isPostgresTransient } from './postgres-error-codes.js'
import type { PostgresSchema } from './postgres-schema.js'
import { postgresMigrations } from './migrations/index.js'

/** Kysely's bookkeeping table: one row per executed migration. */
const MIGRATION_TABLE = 'batchgate_migration'

/**
 * Brings the schema to the latest version. Safe when several instances start at once: the whole run —
 * creating the schema when missing, kysely's bookkeeping tables, the migrations — happens on one
 * connection holding the per-schema advisory lock (see postgres-dialect.ts). Kysely's own
 * `create table if not exists` of its bookkeeping is not safe to race in PostgreSQL (two sessions can
 * both find the table missing; one then fails on a catalog unique index), which is why the lock is
 * taken first here and not only by kysely around the migrations. Each migration runs in a transaction
 * (PostgreSQL's DDL is transactional): it happened entirely, and was recorded, or not at all. A lost
 * connection, a terminated backend or a deadlock is retried.
 *
 * A schema on which every migration of this release already ran is left alone, without the migrator
 * or its lock: a newer release may have run migrations this one does not know (during a rolling
 * upgrade), which kysely's migrator rejects as corrupted; newer releases only add to the schema, so it
 * is current. That is checked again once the lock is held, for the instance that waited for it.
 *
 * @example
 * ```ts
 * await migrateToLatest(db, { schema: 'public', retryForMs: 30_000, target: '127.0.0.1:5432/batchgate' })
 * ```
 */
export async function migrateToLatest(
  db: Kysely<PostgresSchema>,
  settings: { readonly schema: string; readonly retryForMs: number; readonly target: string },
): Promise<void> {
  const { schema } = settings
  await retryTransient(
    async () => {
      if (await isMigrated(db, schema)) return
      await db.connection().execute(async (connection) => {
        const adapter = connection.getExecutor().adapter
        const lock = { lockTable: MIGRATION_TABLE, lockRowId: 'lock', lockTableSchema: schema }
        await adapter.acquireMigrationLock(connection, lock)
        try {
          if (await isMigrated(connection, schema)) return
          await createSchemaIfMissing(connection, schema)
          await runMigrator(connection, schema)
        } finally {
          await adapter.releaseMigrationLock(connection, lock)
        }
      })
    },
    {
      isTransient: isPostgresTransient,
      retryForMs: settings.retryForMs,
      what: `migrate the PostgreSQL metastore at ${settings.target}`,
    },
  )
}

/** Whether every migration of this release is recorded as executed (plain reads, no lock). */
async function isMigrated(db: Kysely<PostgresSchema>, schema: string): Promise<boolean> {
  const table = await sql<{ found: number }>`
    select 1 as found from pg_catalog.pg_tables where schemaname = ${schema} and tablename = ${MIGRATION_TABLE}
  `.execute(db)
  if (table.rows.length === 0) return false
  const executed = await sql<{ name: string }>`select name from ${sql.id(schema, MIGRATION_TABLE)}`.execute(
    db,
  )
  const names = new Set(executed.rows.map((row) => row.name))
  const known = Object.keys(await postgresMigrations(schema).getMigrations())
  return known.every((name) => names.has(name))
}

/**
 * `create schema` only when it is missing: `create schema if not exists` needs the CREATE privilege on
 * the database even when the schema exists, which a least-privileged role given a schema lacks.
 */
async function createSchemaIfMissing(db: Kysely<PostgresSchema>, schema: string): Promise<void> {
  const found = await sql`select 1 from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
  if (found.rows.length === 0) await sql`create schema ${sql.id(schema)}`.execute(db)
}

async function runMigrator(db: Kysely<PostgresSchema>, schema: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: postgresMigrations(schema),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'batchgate_migration_lock',
    migrationTableSchema: schema,
  })
  const { error } = await migrator.migrateToLatest()
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('migration failed', { cause: error })
}
