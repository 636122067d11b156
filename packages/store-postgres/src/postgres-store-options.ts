/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: pg's declarations, used below, need Node's types.)
import type { ConnectionOptions } from 'node:tls'

/**
 * Settings of the connection pool and of the store's retries, shared by both ways of naming the server.
 *
 * @example
 * ```ts
 * postgresStore({ connectionString, max: 20, retryForMs: 10_000, schema: 'batchgate' })
 * ```
 */
export interface PostgresPoolSettings {
  /** Most connections this store opens (default 10). Every store has its own pool. */
  readonly max?: number | undefined
  /** How long an idle connection is kept open, in milliseconds (default 60 000). */
  readonly idleTimeoutMs?: number | undefined
  /** How long connecting (TCP, TLS and startup) may take, in milliseconds (default 10 000). */
  readonly connectTimeoutMs?: number | undefined
  /**
   * How long, in all, an operation keeps retrying serialization failures, deadlocks, terminated
   * backends, a server starting up or out of connections and lost or refused connections before it
   * fails with `METASTORE_UNAVAILABLE` (default 30 000 ms).
   */
  readonly retryForMs?: number | undefined
  /** The sessions' `statement_timeout` in milliseconds (default: the server's, usually none). */
  readonly statementTimeoutMs?: number | undefined
  /** How long `open()` waits for another instance's schema migration, in milliseconds (default 60 000). */
  readonly migrationLockTimeoutMs?: number | undefined
  /**
   * The schema the store's tables live in (default `public`). Created on `open()` when missing (which
   * needs the CREATE privilege on the database); used as it is when it exists.
   */
  readonly schema?: string | undefined
  /** The sessions' `application_name`, shown in `pg_stat_activity` (default `batchgate`). */
  readonly applicationName?: string | undefined
}

/**
 * The server named by a connection string.
 *
 * @example
 * ```ts
 * postgresStore({ connectionString: 'postgres://gateway:secret@db.internal:5432/batchgate' })
 * ```
 */
export interface PostgresUriOptions extends PostgresPoolSettings {
  /**
   * `postgres://user:password@host:port/database` (or `postgresql://`); the database must exist.
   * Query parameters (`sslmode`, `host` for a unix socket, …) go to pg.
   */
  readonly connectionString: string
}

/**
 * The server named field by field, as pg's pool options do.
 *
 * @example
 * ```ts
 * postgresStore({ host: 'db.internal', user: 'gateway', password: secret, database: 'batchgate' })
 * ```
 */
export interface PostgresConnectionOptions extends PostgresPoolSettings {
  /** Default `localhost`; a path is a unix socket directory. */
  readonly host?: string | undefined
  /** Default 5432. */
  readonly port?: number | undefined
  readonly user?: string | undefined
  readonly password?: string | undefined
  /** The database the store creates its tables in; it must exist. */
  readonly database: string
  /** TLS: `true`, or Node's TLS options, passed to pg as they are. */
  readonly ssl?: boolean | ConnectionOptions | undefined
}

/**
 * Options of {@link postgresStore}: a connection string or connection fields, plus pool and retry settings.
 *
 * @example
 * ```ts
 * const options: PostgresStoreOptions = { connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1/test' }
 * ```
 */
export type PostgresStoreOptions = PostgresUriOptions | PostgresConnectionOptions

/** What pg connects to: the connection string, or the connection fields. */
export type PostgresTarget =
  | { readonly connectionString: string }
  | WithoutUndefined<Omit<PostgresConnectionOptions, keyof PostgresPoolSettings>>

/** The fields as given, minus the `undefined`s a caller may pass (they are left out, as pg expects). */
type WithoutUndefined<T> = { readonly [K in keyof T]: Exclude<T[K], undefined> }

/** The options with defaults applied. */
export interface ResolvedPostgresStoreOptions {
  readonly target: PostgresTarget
  /** `host:port/database` (and the schema when not `public`), for messages: never the password. */
  readonly description: string
  readonly max: number
  readonly idleTimeoutMs: number
  readonly connectTimeoutMs: number
  readonly retryForMs: number
  readonly statementTimeoutMs: number | undefined
  readonly migrationLockTimeoutMs: number
  readonly schema: string
  readonly applicationName: string
}

export const DEFAULT_MAX_CONNECTIONS = 10
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_RETRY_FOR_MS = 30_000
export const DEFAULT_MIGRATION_LOCK_TIMEOUT_MS = 60_000
export const DEFAULT_SCHEMA = 'public'
export const DEFAULT_APPLICATION_NAME = 'batchgate'
