import { metastoreUnavailable, type BatchRecord } from '@batchgate/core/store'
import { WriteTokenSqlStore, batchToRow, type BatchTables } from '@batchgate/sql-store'
import { Kysely } from 'kysely'
import { MysqlBatchStatements } from './mysql-batch-statements.js'
import { MYSQL_QUERIES } from './mysql-batch-queries.js'
import { checkColumnLimits } from './mysql-column-limits.js'
import { CheckedLockMysqlDialect } from './mysql-dialect.js'
import { readDbSystem, type MysqlDbSystem } from './mysql-db-system.js'
import { isMysqlDuplicateKey, isMysqlTransient } from './mysql-error-codes.js'
import { migrateToLatest } from './mysql-migrate.js'
import { createMysqlPool } from './mysql-pool.js'
import type { MysqlBatchRow } from './mysql-schema.js'
import type { ResolvedMysqlStoreOptions } from './mysql-store-options.js'

/**
 * The metastore on a MySQL or MariaDB database shared by many gateway instances, through kysely and
 * a mysql2 pool of its own. Every statement runs on its own in autocommit, on whichever pooled
 * connection is free; the primary key on the batch id settles insert races between instances.
 * Build it with {@link mysqlStore}.
 *
 * Built on the SQL store kit's {@link WriteTokenSqlStore}: listing and the purge are the kit's queries
 * in MySQL's form (mysql-batch-queries.ts); writes carry the kit's write tokens, retried after
 * deadlocks, lock-wait timeouts, `KILL QUERY` and lost connections; the submission path runs on
 * server-side prepared statements (mysql-batch-statements.ts). A read by id is one autocommit
 * statement, a snapshot taken when it starts: it sees the row whose insert made ours a duplicate,
 * which InnoDB only reports once that row is committed. A purge retried after a lost connection may
 * follow a first attempt that did commit: it then deletes a second bounded batch and reports only that
 * one. Harmless for a purge, which only ever deletes expired rows.
 *
 * @example
 * ```ts
 * const store = mysqlStore({ uri: 'mysql://root@127.0.0.1:3306/test' })
 * await store.open()
 * ```
 */
export class MysqlMetadataStore extends WriteTokenSqlStore<MysqlBatchRow> {
  #dbSystem: MysqlDbSystem = 'mysql'

  constructor(private readonly options: ResolvedMysqlStoreOptions) {
    super('the MySQL metastore', MYSQL_QUERIES, {
      target: options.description,
      retryForMs: options.retryForMs,
      isTransient: isMysqlTransient,
      isDuplicateKey: isMysqlDuplicateKey,
    })
  }

  /**
   * `mariadb` once connected to a MariaDB server (its version says so), else `mysql` (also before
   * `open()`): OpenTelemetry's `db.system.name`, for the `batchgate:metastore` channel.
   */
  get dbSystem(): MysqlDbSystem {
    return this.#dbSystem
  }

  /** The kit's row and its tokens, checked against MySQL's column limits. */
  protected override insertedRow(record: BatchRecord, insertToken: string): MysqlBatchRow {
    const row = batchToRow(record)
    checkColumnLimits(row)
    return { ...row, insert_token: insertToken, state_token: null }
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    const pool = createMysqlPool(this.options)
    const db = new Kysely<BatchTables>({
      dialect: new CheckedLockMysqlDialect({ pool }, this.options.migrationLockTimeoutSeconds),
    })
    try {
      await migrateToLatest(db, this.options.retryForMs, this.target)
      this.#dbSystem = await this.run('read the server version', () => readDbSystem(db))
      this.useStatements(new MysqlBatchStatements(pool))
      return db
    } catch (error) {
      await db.destroy()
      throw metastoreUnavailable(`open the MySQL metastore at ${this.target}`, error)
    }
  }
}
