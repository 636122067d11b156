import {
  StoreConnection,
  metastoreUnavailable,
  retryTransient,
  type BatchQuery,
  type BatchRecord,
  type ListedBatch,
  type BatchStateChange,
  type MetadataStore,
  type PurgeQuery,
} from '@batchgate/core/store'
import { batchFromRow, decodeBatchRow, batchToRow } from '@batchgate/sql-store'
import { Kysely } from 'kysely'
import { fromPostgresRow, toPostgresRow } from './postgres-batch-row.js'
import { PostgresBatchStatements } from './postgres-batch-statements.js'
import { deleteExpiredBatches, selectBatchPage } from './postgres-batch-queries.js'
import { checkColumnLimits } from './postgres-column-limits.js'
import { CheckedLockPostgresDialect } from './postgres-dialect.js'
import { isPostgresTransient } from './postgres-error-codes.js'
import { migrateToLatest } from './postgres-migrate.js'
import { createPostgresPool } from './postgres-pool.js'
import type { PostgresSchema } from './postgres-schema.js'
import type { ResolvedPostgresStoreOptions } from './postgres-store-options.js'
import { insertBatchRow, newWriteToken, updateBatchStateRow } from './postgres-writes.js'

/**
 * The metastore on a PostgreSQL database shared by many gateway instances, through kysely and a pg
 * pool of its own. Every statement runs on its own in autocommit, on whichever pooled connection is
 * free; the primary key on the batch id settles insert races between instances. Build it with
 * {@link postgresStore}.
 *
 * @example
 * ```ts
 * const store = postgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' })
 * await store.open()
 * ```
 */
export class PostgresMetadataStore implements MetadataStore {
  readonly #connection: StoreConnection<Kysely<PostgresSchema>>
  /** The submission path's prepared statements, on the same pool; set when the connection opens. */
  #statements: PostgresBatchStatements | undefined

  constructor(private readonly options: ResolvedPostgresStoreOptions) {
    this.#connection = new StoreConnection(
      'the PostgreSQL metastore',
      () => this.#openAndMigrate(),
      (db) => db.destroy(),
    )
  }

  /** Where this store works, as `host:port/database` (and the schema; never the password). */
  get target(): string {
    return this.options.description
  }

  async open(): Promise<void> {
    await this.#connection.get()
  }

  /**
   * Inserts the row in one autocommit statement. Retried after serialization failures, deadlocks,
   * terminated backends and lost connections; a retry that finds this call's own committed row
   * succeeds (see postgres-writes.ts).
   */
  async insertBatch(record: BatchRecord): Promise<void> {
    const row = batchToRow(record)
    checkColumnLimits(row)
    const db = await this.#connection.get()
    const inserted = toPostgresRow(row, { insert_token: newWriteToken(), state_token: null })
    await insertBatchRow(this.#openStatements(), db, inserted, this.#retrying)
  }

  /**
   * One autocommit statement (READ COMMITTED): it sees every row committed before it started, on any
   * connection — in particular the row whose insert made ours a duplicate, which PostgreSQL only
   * reports once that row is committed.
   */
  async getBatch(id: string): Promise<BatchRecord | undefined> {
    await this.#connection.get()
    const statements = this.#openStatements()
    const row = await this.#retrying('read a batch', () => statements.select(id))
    return row === undefined ? undefined : batchFromRow(fromPostgresRow(row))
  }

  async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const db = await this.#connection.get()
    return updateBatchStateRow(db, id, change, this.#retrying)
  }

  /** One autocommit `select`, like {@link getBatch}; see postgres-batch-queries.ts for the indexes. */
  async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    const db = await this.#connection.get()
    const rows = await this.#retrying('list batches', () => selectBatchPage(db, query))
    // A row it cannot decode is listed as unreadable in its place, for core to skip: never fail the page.
    return rows.map((row) => decodeBatchRow(fromPostgresRow(row)))
  }

  /**
   * One autocommit `DELETE` of a bounded sub-select, retried after transient failures. A retry after a
   * lost connection may follow a first attempt that did commit: it then deletes a second bounded batch
   * and reports only that one. Harmless for a purge, which only ever deletes expired rows and runs again.
   */
  async purgeBatches(query: PurgeQuery): Promise<number> {
    const db = await this.#connection.get()
    return this.#retrying('purge expired batches', () => deleteExpiredBatches(db, query))
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  async #openAndMigrate(): Promise<Kysely<PostgresSchema>> {
    const { schema } = this.options
    const pool = createPostgresPool(this.options)
    const root = new Kysely<PostgresSchema>({
      dialect: new CheckedLockPostgresDialect({ pool }, schema, this.options.migrationLockTimeoutMs),
    })
    try {
      await migrateToLatest(root, { schema, retryForMs: this.options.retryForMs, target: this.target })
      this.#statements = new PostgresBatchStatements(pool, schema)
      // Every query names the schema: a search_path set on the role or the server cannot redirect it.
      return root.withSchema(schema)
    } catch (error) {
      await root.destroy()
      throw metastoreUnavailable(`open the PostgreSQL metastore at ${this.target}`, error)
    }
  }

  /** The prepared statements of the open connection (call once `#connection.get()` has resolved). */
  #openStatements(): PostgresBatchStatements {
    if (this.#statements === undefined) throw new Error('the PostgreSQL metastore is not open')
    return this.#statements
  }

  /**
   * Retries transient failures for at most `retryForMs`; callers only pass operations that are safe
   * to repeat. Whatever still fails becomes `METASTORE_UNAVAILABLE`, except this library's own errors.
   */
  readonly #retrying = async <T>(what: string, operation: () => Promise<T>): Promise<T> => {
    try {
      return await retryTransient(operation, {
        isTransient: isPostgresTransient,
        retryForMs: this.options.retryForMs,
        what: `${what} at ${this.target}`,
      })
    } catch (error) {
      throw metastoreUnavailable(`${what} at ${this.target}`, error)
    }
  }
}
