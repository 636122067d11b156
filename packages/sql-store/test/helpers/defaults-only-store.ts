import { findInCauseChain, retryTransient } from '@batchgate/core/store'
import {
  SqlMetadataStore,
  compiledMigrations,
  migrateToLatest,
  type BatchTables,
  type SqlMigrationPlan,
  type SqlQueryDialect,
} from '@batchgate/sql-store'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'

/** The kit's batch columns and the key, as SQLite DDL (a table with write tokens adds its two). */
export const KIT_BATCH_COLUMNS = sql.raw(`
  id text primary key not null, owner text not null, batch_type text not null,
  resource text not null, class_name text, name text, conf text not null, args text not null,
  fingerprint text not null, state text not null, create_time integer not null,
  start_time integer, end_time integer, diagnostic text, created_by text not null,
  app_id text, app_url text, app_state text, app_diagnostic text, app_start_time integer,
  owner_instance text, owner_token text, priority integer not null, queued_at integer not null`)

/**
 * The batch table as a minimal third dialect would create it: just the kit's columns and the key (no
 * index), and the lease table.
 */
const plan: SqlMigrationPlan = {
  migrations: compiledMigrations({
    '0001-create-batch-table': {
      async up(db) {
        await sql`create table batchgate_batch (${KIT_BATCH_COLUMNS})`.execute(db)
        await sql`
          create table batchgate_instance_lease (
            token text primary key not null, instance_id text not null,
            acquired_at integer not null, expires_at integer not null
          )`.execute(db)
      },
    },
  }),
  async tableExists(db, table) {
    const found = await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(db)
    return found.rows.length > 0
  },
}

/** better-sqlite3's code, by code (never by message), anywhere in the cause chain. */
function hasCode(error: unknown, test: (code: string) => boolean): boolean {
  return (
    findInCauseChain(error, (candidate) => {
      const code =
        typeof candidate === 'object' && candidate !== null ? Reflect.get(candidate, 'code') : undefined
      return typeof code === 'string' && test(code)
    }) !== undefined
  )
}

/**
 * A store that is nothing but the kit's defaults: it says how to connect, what is transient and what
 * is a duplicate key, and overrides no port method. What the suites prove of it, they prove of the
 * base class.
 *
 * @example
 * ```ts
 * const store = new DefaultsOnlyStore('/tmp/a.db')
 * ```
 */
export class DefaultsOnlyStore extends SqlMetadataStore {
  /** @param queries - the kit's query forms to use (default: the standard ones) */
  constructor(
    private readonly filename: string,
    queries: SqlQueryDialect = {},
  ) {
    super('the defaults-only metastore', queries)
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    const database = new Database(this.filename, { timeout: 5000 })
    database.pragma('journal_mode = WAL')
    const db = new Kysely<BatchTables>({ dialect: new SqliteDialect({ database }) })
    try {
      await migrateToLatest(db, plan)
      return db
    } catch (error) {
      await db.destroy()
      throw error
    }
  }

  protected override retry<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryTransient(operation, {
      isTransient: (error) => hasCode(error, (code) => code.startsWith('SQLITE_BUSY')),
      retryForMs: 10_000,
      what,
    })
  }

  protected override isDuplicateKey(error: unknown): boolean {
    return hasCode(error, (code) => code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  }
}
