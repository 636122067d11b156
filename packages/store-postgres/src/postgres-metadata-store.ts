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
import { toPostgresRow } from './postgres-batch-row.js'
import { POSTGRES_QUERIES } from './postgres-batch-queries.js'
import { PostgresBatchStatements } from './postgres-batch-statements.js'
import { checkColumnLimits } from './postgres-column-limits.js'
import { CheckedLockPostgresDialect } from './postgres-dialect.js'
import { isPostgresDuplicateKey, isPostgresTransient } from './postgres-error-codes.js'
import { migrateToLatest } from './postgres-migrate.js'
import { createPostgresPool } from './postgres-pool.js'
import type { PostgresBatchRow } from './postgres-schema.js'
import type { ResolvedPostgresStoreOptions } from './postgres-store-options.js'

/**
 * The metastore on a PostgreSQL database shared by many gateway instances, through kysely and a pg
 * pool of its own. Every statement runs on its own in autocommit, on whichever pooled connection is
 * free; the primary key on the batch id settles insert races between instances. Build it with
 * {@link postgresStore}.
 *
 * Built on the SQL store kit's {@link SqlMetadataStore}: listing and the purge are the kit's queries in
 * PostgreSQL's form (postgres-batch-queries.ts); writes carry the kit's write tokens (token-writes.ts)
 * and the submission path runs on named prepared statements (postgres-batch-statements.ts). A purge
 * retried after a lost connection may follow a first attempt that did commit: it then deletes a second
 * bounded batch and reports only that one. Harmless for a purge, which only ever deletes expired rows.
 *
 * @example
 * ```ts
 * const store = postgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' })
 * await store.open()
 * ```
 */
export class PostgresMetadataStore extends SqlMetadataStore {
  /** The submission path's prepared statements, on the same pool; set when the connection opens. */
  #statements: PostgresBatchStatements | undefined
  /** How the kit's token writes insert, classify and retry here. */
  readonly #writer: TokenWriter<PostgresBatchRow> = {
    insert: (row) => this.#openStatements().insert(row),
    isDuplicateKey: isPostgresDuplicateKey,
    retrying: (what, operation) => this.run(what, operation),
    dialect: POSTGRES_QUERIES,
  }

  constructor(private readonly options: ResolvedPostgresStoreOptions) {
    super('the PostgreSQL metastore', POSTGRES_QUERIES)
  }

  /** Where this store works, as `host:port/database` (and the schema; never the password). */
  get target(): string {
    return this.options.description
  }

  /**
   * Inserts the row in one autocommit statement. Retried after serialization failures, deadlocks,
   * terminated backends and lost connections; a retry that finds this call's own committed row
   * succeeds (see the kit's `insertWithToken`).
   */
  override async insertBatch(record: BatchRecord): Promise<void> {
    const row = batchToRow(record)
    checkColumnLimits(row)
    const db = await this.connection.get()
    const inserted = toPostgresRow(row, { insert_token: newWriteToken(), state_token: null })
    await insertWithToken(db, inserted, this.#writer)
  }

  /**
   * One autocommit statement (READ COMMITTED): it sees every row committed before it started, on any
   * connection — in particular the row whose insert made ours a duplicate, which PostgreSQL only
   * reports once that row is committed.
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
      isTransient: isPostgresTransient,
      retryForMs: this.options.retryForMs,
      what,
    })
  }

  protected override isDuplicateKey(error: unknown): boolean {
    return isPostgresDuplicateKey(error)
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    const { schema } = this.options
    const pool = createPostgresPool(this.options)
    const root = new Kysely<BatchTables>({
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

  /** The prepared statements of the open connection (call once `connection.get()` has resolved). */
  #openStatements(): PostgresBatchStatements {
    if (this.#statements === undefined) throw new Error('the PostgreSQL metastore is not open')
    return this.#statements
  }
}
