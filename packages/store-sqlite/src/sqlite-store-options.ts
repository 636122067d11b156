/**
 * Options of {@link sqliteStore}.
 *
 * @example
 * ```ts
 * sqliteStore({ filename: '/var/lib/gateway/batchgate.db', busyTimeoutMs: 2000 })
 * ```
 */
export interface SqliteStoreOptions {
  /** The database file; created if missing. Several processes may share it (WAL mode). */
  readonly filename: string
  /**
   * How long one statement waits for another connection's lock before SQLite reports busy
   * (default 5000 ms). Note that better-sqlite3 waits synchronously.
   */
  readonly busyTimeoutMs?: number | undefined
  /**
   * How long, in all, an operation keeps retrying while the database stays busy before it fails with
   * `METASTORE_UNAVAILABLE` (default 30 000 ms).
   */
  readonly busyRetryMs?: number | undefined
  /**
   * SQLite's `synchronous` setting. `FULL` (the default) keeps a committed batch across a power loss,
   * which exactly-once submission relies on; `NORMAL` is faster and still safe across a process crash.
   */
  readonly synchronous?: 'FULL' | 'NORMAL' | undefined
}

/** The options with defaults applied. */
export type ResolvedSqliteStoreOptions = {
  readonly [K in keyof SqliteStoreOptions]-?: Exclude<SqliteStoreOptions[K], undefined>
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000
export const DEFAULT_BUSY_RETRY_MS = 30_000
