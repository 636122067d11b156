import { setTimeout as sleep } from 'node:timers/promises'
import {
  PostgresAdapter,
  PostgresDialect,
  sql,
  type DialectAdapter,
  type Kysely,
  type PostgresDialectConfig,
} from 'kysely'

/**
 * The first key of the migration lock (`pg_try_advisory_lock(int4, int4)`): a constant of this
 * library's own, so that it never meets another application's single-key (bigint) advisory locks.
 */
export const MIGRATION_LOCK_CLASS = 1_650_942_318
/** How often a waiting instance asks for the lock again. */
const LOCK_POLL_MS = 100

/** The second key: a hash of the schema, so that schemas on one database do not wait for each other. */
export function migrationLockKey(schema: string) {
  return sql<number>`hashtext(${`batchgate_migration:${schema}`})`
}

/**
 * Kysely's PostgreSQL adapter takes a session advisory lock with `pg_advisory_lock` and a one-hour
 * `lock_timeout`, for every database and schema alike. This one takes a lock per schema with
 * `pg_try_advisory_lock` in a loop, and gives up with a clear error after the store's
 * `migrationLockTimeoutMs`. The lock belongs to the migrating connection's session: if that instance
 * dies, the server releases it. Session locks nest, so taking it again on the same connection (as
 * postgres-migrate.ts and kysely's Migrator both do) is granted at once.
 */
class CheckedLockPostgresAdapter extends PostgresAdapter {
  constructor(
    private readonly schema: string,
    private readonly lockTimeoutMs: number,
  ) {
    super()
  }

  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    const deadline = Date.now() + this.lockTimeoutMs
    for (;;) {
      const { rows } = await sql<{
        granted: boolean
      }>`select pg_try_advisory_lock(${MIGRATION_LOCK_CLASS}, ${migrationLockKey(this.schema)}) as granted`.execute(
        db,
      )
      if (rows[0]?.granted === true) return
      const left = deadline - Date.now()
      if (left <= 0) {
        throw new Error(
          `another instance held the schema migration lock (pg_advisory_lock) for more than ${this.lockTimeoutMs} ms`,
        )
      }
      await sleep(Math.min(LOCK_POLL_MS, left))
    }
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_CLASS}, ${migrationLockKey(this.schema)})`.execute(
      db,
    )
  }
}

/**
 * Kysely's {@link PostgresDialect} whose migrations hold a checked, per-schema advisory lock.
 *
 * @example
 * ```ts
 * new Kysely<BatchTables>({ dialect: new CheckedLockPostgresDialect({ pool }, 'public', 60_000) })
 * ```
 */
export class CheckedLockPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly schema: string,
    private readonly lockTimeoutMs: number,
  ) {
    super(config)
  }

  override createAdapter(): DialectAdapter {
    return new CheckedLockPostgresAdapter(this.schema, this.lockTimeoutMs)
  }
}
