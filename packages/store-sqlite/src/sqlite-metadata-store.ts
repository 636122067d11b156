import {
  BATCH_TABLE,
  BatchgateError,
  DuplicateKeyError,
  ErrorCode,
  batchFromRow,
  batchToRow,
  type BatchRecord,
  type BatchStateChange,
  type MetadataStore,
} from '@batchgate/core'
import { Kysely } from 'kysely'
import { retryWhileBusy } from './sqlite-busy-retry.js'
import { openSqliteDatabase } from './sqlite-database.js'
import { ImmediateTransactionSqliteDialect } from './sqlite-dialect.js'
import { isSqliteDuplicateKey } from './sqlite-error-codes.js'
import { migrateToLatest } from './sqlite-migrate.js'
import type { SqliteSchema } from './sqlite-schema.js'
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options.js'

/**
 * The metastore on one SQLite file, through kysely and better-sqlite3. Each instance has its own
 * connection, so several stores (in one process or many) on one file behave like several gateway
 * instances on one database. Build it with {@link sqliteStore}.
 */
export class SqliteMetadataStore implements MetadataStore {
  #db: Kysely<SqliteSchema> | undefined
  #opening: Promise<Kysely<SqliteSchema>> | undefined
  #closed = false

  constructor(private readonly options: ResolvedSqliteStoreOptions) {}

  /** The database file this store works on. */
  get filename(): string {
    return this.options.filename
  }

  async open(): Promise<void> {
    await this.#connection()
  }

  async insertBatch(record: BatchRecord): Promise<void> {
    const db = await this.#connection()
    try {
      await this.#whileBusy('insert a batch', () =>
        db.insertInto(BATCH_TABLE).values(batchToRow(record)).execute(),
      )
    } catch (error) {
      if (isSqliteDuplicateKey(error)) throw new DuplicateKeyError('batch', record.id, error)
      throw unavailable('insert a batch', error)
    }
  }

  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const db = await this.#connection()
    const row = await this.#run('read a batch', () =>
      db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst(),
    )
    return row === undefined ? undefined : batchFromRow(row)
  }

  async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const db = await this.#connection()
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
        .where('state', '=', change.from)
        .executeTakeFirst(),
    )
    return result.numUpdatedRows > 0n
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const opening = this.#opening
    if (opening === undefined) return
    const db = await opening.catch(() => undefined)
    await db?.destroy()
  }

  /** Opens the file and migrates once; later calls share the result. */
  #connection(): Promise<Kysely<SqliteSchema>> {
    if (this.#closed)
      return Promise.reject(new BatchgateError(ErrorCode.CLOSED, 'the SQLite metastore is closed'))
    if (this.#db !== undefined) return Promise.resolve(this.#db)
    this.#opening ??= this.#openAndMigrate().then((db) => (this.#db = db))
    return this.#opening
  }

  async #openAndMigrate(): Promise<Kysely<SqliteSchema>> {
    let db: Kysely<SqliteSchema> | undefined
    try {
      const database = await this.#whileBusy('open the SQLite metastore', () =>
        Promise.resolve(openSqliteDatabase(this.options)),
      )
      db = new Kysely<SqliteSchema>({ dialect: new ImmediateTransactionSqliteDialect({ database }) })
      await migrateToLatest(db, this.options.filename, this.options.busyRetryMs)
      return db
    } catch (error) {
      this.#opening = undefined
      await db?.destroy()
      throw unavailable(`open the SQLite metastore ${this.options.filename}`, error)
    }
  }

  async #run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await this.#whileBusy(what, operation)
    } catch (error) {
      throw unavailable(what, error)
    }
  }

  #whileBusy<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return retryWhileBusy(operation, this.options.busyRetryMs, what)
  }
}

function unavailable(what: string, error: unknown): BatchgateError {
  if (BatchgateError.is(error)) return error
  const detail = error instanceof Error ? `: ${error.message}` : ''
  return new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, `could not ${what}${detail}`, { cause: error })
}
