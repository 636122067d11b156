import {
  StoreConnection,
  batchFromRow,
  decodeBatchRow,
  metastoreUnavailable,
  batchToRow,
  retryTransient,
  type BatchQuery,
  type BatchRecord,
  type ListedBatch,
  type BatchStateChange,
  type MetadataStore,
  type PurgeQuery,
} from '@batchgate/core/store'
import { Kysely } from 'kysely'
import { MysqlBatchStatements } from './mysql-batch-statements.js'
import { deleteExpiredBatches, selectBatchPage } from './mysql-batch-queries.js'
import { checkColumnLimits } from './mysql-column-limits.js'
import { CheckedLockMysqlDialect } from './mysql-dialect.js'
import { isMysqlTransient } from './mysql-error-codes.js'
import { migrateToLatest } from './mysql-migrate.js'
import { createMysqlPool } from './mysql-pool.js'
import type { MysqlSchema } from './mysql-schema.js'
import type { ResolvedMysqlStoreOptions } from './mysql-store-options.js'
import { insertBatchRow, newWriteToken, updateBatchStateRow } from './mysql-writes.js'

/**
 * The metastore on a MySQL or MariaDB database shared by many gateway instances, through kysely and
 * a mysql2 pool of its own. Every statement runs on its own in autocommit, on whichever pooled
 * connection is free; the primary key on the batch id settles insert races between instances.
 * Build it with {@link mysqlStore}.
 *
 * @example
 * ```ts
 * const store = mysqlStore({ uri: 'mysql://root@127.0.0.1:3306/test' })
 * await store.open()
 * ```
 */
export class MysqlMetadataStore implements MetadataStore {
  readonly #connection: StoreConnection<Kysely<MysqlSchema>>
  /** The submission path's prepared statements, on the same pool; set when the connection opens. */
  #statements: MysqlBatchStatements | undefined

  constructor(private readonly options: ResolvedMysqlStoreOptions) {
    this.#connection = new StoreConnection(
      'the MySQL metastore',
      () => this.#openAndMigrate(),
      (db) => db.destroy(),
    )
  }

  /** Where this store works, as `host:port/database` (never the password). */
  get target(): string {
    return this.options.description
  }

  async open(): Promise<void> {
    await this.#connection.get()
  }

  /**
   * Inserts the row in one autocommit statement. Retried after deadlocks, lock-wait timeouts, `KILL
   * QUERY` and lost connections; a retry that finds this call's own committed row succeeds (see
   * mysql-writes.ts).
   */
  async insertBatch(record: BatchRecord): Promise<void> {
    const row = batchToRow(record)
    checkColumnLimits(row)
    const db = await this.#connection.get()
    const inserted = { ...row, insert_token: newWriteToken(), state_token: null }
    await insertBatchRow(this.#openStatements(), db, inserted, this.#retrying)
  }

  /**
   * One autocommit statement, so it reads a snapshot taken when it starts: it sees every row committed
   * before, on any connection — in particular the row whose insert made ours a duplicate, which InnoDB
   * only reports once that row is committed.
   */
  async getBatch(id: string): Promise<BatchRecord | undefined> {
    await this.#connection.get()
    const statements = this.#openStatements()
    const row = await this.#retrying('read a batch', () => statements.select(id))
    return row === undefined ? undefined : batchFromRow(row)
  }

  async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const db = await this.#connection.get()
    return updateBatchStateRow(db, id, change, this.#retrying)
  }

  /** One autocommit `select`, like {@link getBatch}; see mysql-batch-queries.ts for the indexes. */
  async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    const db = await this.#connection.get()
    const rows = await this.#retrying('list batches', () => selectBatchPage(db, query))
    // A row it cannot decode is listed as unreadable in its place, for core to skip: never fail the page.
    return rows.map(decodeBatchRow)
  }

  /**
   * One autocommit `DELETE … ORDER BY end_time LIMIT n`, retried after transient failures. A retry after
   * a lost connection may follow a first attempt that did commit: it then deletes a second bounded batch
   * and reports only that one. Harmless for a purge, which only ever deletes expired rows and runs again.
   */
  async purgeBatches(query: PurgeQuery): Promise<number> {
    const db = await this.#connection.get()
    return this.#retrying('purge expired batches', () => deleteExpiredBatches(db, query))
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  async #openAndMigrate(): Promise<Kysely<MysqlSchema>> {
    const pool = createMysqlPool(this.options)
    const db = new Kysely<MysqlSchema>({
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

  /** The prepared statements of the open connection (call once `#connection.get()` has resolved). */
  #openStatements(): MysqlBatchStatements {
    if (this.#statements === undefined) throw new Error('the MySQL metastore is not open')
    return this.#statements
  }

  /**
   * Retries transient failures for at most `retryForMs`; callers only pass operations that are safe
   * to repeat. Whatever still fails becomes `METASTORE_UNAVAILABLE`, except this library's own errors.
   */
  readonly #retrying = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    try {
      return await retryTransient(operation, {
        isTransient: isMysqlTransient,
        retryForMs: this.options.retryForMs,
        what: `${what} at ${this.target}`,
      })
    } catch (error) {
      throw metastoreUnavailable(`${what} at ${this.target}`, error)
    }
  }
}
