import { BatchgateError, ErrorCode } from '@batchgate/core/store'
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_CONNECTION_LIMIT,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MIGRATION_LOCK_TIMEOUT_SECONDS,
  DEFAULT_RETRY_FOR_MS,
  type MysqlConnectionOptions,
  type MysqlStoreOptions,
  type MysqlTarget,
  type ResolvedMysqlStoreOptions,
} from './mysql-store-options.js'
import { requireIntegerOption } from '@batchgate/sql-store'

/** `innodb_lock_wait_timeout`'s largest value. */
const MAX_LOCK_WAIT_TIMEOUT_SECONDS = 1_073_741_824

/**
 * Applies defaults and rejects options that cannot work with `INVALID_OPTIONS`, before any connection.
 *
 * @example
 * ```ts
 * resolveMysqlStoreOptions({ uri: 'mysql://root@127.0.0.1/test' }).connectionLimit // 10
 * ```
 */
export function resolveMysqlStoreOptions(options: MysqlStoreOptions): ResolvedMysqlStoreOptions {
  // Checked at run time: JavaScript callers are not held to the types.
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw invalid('mysqlStore needs options: { uri } or { host, user, password, database }')
  }
  const { target, description } = 'uri' in options ? fromUri(options.uri, options) : fromFields(options)
  const connectionLimit = options.connectionLimit ?? DEFAULT_CONNECTION_LIMIT
  const resolved: ResolvedMysqlStoreOptions = {
    target,
    description,
    connectionLimit,
    maxIdle: options.maxIdle ?? connectionLimit,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    retryForMs: options.retryForMs ?? DEFAULT_RETRY_FOR_MS,
    lockWaitTimeoutSeconds: options.lockWaitTimeoutSeconds,
    migrationLockTimeoutSeconds:
      options.migrationLockTimeoutSeconds ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_SECONDS,
  }
  requireIntegerOption(resolved, 'connectionLimit', 1)
  requireIntegerOption(resolved, 'maxIdle', 0)
  requireIntegerOption(resolved, 'idleTimeoutMs', 1)
  requireIntegerOption(resolved, 'connectTimeoutMs', 1)
  requireIntegerOption(resolved, 'retryForMs', 0)
  requireIntegerOption(resolved, 'migrationLockTimeoutSeconds', 0)
  if (resolved.lockWaitTimeoutSeconds !== undefined) {
    requireIntegerOption(resolved, 'lockWaitTimeoutSeconds', 1, MAX_LOCK_WAIT_TIMEOUT_SECONDS)
  }
  return resolved
}

function fromUri(uri: unknown, options: object): { target: MysqlTarget; description: string } {
  for (const field of ['host', 'port', 'socketPath', 'user', 'password', 'database', 'ssl']) {
    if (field in options)
      throw invalid(`mysqlStore takes either a uri or ${field} and the other fields, not both`)
  }
  if (typeof uri !== 'string') throw invalid('uri must be a string such as mysql://user@host:3306/database')
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    // The URI may hold a password: never repeat it.
    throw invalid('uri is not a URL; expected mysql://user:password@host:port/database')
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw invalid(`uri must start with mysql:// or mariadb://, not ${url.protocol}//`)
  }
  const database = decodeURIComponent(url.pathname.slice(1))
  if (database === '' || database.includes('/')) {
    throw invalid('uri must name the database as its path: mysql://user@host:3306/database')
  }
  return { target: { uri }, description: `${url.hostname}:${url.port || '3306'}/${database}` }
}

function fromFields(options: MysqlConnectionOptions): { target: MysqlTarget; description: string } {
  const { host, port, socketPath, user, password, database, ssl } = options
  if (typeof database !== 'string' || database === '') {
    throw invalid('mysqlStore needs a database (or a uri naming one): the store creates its tables there')
  }
  if (port !== undefined && (!Number.isSafeInteger(port) || port < 1 || port > 65_535)) {
    throw invalid('port must be an integer from 1 to 65535')
  }
  const target = {
    database,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(socketPath === undefined ? {} : { socketPath }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    ...(ssl === undefined ? {} : { ssl }),
  }
  const where = socketPath ?? `${host ?? 'localhost'}:${port ?? 3306}`
  return { target, description: `${where}/${database}` }
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
