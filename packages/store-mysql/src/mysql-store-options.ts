/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: mysql2's declarations, used below, need Node's types and do not load them.)
import type { PoolOptions } from 'mysql2'

/**
 * Settings of the connection pool and of the store's retries, shared by both ways of naming the server.
 *
 * @example
 * ```ts
 * mysqlStore({ uri, connectionLimit: 20, retryForMs: 10_000 })
 * ```
 */
export interface MysqlPoolSettings {
  /** Most connections this store opens (default 10). Every store has its own pool. */
  readonly connectionLimit?: number | undefined
  /** Most idle connections kept open (default: `connectionLimit`). */
  readonly maxIdle?: number | undefined
  /** How long an idle connection above `maxIdle` is kept, in milliseconds (default 60 000). */
  readonly idleTimeoutMs?: number | undefined
  /** How long connecting (TCP and handshake) may take, in milliseconds (default 10 000). */
  readonly connectTimeoutMs?: number | undefined
  /**
   * How long, in all, an operation keeps retrying deadlocks, lock-wait timeouts, statements killed by
   * `KILL QUERY` and lost or refused connections before it fails with `METASTORE_UNAVAILABLE` (default 30 000 ms).
   */
  readonly retryForMs?: number | undefined
  /** The sessions' `innodb_lock_wait_timeout` in seconds (default: the server's, usually 50). */
  readonly lockWaitTimeoutSeconds?: number | undefined
  /** How long `open()` waits for another instance's schema migration, in seconds (default 60). */
  readonly migrationLockTimeoutSeconds?: number | undefined
}

/**
 * The server named by a URI.
 *
 * @example
 * ```ts
 * mysqlStore({ uri: 'mysql://gateway:secret@db.internal:3306/batchgate' })
 * ```
 */
export interface MysqlUriOptions extends MysqlPoolSettings {
  /** `mysql://user:password@host:port/database`; the database must exist. Query parameters go to mysql2. */
  readonly uri: string
}

/**
 * The server named field by field, as mysql2's pool options do.
 *
 * @example
 * ```ts
 * mysqlStore({ host: 'db.internal', user: 'gateway', password: secret, database: 'batchgate' })
 * ```
 */
export interface MysqlConnectionOptions extends MysqlPoolSettings {
  /** Default `localhost`. */
  readonly host?: string | undefined
  /** Default 3306. */
  readonly port?: number | undefined
  /** A unix socket instead of host and port. */
  readonly socketPath?: string | undefined
  readonly user?: string | undefined
  readonly password?: string | undefined
  /** The database (schema) the store creates its tables in; it must exist. */
  readonly database: string
  /** TLS settings, passed to mysql2 as they are. */
  readonly ssl?: NonNullable<PoolOptions['ssl']> | undefined
}

/**
 * Options of {@link mysqlStore}: a URI or connection fields, plus pool and retry settings.
 *
 * @example
 * ```ts
 * const options: MysqlStoreOptions = { uri: process.env.BATCHGATE_MYSQL_URI ?? 'mysql://root@127.0.0.1/test' }
 * ```
 */
export type MysqlStoreOptions = MysqlUriOptions | MysqlConnectionOptions

/** What mysql2 connects to: the URI, or the connection fields. */
export type MysqlTarget =
  { readonly uri: string } | WithoutUndefined<Omit<MysqlConnectionOptions, keyof MysqlPoolSettings>>

/** The fields as given, minus the `undefined`s a caller may pass (they are left out, as mysql2 expects). */
type WithoutUndefined<T> = { readonly [K in keyof T]: Exclude<T[K], undefined> }

/** The options with defaults applied. */
export interface ResolvedMysqlStoreOptions {
  readonly target: MysqlTarget
  /** `host:port/database`, for messages: never the password. */
  readonly description: string
  readonly connectionLimit: number
  readonly maxIdle: number
  readonly idleTimeoutMs: number
  readonly connectTimeoutMs: number
  readonly retryForMs: number
  readonly lockWaitTimeoutSeconds: number | undefined
  readonly migrationLockTimeoutSeconds: number
}

export const DEFAULT_CONNECTION_LIMIT = 10
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_RETRY_FOR_MS = 30_000
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_SECONDS = 60
