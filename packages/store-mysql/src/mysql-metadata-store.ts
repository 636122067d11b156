import {
  metastoreUnavailable,
  retryTransient,
  type BatchRecord,
  type BatchStateChange,
} from '@batchgate/core/store'
import {
  SqlMetadataStore,
  batchFromRow,
  batchToRow,
  insertWithToken,
  newWriteToken,
  updateStateWithToken,
  type BatchTables,
  type TokenWriter,
} from '@batchgate/sql-store'
import { Kysely } from 'kysely'
import { MysqlBatchStatements } from './mysql-batch-statements.js'
import { MYSQL_QUERIES } from './mysql-batch-queries.js'
import { checkColumnLimits } from './mysql-column-limits.js'
import { CheckedLockMysqlDialect } from './mysql-dialect.js'
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
 * Built on the SQL store kit's {@link SqlMetadataStore}: listing and the purge are the kit's queries in
 * MySQL's form (mysql-batch-queries.ts); writes carry the kit's write tokens (token-writes.ts) and the
 * submission path runs on server-side prepared statements (mysql-batch-statements.ts). A purge retried
 * after a lost connection may follow a first attempt that did commit: it then deletes a second bounded
 * batch and reports only that one. Harmless for a purge, which only ever deletes expired rows.
 *
 * @example
 * ```ts
 * const store = mysqlStore({ uri: 'mysql://root@127.0.0.1:3306/test' })
 * await store.open()
 * ```
 */
export class MysqlMetadataStore extends SqlMetadataStore {
  /** The submission path's prepared statements, on the same pool; set when the connection opens. */
  #statements: MysqlBatchStatements | undefined
  /** How the kit's token writes insert, classify and retry here. */
  readonly #writer: TokenWriter<MysqlBatchRow> = {
    insert: (row) => this.#openStatements().insert(row),
    isDuplicateKey: isMysqlDuplicateKey,
    retrying: (what, operation) => this.run(what, operation),
    dialect: MYSQL_QUERIES,
  }

  constructor(private readonly options: ResolvedMysqlStoreOptions) {
    super('the MySQL metastore', MYSQL_QUERIES)
  }

  /** Where this store works, as `host:port/database` (never the password). */
  get target(): string {
    return this.options.description
  }

  /**
   * Inserts the row in one autocommit statement. Retried after deadlocks, lock-wait timeouts, `KILL
   * QUERY` and lost connections; a retry that finds this call's own committed row succeeds (see the
   * kit's `insertWithToken`).
   */
  override async insertBatch(record: BatchRecord): Promise<void> {
    const row = batchToRow(record)
    checkColumnLimits(row)
    const db = await this.connection.get()
    await insertWithToken(db, { ...row, insert_token: newWriteToken(), state_token: null }, this.#writer)
  }

  /**
   * One autocommit statement, so it reads a snapshot taken when it starts: it sees every row committed
   * before, on any connection — in particular the row whose insert made ours a duplicate, which InnoDB
   * only reports once that row is committed.
   */
  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    await this.connection.get()
    const statements = this.#openStatements()
    const row = await this.run('read a batch', () => statements.select(id))
    return row === undefined ? undefined : batchFromRow(row)
  }

  /** The compare-and-set with a state token (see the kit's `updateStateWithToken`). */
  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const db = await this.connection.get()
    return updateStateWithToken(db, id, change, this.#writer)
  }

  /** Names the database an operation ran on, in retries' and failures' messages. */
  protected override describe(what: string): string {
    return `${what} at ${this.target}`
  }

  protected override retry<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryTransient(operation, {
      isTransient: isMysqlTransient,
      retryForMs: this.options.retryForMs,
      what,
    })
  }

  protected override isDuplicateKey(error: unknown): boolean {
    return isMysqlDuplicateKey(error)
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    const pool = createMysqlPool(this.options)
    const db = new Kysely<BatchTables>({
      dialect: new CheckedLockMysqlDialect({ pool }, this.options.migrationLockTimeoutSeconds),
    })
    try {
      await migrateToLatest(db, this.options.retryForMs, this.target)
      this.#statements = new MysqlBatchStatements(pool)
      return db
    } catch (error) {
      await db.destroy()
      throw metastoreUnavailable(`open the MySQL metastore at ${this.target}`, error)
    }
  }

  /** The prepared statements of the open connection (call once `connection.get()` has resolved). */
  #openStatements(): MysqlBatchStatements {
    if (this.#statements === undefined) throw new Error('the MySQL metastore is not open')
    return this.#statements
  }
}
