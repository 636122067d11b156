import type { ServiceIdentifier } from 'inversify'
import type { BatchQuery, PurgeQuery } from './batch-query.js'
import type { ApplicationUpdate, BatchRecord, BatchStateChange } from './batch-record.js'
import type { ListedBatch } from './unreadable-batch.js'

/**
 * The metastore port: everything core needs from a database. Stores (`@batchgate/store-sqlite`,
 * `@batchgate/store-mysql`, or your own) implement it; core never imports a driver.
 *
 * Contract every implementation keeps (the testkit's conformance suite checks it):
 * - `insertBatch` commits the row before it resolves, and rejects with core's {@link DuplicateKeyError}
 *   (classified from the driver's error *code*, following `cause` chains) when the id exists. The
 *   database's unique key settles concurrent inserts of one id, across connections and processes.
 * - Reads see every row committed before they started (a read after a lost insert race sees the winner).
 * - Transient contention (busy/locked database, deadlock) is retried inside the store; a store that
 *   cannot reach its database rejects with a `BatchgateError` of code `METASTORE_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * class MyStore implements MetadataStore {
 *   async open() { await runMigrations() }
 *   async insertBatch(record) { try { await insert(record) } catch (e) { throw classify(e) } }
 *   // ...
 * }
 * ```
 */
export interface MetadataStore {
  /**
   * The database behind the store as OpenTelemetry's `db.system.name` says it (`sqlite`, `mysql`,
   * `mariadb`, `postgresql`), for the `batchgate:metastore` channel's messages; optional. Read at each
   * call, so a store may learn it when it connects (the MySQL store tells MariaDB apart then).
   */
  readonly dbSystem?: string | undefined
  /** Connects and brings the schema up to date (safe when several instances start at once). */
  open(): Promise<void>
  /** Inserts a new batch row; rejects with `DuplicateKeyError` when the id already exists. */
  insertBatch(record: BatchRecord): Promise<void>
  /** The stored row, or `undefined`; a row it cannot decode rejects with `METASTORE_UNAVAILABLE` naming it. */
  getBatch(id: string): Promise<BatchRecord | undefined>
  /**
   * Compare-and-set of the state: applies `change` only while the stored state is `change.from` (one
   * of them, for a list), atomically.
   * @returns whether the row was changed.
   */
  updateBatchState(id: string, change: BatchStateChange): Promise<boolean>
  /**
   * Compare-and-set of the application fields: writes the fields `update.info` gives (keeping the
   * others) only while the stored state is `update.from` (one of them, for a list), atomically; the
   * state itself is left as it is. An `info` with no field changes nothing and answers whether the
   * batch is in `from`. An empty `from` matches nothing.
   * @returns whether the row matched (and so was written).
   */
  updateApplication(id: string, update: ApplicationUpdate): Promise<boolean>
  /**
   * The batches matching the query, newest first, one page (see {@link BatchQuery}); served by indexes.
   * A row it cannot decode should be listed as an `UnreadableBatch` in its place (core skips and
   * reports it, and pages on past it) rather than fail the query; SQL stores get that from
   * `@batchgate/sql-store`'s `decodeBatchRow`. A store that only ever returns records (rejecting on
   * such a row) still conforms.
   */
  listBatches(query: BatchQuery): Promise<ListedBatch[]>
  /** Deletes at most `query.limit` terminal batches that ended before `query.endedBefore`; returns how many. */
  purgeBatches(query: PurgeQuery): Promise<number>
  /** Releases connections; idempotent. */
  close(): Promise<void>
}

/**
 * The DI token of the {@link MetadataStore}: a store package's module binds its store to it.
 *
 * @example
 * ```ts
 * container.bind(METADATA_STORE).toConstantValue(sqliteStore({ filename: 'batchgate.db' }))
 * ```
 */
export const METADATA_STORE: ServiceIdentifier<MetadataStore> = Symbol.for('@batchgate/core/MetadataStore')
