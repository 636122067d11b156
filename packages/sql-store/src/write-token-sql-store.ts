import {
  retryTransient,
  type BatchClaim,
  type BatchRecord,
  type BatchStateChange,
  type BatchTransfer,
} from '@batchgate/core/store'
import { batchFromRow, type BatchRow } from './batch-row.js'
import { SqlMetadataStore } from './sql-metadata-store.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import { claimWithToken, transferWithRecheck } from './token-ownership-writes.js'
import { insertWithToken, updateStateWithToken, newWriteToken, type TokenWriter } from './token-writes.js'

/**
 * The statements a submission runs, which a store prepares on its own connections (no SQL built per
 * call, as kysely does for each query): insert a batch, read one by id.
 */
export interface SubmissionStatements<Row> {
  /** Inserts the row once; rejects with the driver's error (a duplicate key among them). */
  insert(row: Row): Promise<void>
  /** The stored row, or `undefined`. */
  select(id: string): Promise<BatchRow | undefined>
}

/** What a {@link WriteTokenSqlStore} needs to know of its server and its driver. */
export interface WriteTokenStoreSettings {
  /** Where the store works, for messages: `host:port/database`, never the password. */
  readonly target: string
  /** How long, in all, an operation retries transient failures. */
  readonly retryForMs: number
  /** Whether the driver's error is transient: rolled back, or a lost or refused connection. */
  readonly isTransient: (error: unknown) => boolean
  /** Whether the driver's error is a violation of the batch's unique key. */
  readonly isDuplicateKey: (error: unknown) => boolean
}

/**
 * A {@link SqlMetadataStore} for a database server reached over the network, where a connection can be
 * lost mid-write: the insert, the compare-and-set and the claim carry the kit's write tokens
 * ({@link insertWithToken}, {@link updateStateWithToken}, {@link claimWithToken}), a transfer checks
 * what a retry finds ({@link transferWithRecheck}), the submission path runs on the store's own
 * prepared statements, and every operation names the server in its messages. A store says how to
 * connect (handing its statements to {@link useStatements}) and what row it inserts; listing, the
 * purge, the leases and the launch queue are the kit's defaults in the dialect's form. Its prepared
 * insert writes `queued_at` from the database's clock (`databaseNowSql`).
 *
 * @example
 * ```ts
 * class MyStore extends WriteTokenSqlStore<MyRow> {
 *   constructor(options: MyOptions) {
 *     super('my metastore', MY_QUERIES, { target: options.description, retryForMs: 30_000, isTransient, isDuplicateKey })
 *   }
 *   protected insertedRow(record: BatchRecord, insertToken: string): MyRow {
 *     return { ...batchToRow(record), insert_token: insertToken, state_token: null }
 *   }
 *   protected async connect() { const db = …; await migrate(db); this.useStatements(new MyStatements(pool)); return db }
 * }
 * ```
 */
export abstract class WriteTokenSqlStore<
  Row extends { readonly id: string; readonly insert_token: string },
> extends SqlMetadataStore {
  /** The submission path's statements; set by {@link useStatements} when the connection opens. */
  #statements: SubmissionStatements<Row> | undefined
  /** How the kit's token writes insert, classify and retry here. */
  readonly #writer: TokenWriter<Row>
  readonly #description: string

  constructor(
    description: string,
    queries: SqlQueryDialect,
    private readonly settings: WriteTokenStoreSettings,
  ) {
    super(description, queries)
    this.#description = description
    this.#writer = {
      insert: (row) => this.#openStatements().insert(row),
      isDuplicateKey: settings.isDuplicateKey,
      retrying: (what, operation) => this.run(what, operation),
      dialect: queries,
    }
  }

  /** Where this store works, as `host:port/database` (never the password). */
  get target(): string {
    return this.settings.target
  }

  /**
   * The row an insert writes for `record`, carrying this call's `insertToken` (and a null
   * `state_token`). Throws `INVALID_REQUEST` for a record the dialect's columns cannot hold, before
   * anything is sent.
   */
  protected abstract insertedRow(record: BatchRecord, insertToken: string): Row

  /** The statements of the connection being opened: call from {@link connect} once it is ready. */
  protected useStatements(statements: SubmissionStatements<Row>): void {
    this.#statements = statements
  }

  /**
   * One autocommit statement, retried after transient failures; a retry that finds this call's own
   * committed row succeeds (see {@link insertWithToken}).
   */
  override async insertBatch(record: BatchRecord): Promise<void> {
    const row = this.insertedRow(record, newWriteToken())
    const db = await this.connection.get()
    await insertWithToken(db, row, this.#writer)
  }

  /**
   * One autocommit statement: it sees every row committed before it started, on any connection — in
   * particular the row whose insert made ours a duplicate, which the server only reports once that row
   * is committed.
   */
  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    await this.connection.get()
    const statements = this.#openStatements()
    const row = await this.run('read a batch', () => statements.select(id))
    return row === undefined ? undefined : batchFromRow(row)
  }

  /** The compare-and-set with a state token (see {@link updateStateWithToken}). */
  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const db = await this.connection.get()
    return updateStateWithToken(db, id, change, this.#writer)
  }

  /** The claim with a state token: a retry recognises its own committed claim (see {@link claimWithToken}). */
  override async claimBatch(id: string, claim: BatchClaim): Promise<boolean> {
    const db = await this.connection.get()
    return claimWithToken(db, id, claim, this.#writer)
  }

  /** The transfer whose retry checks the owner it left (see {@link transferWithRecheck}). */
  override async transferBatch(id: string, transfer: BatchTransfer): Promise<boolean> {
    if (!this.canTransfer(transfer)) return false
    const db = await this.connection.get()
    return transferWithRecheck(db, id, transfer, this.#writer)
  }

  /** Names the database an operation ran on, in retries' and failures' messages. */
  protected override describe(what: string): string {
    return `${what} at ${this.target}`
  }

  protected override retry<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryTransient(operation, {
      isTransient: this.settings.isTransient,
      retryForMs: this.settings.retryForMs,
      what,
    })
  }

  protected override isDuplicateKey(error: unknown): boolean {
    return this.settings.isDuplicateKey(error)
  }

  /** The statements of the open connection (call once `connection.get()` has resolved). */
  #openStatements(): SubmissionStatements<Row> {
    if (this.#statements === undefined) throw new Error(`${this.#description} is not open`)
    return this.#statements
  }
}
