import {
  DuplicateKeyError,
  StoreConnection,
  expectedStates,
  metastoreUnavailable,
  type ApplicationUpdate,
  type BatchClaim,
  type BatchOwner,
  type BatchQuery,
  type BatchRecord,
  type BatchStateChange,
  type BatchTransfer,
  type CoordinatedMetadataStore,
  type LeaseGrant,
  type LeaseListing,
  type ListedBatch,
  type PurgeQuery,
  type QueueQuery,
} from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import { selectBatchPage } from './batch-page-query.js'
import { batchFromRow, batchToRow, decodeBatchRow } from './batch-row.js'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import { databaseNowMillis } from './database-clock.js'
import { deleteExpiredBatches } from './expired-batches.js'
import { launchQueueQuery } from './launch-queue-query.js'
import { leaseQueries } from './lease-queries.js'
import { ownerTokenIs } from './owner-token-condition.js'
import { claimUpdate, transferUpdate } from './ownership-writes.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import { storedApplication, storedRow, storedStateChange } from './stored-values.js'

/**
 * A {@link CoordinatedMetadataStore} over kysely with a default for every port method, in the spirit of kysely's
 * `DialectAdapterBase`: a dialect store says how to connect (and migrate), how to retry its transient
 * failures and which driver errors are duplicate keys, and overrides only what it does its own way
 * (prepared statements, write tokens). A method added to the port later gets a default here, so no
 * store built on this class breaks.
 *
 * Every default runs on the open connection, each statement alone (autocommit), through
 * {@link run}: transient failures retried by {@link retry}, whatever still fails reported as
 * `METASTORE_UNAVAILABLE` with the driver's error as `cause`. The coordination methods (leases, the
 * launch queue, claims and transfers) judge every time by the database's clock, the dialect's
 * `databaseNowMillis`, inside their statements: the caller's clock is never read. Their retry
 * assumes a failed attempt wrote nothing (SQLite's busy file); a store whose connection can be lost
 * mid-write uses {@link WriteTokenSqlStore}, which recognises its own committed claims and transfers.
 *
 * @example
 * ```ts
 * class MyStore extends SqlMetadataStore {
 *   constructor(private readonly options: MyOptions) { super('my metastore', {}) }
 *   protected async connect() { const db = new Kysely<BatchTables>({ dialect }); await migrate(db); return db }
 *   protected retry<T>(what: string, operation: () => Promise<T>) { return retryTransient(operation, { isTransient, retryForMs: 30_000, what }) }
 *   protected isDuplicateKey(error: unknown) { return driverCodeOf(error) === '23505' }
 * }
 * ```
 */
export abstract class SqlMetadataStore implements CoordinatedMetadataStore {
  /** The kysely connection, opened (and migrated) once by {@link connect}, closed by `close()`. */
  protected readonly connection: StoreConnection<Kysely<BatchTables>>

  /**
   * @param description - what the store is called in errors, e.g. `the SQLite metastore`
   * @param queries - what the dialect changes in the shared list and purge queries
   */
  constructor(
    description: string,
    protected readonly queries: SqlQueryDialect,
  ) {
    this.connection = new StoreConnection(
      description,
      () => this.connect(),
      (db) => db.destroy(),
    )
  }

  /** Opens the database and brings its schema to the latest version; rejects when it cannot. */
  protected abstract connect(): Promise<Kysely<BatchTables>>

  /**
   * Runs `operation` again while it fails transiently (a deadlock, a busy file, a lost connection), for
   * the store's retry budget; rejects with the last error as it is. Only operations that are safe to
   * repeat are passed.
   */
  protected abstract retry<T>(what: string, operation: () => Promise<T>): Promise<T>

  /** Whether the driver's error (or one in its cause chain) is a violation of the batch's unique key. */
  protected abstract isDuplicateKey(error: unknown): boolean

  /**
   * Awaited before each default method's work, when defined. Default: nothing. (The SQLite store lets
   * the event loop turn here during long bursts of synchronous calls.)
   */
  protected beforeCall(): Promise<void> | undefined {
    return undefined
  }

  /** How an operation is named in errors. Default: as is; a store may add where it ran. */
  protected describe(what: string): string {
    return what
  }

