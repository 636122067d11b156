import {
  DuplicateKeyError,
  metastoreUnavailable,
  noteTransientRetry,
  type BatchRecord,
} from '@batchgate/core/store'
import {
  BATCH_TABLE,
  SqlMetadataStore,
  batchFromRow,
  batchToRow,
  databaseNowMillis,
  databaseNowSql,
  type BatchRow,
  type BatchTables,
  type InsertedBatchRow,
  type SqlQueryDialect,
} from '@batchgate/sql-store'
import { Kysely } from 'kysely'
import { SqliteBatchStatements } from './sqlite-batch-statements.js'
import { retryWhileBusy } from './sqlite-busy-retry.js'
import { openSqliteDatabase } from './sqlite-database.js'
import { ImmediateTransactionSqliteDialect } from './sqlite-dialect.js'
import { sqliteEventLoopTurns } from './sqlite-event-loop-turns.js'
import { isSqliteBusy, isSqliteDuplicateKey } from './sqlite-error-codes.js'
import { migrateToLatest } from './sqlite-migrate.js'
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options.js'

/**
 * SQLite's form of the kit's queries: the kit's defaults (exact text comparison, the purge by
 * subselect, the clock from `julianday('now')`).
 */
const SQLITE_QUERIES: SqlQueryDialect = {}

/** A read that found nothing, told apart from one that could not run at once. */
const NO_ROW = Symbol('no row')

/**
 * The metastore on one SQLite file, through kysely and better-sqlite3. Each instance has its own
 * connection, so several stores (in one process or many) on one file behave like several gateway
 * instances on one database. Build it with {@link sqliteStore}.
 *
 * Built on the SQL store kit's {@link SqlMetadataStore}: state changes, listing and the purge are the
 * kit's queries (SQLite compares text exactly and has no `DELETE … LIMIT`, the kit's defaults); insert
 * and read by id run on prepared statements of the store's own connection. Leases, the launch queue,
 * claims and transfers (core's `CoordinatedMetadataStore`) are the kit's defaults, on SQLite's clock:
 * every process on the file reads one clock, so they agree on expiry whatever their own clocks say.
 *
 * Statements run synchronously and calls answer with resolved promises, so every call first checks
 * whether the current burst of calls has held the event loop past its budget, and if so lets it turn
 * (see sqlite-event-loop-turns.ts): a loop of awaited submits must not starve the host's timers.
 */
export class SqliteMetadataStore extends SqlMetadataStore {
  /** OpenTelemetry's `db.system.name`, for the `batchgate:metastore` channel. */
  readonly dbSystem = 'sqlite'

  /** The submission path's prepared statements, on the same connection; set once it is open. */
  #statements: SqliteBatchStatements | undefined

  constructor(private readonly options: ResolvedSqliteStoreOptions) {
    super('the SQLite metastore', SQLITE_QUERIES)
  }

  /** The database file this store works on. */
  get filename(): string {
    return this.options.filename
  }

  override async insertBatch(record: BatchRecord): Promise<void> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const row = batchToRow(record)
    if (this.#insertAtOnce(row, record.id)) return
    const db = await this.connection.get()
    try {
      await this.retry('insert a batch', async () => {
        if (this.#statements?.usable === true) this.#statements.insert(row)
        else
          await db
            .insertInto(BATCH_TABLE)
            .values({ ...row, queued_at: databaseNowMillis(SQLITE_QUERIES) })
            .execute()
      })
    } catch (error) {
      if (isSqliteDuplicateKey(error)) throw new DuplicateKeyError('batch', record.id, error)
      throw metastoreUnavailable('insert a batch', error)
    }
  }

  /**
   * The insert on the open connection's prepared statement, run at once: a new batch ends here without
   * the promises of opening and of the retry loop (its first attempt is this one). `false` when it
   * cannot run now (not open yet, inside kysely's transaction, or SQLite busy: nothing was written), for
   * the retrying path to wait and try again.
   */
  #insertAtOnce(row: InsertedBatchRow, id: string): boolean {
    if (this.connection.ready === undefined || this.#statements?.usable !== true) return false
    try {
      this.#statements.insert(row)
      return true
    } catch (error) {
      if (isSqliteBusy(error)) {
        // Tried once already: the retrying path's attempts come on top (batchgate:metastore's `attempts`).
        noteTransientRetry()
        return false
      }
      if (isSqliteDuplicateKey(error)) throw new DuplicateKeyError('batch', id, error)
      throw metastoreUnavailable('insert a batch', error)
    }
  }

  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const row = this.#selectAtOnce(id) ?? (await this.#selectWhenReady(id))
    return row === NO_ROW ? undefined : batchFromRow(row)
  }

  /**
   * The read on the open connection's prepared statement, run at once: most reads, and every duplicate
   * submission, end here without a promise in between. `undefined` when it cannot run now (not open
   * yet, inside kysely's transaction, or SQLite busy), for {@link #selectWhenReady} to wait and retry.
   */
  #selectAtOnce(id: string): BatchRow | typeof NO_ROW | undefined {
    if (this.connection.ready === undefined || this.#statements?.usable !== true) return undefined
    try {
      return this.#statements.select(id) ?? NO_ROW
    } catch (error) {
      if (isSqliteBusy(error)) {
        noteTransientRetry()
        return undefined
      }
      throw metastoreUnavailable('read a batch', error)
    }
  }

  async #selectWhenReady(id: string): Promise<BatchRow | typeof NO_ROW> {
    const db = await this.connection.get()
    const row = await this.run('read a batch', () =>
      this.#statements?.usable === true
        ? Promise.resolve(this.#statements.select(id))
        : db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst(),
    )
    return row ?? NO_ROW
  }

  /** Lets the event loop turn once a burst of synchronous calls has held it past its budget. */
  protected override beforeCall(): Promise<void> | undefined {
    return sqliteEventLoopTurns.due()
  }

  protected override retry<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryWhileBusy(operation, this.options.busyRetryMs, what)
  }

  protected override isDuplicateKey(error: unknown): boolean {
    return isSqliteDuplicateKey(error)
  }

  protected override async connect(): Promise<Kysely<BatchTables>> {
    let db: Kysely<BatchTables> | undefined
    try {
      const database = await this.retry('open the SQLite metastore', () =>
        Promise.resolve(openSqliteDatabase(this.options)),
      )
      db = new Kysely<BatchTables>({ dialect: new ImmediateTransactionSqliteDialect({ database }) })
      await migrateToLatest(db, this.options.filename, this.options.busyRetryMs)
      this.#statements = new SqliteBatchStatements(database, databaseNowSql(db, SQLITE_QUERIES))
      return db
    } catch (error) {
      await db?.destroy()
      throw metastoreUnavailable(`open the SQLite metastore ${this.options.filename}`, error)
    }
  }
}
