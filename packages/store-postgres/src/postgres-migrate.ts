import { retryTransient } from '@batchgate/core/store'
import {
  MIGRATION_TABLE,
  isMigrated,
  migrateToLatest as migrateWithKit,
  type BatchTables,
  type SqlMigrationPlan,
} from '@batchgate/sql-store'
import { sql, type Kysely } from 'kysely'
import { isPostgresTransient, postgresSqlState } from './postgres-error-codes.js'
import { postgresMigrations } from './migrations/index.js'

/** PostgreSQL's migrations for the tables in `schema`, and its catalogue (`pg_tables`). */
function postgresMigrationPlan(schema: string): SqlMigrationPlan {
  return {
    migrations: postgresMigrations(schema),
    schema,
    async tableExists(db, table) {
      const found = await sql<{ found: number }>`
        select 1 as found from pg_catalog.pg_tables where schemaname = ${schema} and tablename = ${table}
      `.execute(db)
      return found.rows.length > 0
    },
  }
}

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
 * or its lock (the kit's `isMigrated`: a newer release may have migrated further during a rolling
 * upgrade). The kit's `migrateToLatest` checks that again once the lock is held, for the instance that
 * waited for it.
 *
 * @example
 * ```ts
 * await migrateToLatest(db, { schema: 'public', retryForMs: 30_000, target: '127.0.0.1:5432/batchgate' })
 * ```
 */
export async function migrateToLatest(
  db: Kysely<BatchTables>,
  settings: { readonly schema: string; readonly retryForMs: number; readonly target: string },
): Promise<void> {
  const { schema } = settings
  const plan = postgresMigrationPlan(schema)
  await retryTransient(
    async () => {
      if (await isMigrated(db, plan)) return
      await db.connection().execute(async (connection) => {
        const adapter = connection.getExecutor().adapter
        const lock = { lockTable: MIGRATION_TABLE, lockRowId: 'lock', lockTableSchema: schema }
        await adapter.acquireMigrationLock(connection, lock)
        try {
          await createSchemaIfMissing(connection, schema)
          await migrateWithKit(connection, plan)
        } finally {
          await adapter.releaseMigrationLock(connection, lock)
        }
      })
    },
    {
      isTransient: (error) => isPostgresTransient(error) || isSchemaDroppedMeanwhile(error),
      retryForMs: settings.retryForMs,
      what: `migrate the PostgreSQL metastore at ${settings.target}`,
    },
  )
}

/**
 * SQLSTATE 3F000 (invalid_schema_name) while migrating: kysely's migrator reads the tables of every
 * schema it can see, so another schema of the database dropped at that moment (another application's,
 * or another test's scratch schema) fails the read. This store's own schema was created under the lock
 * just before, so the next attempt goes through.
 */
function isSchemaDroppedMeanwhile(error: unknown): boolean {
  return postgresSqlState(error) === '3F000'
}

/**
 * `create schema` only when it is missing: `create schema if not exists` needs the CREATE privilege on
 * the database even when the schema exists, which a least-privileged role given a schema lacks.
 */
async function createSchemaIfMissing(db: Kysely<BatchTables>, schema: string): Promise<void> {
  const found = await sql`select 1 from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)
  if (found.rows.length === 0) await sql`create schema ${sql.id(schema)}`.execute(db)
}
