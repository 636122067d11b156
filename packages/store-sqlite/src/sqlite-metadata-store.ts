import {
  BATCH_TABLE,
  DuplicateKeyError,
  StoreConnection,
  batchFromRow,
  decodeBatchRow,
  batchToRow,
  expectedStates,
  metastoreUnavailable,
  type BatchQuery,
  type BatchRow,
  type PurgeQuery,
  type BatchRecord,
  type ListedBatch,
  type BatchStateChange,
  type MetadataStore,
} from '@batchgate/core/store'
import { Kysely } from 'kysely'
import { SqliteBatchStatements } from './sqlite-batch-statements.js'
import { deleteExpiredBatches, selectBatchPage } from './sqlite-batch-queries.js'
import { retryWhileBusy } from './sqlite-busy-retry.js'
import { openSqliteDatabase } from './sqlite-database.js'
import { ImmediateTransactionSqliteDialect } from './sqlite-dialect.js'
import { sqliteEventLoopTurns } from './sqlite-event-loop-turns.js'
import { isSqliteBusy, isSqliteDuplicateKey } from './sqlite-error-codes.js'
import { migrateToLatest } from './sqlite-migrate.js'
import type { SqliteSchema } from './sqlite-schema.js'
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options.js'

/** A read that found nothing, told apart from one that could not run at once. */
const NO_ROW = Symbol('no row')

/**
 * The metastore on one SQLite file, through kysely and better-sqlite3. Each instance has its own
 * connection, so several stores (in one process or many) on one file behave like several gateway
 * instances on one database. Build it with {@link sqliteStore}.
 *
 * Statements run synchronously and calls answer with resolved promises, so every call first checks
 * whether the current burst of calls has held the event loop past its budget, and if so lets it turn
 * (see sqlite-event-loop-turns.ts): a loop of awaited submits must not starve the host's timers.
 */
export class SqliteMetadataStore implements MetadataStore {
  readonly #connection: StoreConnection<Kysely<SqliteSchema>>
  /** The submission path's prepared statements, on the same connection; set once it is open. */
  #statements: SqliteBatchStatements | undefined

  constructor(private readonly options: ResolvedSqliteStoreOptions) {
    this.#connection = new StoreConnection(
      'the SQLite metastore',
      () => this.#openAndMigrate(),
      (db) => db.destroy(),
    )
  }

  /** The database file this store works on. */
  get filename(): string {
    return this.options.filename
  }

  async open(): Promise<void> {
    await this.#connection.get()
  }

  async insertBatch(record: BatchRecord): Promise<void> {
    const turn = sqliteEventLoopTurns.due()
    if (turn !== undefined) await turn
    const db = await this.#connection.get()
    const row = batchToRow(record)
    try {
      await this.#whileBusy('insert a batch', async () => {
        if (this.#statements?.usable === true) this.#statements.insert(row)
        else await db.insertInto(BATCH_TABLE).values(row).execute()
      })
    } catch (error) {
      if (isSqliteDuplicateKey(error)) throw new DuplicateKeyError('batch', record.id, error)
      throw metastoreUnavailable('insert a batch', error)
    }
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const turn = sqliteEventLoopTurns.due()
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
    if (this.#connection.ready === undefined || this.#statements?.usable !== true) return undefined
    try {
      return this.#statements.select(id) ?? NO_ROW
    } catch (error) {
      if (isSqliteBusy(error)) return undefined
      throw metastoreUnavailable('read a batch', error)
    }
  }

  async #selectWhenReady(id: string): Promise<BatchRow | typeof NO_ROW> {
    const db = await this.#connection.get()
    const row = await this.#run('read a batch', () =>
      this.#statements?.usable === true
        ? Promise.resolve(this.#statements.select(id))
        : db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst(),
    )
    return row ?? NO_ROW
  }

  async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const turn = sqliteEventLoopTurns.due()
    if (turn !== undefined) await turn
    const db = await this.#connection.get()
    const result = await this.#run('update a batch state', () =>
      db
        .updateTable(BATCH_TABLE)
        .set({
          state: change.to,
          ...(change.startTime === undefined ? {} : { start_time: change.startTime }),
          ...(change.endTime === undefined ? {} : { end_time: change.endTime }),
          ...(change.diagnostic === undefined ? {} : { diagnostic: change.diagnostic }),
        })
        .where('id', '=', id)
        .where('state', 'in', [...expectedStates(change)])
        .executeTakeFirst(),
    )
    return result.numUpdatedRows > 0n
  }

  async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    const turn = sqliteEventLoopTurns.due()
    if (turn !== undefined) await turn
    const db = await this.#connection.get()
    const rows = await this.#run('list batches', () => selectBatchPage(db, query))
    // A row it cannot decode is listed as unreadable in its place, for core to skip: never fail the page.
    return rows.map(decodeBatchRow)
  }

  async purgeBatches(query: PurgeQuery): Promise<number> {
    const turn = sqliteEventLoopTurns.due()
    if (turn !== undefined) await turn
    const db = await this.#connection.get()
    return this.#run('purge expired batches', () => deleteExpiredBatches(db, query))
  }

  close(): Promise<void> {
    return this.#connection.close()
  }

  async #openAndMigrate(): Promise<Kysely<SqliteSchema>> {
    let db: Kysely<SqliteSchema> | undefined
    try {
      const database = await this.#whileBusy('open the SQLite metastore', () =>
        Promise.resolve(openSqliteDatabase(this.options)),
      )
      db = new Kysely<SqliteSchema>({ dialect: new ImmediateTransactionSqliteDialect({ database }) })
      await migrateToLatest(db, this.options.filename, this.options.busyRetryMs)
      this.#statements = new SqliteBatchStatements(database)
      return db
    } catch (error) {
      await db?.destroy()
      throw metastoreUnavailable(`open the SQLite metastore ${this.options.filename}`, error)
    }
  }

  async #run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await this.#whileBusy(what, operation)
    } catch (error) {
      throw metastoreUnavailable(what, error)
    }
  }

  #whileBusy<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryWhileBusy(operation, this.options.busyRetryMs, what)
  }
}