  /**
   * {@link retry}, then whatever still fails as `METASTORE_UNAVAILABLE` (this library's own errors,
   * such as a `DuplicateKeyError`, pass through as they are).
   */
  protected async run<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await this.retry(this.describe(what), operation)
    } catch (error) {
      throw metastoreUnavailable(this.describe(what), error)
    }
  }

  async open(): Promise<void> {
    await this.connection.get()
  }

  close(): Promise<void> {
    return this.connection.close()
  }

  /**
   * Default: one kysely `insert`, `queued_at` the database's now; a duplicate key is core's
   * `DuplicateKeyError`.
   */
  async insertBatch(record: BatchRecord): Promise<void> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const row = { ...storedRow(batchToRow(record), this.queries), queued_at: databaseNowMillis(this.queries) }
    await this.run('insert a batch', async () => {
      try {
        await db.insertInto(BATCH_TABLE).values(row).execute()
      } catch (error) {
        if (this.isDuplicateKey(error)) throw new DuplicateKeyError('batch', record.id, error)
        throw error
      }
    })
  }

  /** Default: one kysely `select` by id; a row this code did not write is `METASTORE_UNAVAILABLE`. */
  async getBatch(id: string): Promise<BatchRecord | undefined> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const row = await this.run('read a batch', () =>
      db.selectFrom(BATCH_TABLE).selectAll().where('id', '=', id).executeTakeFirst(),
    )
    return row === undefined ? undefined : batchFromRow(row)
  }

  /**
   * Default: one `update … where id = ? and state in (…)`, the compare-and-set, with
   * `and owner_token = ?` when the change carries an `ownerToken` (fencing); an empty list of expected
   * states matches nothing.
   */
  async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const from = expectedStates(change)
    if (from.length === 0) return false
    const result = await this.run('update a batch state', () =>
      db
        .updateTable(BATCH_TABLE)
        .set(storedStateChange(change, this.queries))
        .where('id', '=', id)
        .where('state', 'in', [...from])
        .$if(change.ownerToken !== undefined, (update) =>
          update.where(ownerTokenIs(change.ownerToken ?? null)),
        )
        .executeTakeFirst(),
    )
    return result.numUpdatedRows > 0n
  }

  /**
   * Default: one `update … set <the given app columns> where id = ? and state in (…)`, the
   * compare-and-set (fenced by `and owner_token = ?` when the update carries an `ownerToken`); an info without fields sets `state = state`, so the answer still says whether the
   * batch is in `from`. Safe to retry after a lost connection (it writes the same values), except that
   * a retry after the batch ended answers false for a report the first attempt stored: a launcher told
   * false stops reporting, which is right for an ended batch.
   */
  async updateApplication(id: string, update: ApplicationUpdate): Promise<boolean> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const from = expectedStates(update)
    if (from.length === 0) return false
    const columns = storedApplication(update.info, this.queries)
    const result = await this.run('report a batch application', () =>
      db
        .updateTable(BATCH_TABLE)
        .set(Object.keys(columns).length > 0 ? columns : (eb) => ({ state: eb.ref('state') }))
        .where('id', '=', id)
        .where('state', 'in', [...from])
        .$if(update.ownerToken !== undefined, (query) => query.where(ownerTokenIs(update.ownerToken ?? null)))
        .executeTakeFirst(),
    )
    return result.numUpdatedRows > 0n
  }

  /** Default: {@link selectBatchPage}; a row it cannot decode is listed as unreadable in its place. */
  async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const rows = await this.run('list batches', () => selectBatchPage(db, query, this.queries))
    // Never fail the page for one row: core skips the unreadable entry and pages on past it.
    return rows.map(decodeBatchRow)
  }

  /** Default: {@link deleteExpiredBatches} in the dialect's form. */
  async purgeBatches(query: PurgeQuery): Promise<number> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    return this.run('purge expired batches', () => deleteExpiredBatches(db, query, this.queries))
  }

  /**
   * Default: one `insert` of the lease row, both times from the database's clock, then a read of it by
   * its key. An insert that fails while a row holds this token found this call's own row (tokens are
   * random per engine start), written by an attempt whose answer was lost: the lease as stored is
   * answered.
   */
  async acquireLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const leases = leaseQueries(db, this.queries)
    const row = await this.run('acquire a lease', async () => {
      try {
        await leases.acquire(owner, durationMs).execute()
      } catch (error) {
        // A row under this call's token is its own (tokens are random per engine start), written by an
        // attempt whose answer was lost; found by its key rather than by classifying the driver's
        // error, since a store's duplicate-key check may only know the batch table's key.
        const own = await leases.read(owner.token).executeTakeFirst()
        if (own === undefined) throw error
        return own
      }
      return leases.read(owner.token).executeTakeFirst()
    })
    if (row?.instance_id !== owner.instanceId) {
      throw metastoreUnavailable(
        this.describe('acquire a lease'),
        new Error(`lease token ${owner.token} is held by another instance`),
      )
    }
    return { expiresAt: row.expires_at, databaseNow: row.acquired_at }
  }

  /**
   * Default: one `update … set expires_at = now + ? where token = ? and expires_at > now` (the
   * compare-and-set: an expired lease is never renewed), then a read of the new expiry, from which the
   * database's now at the renewal is `expires_at - durationMs`. Safe to retry: a second attempt extends
   * the lease it just extended.
   */
  async renewLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant | undefined> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const leases = leaseQueries(db, this.queries)
    const row = await this.run('renew a lease', async () => {
      const result = await leases.renew(owner, durationMs).executeTakeFirst()
      return result.numUpdatedRows > 0n ? leases.read(owner.token).executeTakeFirst() : undefined
    })
    if (row === undefined) return undefined
    return { expiresAt: row.expires_at, databaseNow: row.expires_at - durationMs }
  }

  /** Default: one `update … set expires_at = now where token = ? and expires_at > now`. */
  async releaseLease(owner: BatchOwner): Promise<void> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    await this.run('release a lease', () => leaseQueries(db, this.queries).release(owner.token).execute())
  }

  /**
   * Default: one `select` of every lease with the database's now and a correlated RUNNING count on the
   * (owner_token, state) index; a second, `select now`, only when there is no lease row at all.
   */
  async listLeases(): Promise<LeaseListing> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const leases = leaseQueries(db, this.queries)
    return this.run('list leases', async () => {
      const rows = await leases.list().execute()
      const first = rows[0] ?? (await leases.now().executeTakeFirstOrThrow())
      // Computed values (the clock, a count) may come back as strings or bigints, as the driver reads them.
      return {
        databaseNow: Number(first.database_now),
        leases: rows.map((row) => ({
          instanceId: row.instance_id,
          token: row.token,
          acquiredAt: row.acquired_at,
          expiresAt: row.expires_at,
          // Each row against the now its own statement step read.
          expired: row.expires_at <= Number(row.database_now),
          running: Number(row.running ?? 0),
        })),
      }
    })
  }

  /**
   * Default: one `delete … where token = ? and expires_at <= now and not exists (a PENDING or RUNNING
   * batch of that token)`. A retry after a lost connection whose first attempt committed answers false;
   * the caller's next sweep then finds no lease to drop.
   */
  async dropLease(token: string): Promise<boolean> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const result = await this.run('drop a lease', () =>
      leaseQueries(db, this.queries).drop(token).executeTakeFirst(),
    )
    return result.numDeletedRows > 0n
  }

  /** Default: {@link launchQueueQuery}; a row it cannot decode is listed as unreadable in its place. */
  async queuedBatches(query: QueueQuery): Promise<ListedBatch[]> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    if (query.limit <= 0) return []
    const db = await this.connection.get()
    const rows = await this.run('read the launch queue', () =>
      launchQueueQuery(db, query, this.queries).execute(),
    )
    return rows.map(decodeBatchRow)
  }

  /** Default: one `update` ({@link claimUpdate}), the compare-and-set. */
  async claimBatch(id: string, claim: BatchClaim): Promise<boolean> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    const db = await this.connection.get()
    const result = await this.run('claim a batch', () => claimUpdate(db, id, claim).executeTakeFirst())
    return result.numUpdatedRows > 0n
  }

  /**
   * Default: one `update` ({@link transferUpdate}), the compare-and-set; an empty `states`, or an
   * instance id the dialect's columns cannot hold, matches nothing without asking the database.
   */
  async transferBatch(id: string, transfer: BatchTransfer): Promise<boolean> {
    const turn = this.beforeCall()
    if (turn !== undefined) await turn
    if (!this.canTransfer(transfer)) return false
    const db = await this.connection.get()
    const result = await this.run('transfer a batch', () =>
      transferUpdate(db, id, transfer, this.queries).executeTakeFirst(),
    )
    return result.numUpdatedRows > 0n
  }

  /** Whether a transfer can match a row at all (see {@link transferBatch}). */
  protected canTransfer(transfer: BatchTransfer): boolean {
    if (transfer.states.length === 0) return false
    return this.queries.canHoldText?.(transfer.fromInstance) ?? true
  }
}
