import {
  MysqlAdapter,
  MysqlDialect,
  sql,
  type DialectAdapter,
  type Kysely,
  type MysqlDialectConfig,
} from 'kysely'

/**
 * The lock name, per database: a hash keeps it within GET_LOCK's 64 characters whatever the database
 * is called, and databases on one server do not wait for each other's migrations.
 */
const LOCK_NAME = sql<string>`concat('batchgate_migration:', sha1(database()))`

/**
 * Kysely's MySQL adapter takes the migration lock with `GET_LOCK` but ignores its answer, so a lock
 * that timed out (0) or failed (NULL) would let a second instance migrate at the same time. This one
 * takes a lock per database and fails unless the server granted it. The lock belongs to the migrating
 * connection's session: if that instance dies, the server releases it.
 */
class CheckedLockMysqlAdapter extends MysqlAdapter {
  constructor(private readonly lockTimeoutSeconds: number) {
    super()
  }

  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    const { rows } = await sql<{
      granted: number | null
    }>`select get_lock(${LOCK_NAME}, ${this.lockTimeoutSeconds}) as granted`.execute(db)
    if (rows[0]?.granted !== 1) {
      throw new Error(
        `another instance held the schema migration lock (GET_LOCK) for more than ${this.lockTimeoutSeconds} s`,
      )
    }
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`select release_lock(${LOCK_NAME})`.execute(db)
  }
}

/**
 * Kysely's {@link MysqlDialect} whose migrations hold a checked, per-database `GET_LOCK`.
 *
 * @example
 * ```ts
 * new Kysely<BatchTables>({ dialect: new CheckedLockMysqlDialect({ pool }, 60) })
 * ```
 */
export class CheckedLockMysqlDialect extends MysqlDialect {
  constructor(
    config: MysqlDialectConfig,
    private readonly lockTimeoutSeconds: number,
  ) {
    super(config)
  }

  override createAdapter(): DialectAdapter {
    return new CheckedLockMysqlAdapter(this.lockTimeoutSeconds)
  }
}
