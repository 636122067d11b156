import type { MysqlPool } from 'kysely'
import { createPool, type PoolConnection } from 'mysql2'
import type { ResolvedMysqlStoreOptions } from './mysql-store-options.js'

/**
 * The pool as kysely's `MysqlDialect` takes it, typed with the mysql2 connections it hands out, so that
 * the store can also run its prepared statements on them (see mysql-batch-statements.ts).
 */
export interface StorePool extends MysqlPool {
  getConnection(callback: (error: Error | null, connection: PoolConnection) => void): void
}

/**
 * This store's mysql2 pool, as kysely's `MysqlDialect` takes it. Every new connection is set up before
 * its first use (see {@link sessionSettings}); a connection whose setup fails is destroyed and the
 * failure goes to the caller, so the pool never hands out a half-configured connection.
 *
 * @example
 * ```ts
 * const db = new Kysely<BatchTables>({ dialect: new MysqlDialect({ pool: createMysqlPool(options) }) })
 * ```
 */
export function createMysqlPool(options: ResolvedMysqlStoreOptions): StorePool {
  const pool = createPool({
    ...options.target,
    connectionLimit: options.connectionLimit,
    maxIdle: options.maxIdle,
    idleTimeout: options.idleTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
    waitForConnections: true,
    // A reset would drop the session settings below.
    resetOnRelease: false,
    enableKeepAlive: true,
    charset: 'UTF8MB4_UNICODE_CI',
    // Times are BIGINT epoch milliseconds, far below 2^53: plain numbers, as core expects.
    supportBigNumbers: false,
    bigNumberStrings: false,
    multipleStatements: false,
  })
  const settings = sessionSettings(options)
  const configured = new WeakSet<PoolConnection>()
  return {
    getConnection(callback) {
      pool.getConnection((error, connection) => {
        if (error !== null || configured.has(connection)) {
          callback(error, connection)
          return
        }
        connection.query(settings, (setupError) => {
          if (setupError !== null) {
            connection.destroy()
            callback(setupError, connection)
            return
          }
          configured.add(connection)
          callback(null, connection)
        })
      })
    },
    end(callback) {
      pool.end(callback)
    },
  }
}

/**
 * The session every connection gets:
 * - strict mode, so a value too long for its column is an error, never silently truncated;
 * - `NO_ENGINE_SUBSTITUTION`, so the tables are InnoDB (row locks, a crash-safe unique key) or not at all;
 * - autocommit, so every statement commits on its own and every read starts a fresh snapshot: under
 *   REPEATABLE READ a read inside a long transaction would not see rows committed later, such as the
 *   row of the instance that won an insert race.
 */
function sessionSettings(options: ResolvedMysqlStoreOptions): string {
  const settings = ["sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'", 'autocommit = 1']
  if (options.lockWaitTimeoutSeconds !== undefined) {
    settings.push(`innodb_lock_wait_timeout = ${options.lockWaitTimeoutSeconds}`)
  }
  return `set session ${settings.join(', ')}`
}
