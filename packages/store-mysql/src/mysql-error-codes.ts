import { BatchgateError, findInCauseChain } from '@batchgate/core/store'

/**
 * The server error numbers this store acts on (mysql2 puts them on `error.errno`, with the symbolic
 * name on `error.code`). MySQL, MariaDB and MySQL-protocol databases share them.
 *
 * @example
 * ```ts
 * if (mysqlErrno(error) === MysqlErrno.ER_DUP_ENTRY) { ... }
 * ```
 */
export const MysqlErrno = {
  /** The unique key already holds this value. */
  ER_DUP_ENTRY: 1062,
  /** `innodb_lock_wait_timeout` passed; the statement was rolled back. */
  ER_LOCK_WAIT_TIMEOUT: 1205,
  /** InnoDB chose this transaction as a deadlock victim and rolled it back. */
  ER_LOCK_DEADLOCK: 1213,
  /** `create index` named an index the table already has. */
  ER_DUP_KEYNAME: 1061,
  /**
   * `KILL QUERY` from another session (an operator or a watchdog) interrupted the statement, which the
   * server rolled back; the session itself stays usable.
   */
  ER_QUERY_INTERRUPTED: 1317,
  /** `alter table … add column` named a column the table already has. */
  ER_DUP_FIELDNAME: 1060,
  /** `drop index` named an index the table does not have. */
  ER_CANT_DROP_FIELD_OR_KEY: 1091,
  /** TiDB's optimistic-transaction write conflict; the transaction was rolled back. */
  TIDB_WRITE_CONFLICT: 9007,
  /** Too many connections: the server refused this one before running anything. */
  ER_CON_COUNT_ERROR: 1040,
  /** The server is shutting down. */
  ER_SERVER_SHUTDOWN: 1053,
  /** MariaDB: the connection was killed (`KILL CONNECTION`). */
  ER_CONNECTION_KILLED: 1927,
  /** MySQL 8: the server closed an idle connection. */
  ER_CLIENT_INTERACTION_TIMEOUT: 4031,
  /** C-client "server has gone away" / "lost connection", carried by some wrappers. */
  CR_SERVER_GONE_ERROR: 2006,
  CR_SERVER_LOST: 2013,
} as const

/** Rolled back by the server: nothing was written, trying again is safe. */
const LOCK_CONFLICT_ERRNOS: ReadonlySet<number> = new Set([
  MysqlErrno.ER_LOCK_WAIT_TIMEOUT,
  MysqlErrno.ER_LOCK_DEADLOCK,
  MysqlErrno.TIDB_WRITE_CONFLICT,
])

/**
 * Interrupted by another session (`KILL QUERY`). An autocommit statement is rolled back when killed, but
 * the kill may also land just as it commits, so its outcome is as unknown as after a lost connection:
 * retried only where the write tokens make a repeat safe (see the kit's token-writes.ts), like a lost connection.
 */
const INTERRUPTED_ERRNOS: ReadonlySet<number> = new Set([MysqlErrno.ER_QUERY_INTERRUPTED])
const INTERRUPTED_CODES: ReadonlySet<string> = new Set(['ER_QUERY_INTERRUPTED'])

const CONNECTION_ERRNOS: ReadonlySet<number> = new Set([
  MysqlErrno.ER_CON_COUNT_ERROR,
  MysqlErrno.ER_SERVER_SHUTDOWN,
  MysqlErrno.ER_CONNECTION_KILLED,
  MysqlErrno.ER_CLIENT_INTERACTION_TIMEOUT,
  MysqlErrno.CR_SERVER_GONE_ERROR,
  MysqlErrno.CR_SERVER_LOST,
])

/**
 * mysql2's and Node's codes for a connection that broke or could not be made. A refused connection is
 * here too: a server restarting or failing over refuses for a few seconds. A host name that does not
 * resolve (`ENOTFOUND`) is not: that is a configuration error, better reported at once.
 */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

/**
 * The server error number of the first error in `error`'s cause chain that has one (mysql2's
 * `errno`, e.g. 1062). Node's network errors carry negative `errno`s and are skipped.
 *
 * @example
 * ```ts
 * mysqlErrno(new Error('wrapped', { cause: mysql2Error })) // 1213
 * ```
 */
export function mysqlErrno(error: unknown): number | undefined {
  return serverErrno(findInCauseChain(error, (candidate) => serverErrno(candidate) !== undefined))
}

/**
 * The driver's code of the first error in `error`'s cause chain that has one (`ER_DUP_ENTRY`,
 * `PROTOCOL_CONNECTION_LOST`, `ECONNREFUSED`, …). This library's own errors are skipped.
 *
 * @example
 * ```ts
 * mysqlErrorCode(error) // 'ER_LOCK_DEADLOCK'
 * ```
 */
export function mysqlErrorCode(error: unknown): string | undefined {
  return driverCode(findInCauseChain(error, (candidate) => driverCode(candidate) !== undefined))
}

/**
 * Whether the error (or one it wraps) is a unique-key violation: errno 1062 / `ER_DUP_ENTRY`.
 *
 * @example
 * ```ts
 * if (isMysqlDuplicateKey(error)) throw new DuplicateKeyError('batch', id, error)
 * ```
 */
export function isMysqlDuplicateKey(error: unknown): boolean {
  return inChain(
    error,
    (candidate) =>
      serverErrno(candidate) === MysqlErrno.ER_DUP_ENTRY || driverCode(candidate) === 'ER_DUP_ENTRY',
  )
}

/**
 * Whether the error (or one it wraps) says the connection broke or could not be made. The statement
 * it interrupted may or may not have been committed.
 *
 * @example
 * ```ts
 * isMysqlConnectionLost(Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })) // true
 * ```
 */
export function isMysqlConnectionLost(error: unknown): boolean {
  return inChain(error, (candidate) => {
    const errno = serverErrno(candidate)
    if (errno !== undefined) return CONNECTION_ERRNOS.has(errno)
    const code = driverCode(candidate)
    if (code !== undefined) return CONNECTION_CODES.has(code)
    // mysql2 marks an error `fatal` when its connection is unusable; the one it gives for a command on
    // an already-closed connection carries no code at all.
    return (candidate as { fatal?: unknown }).fatal === true
  })
}

/**
 * Whether trying again may succeed: a deadlock or lock-wait timeout (errno 1213, 1205; the server
 * rolled the statement back), a statement killed by `KILL QUERY` (errno 1317) or a lost or refused
 * connection. The store retries these, with bounded
 * backoff, only where repeating the operation is safe.
 *
 * @example
 * ```ts
 * await retryTransient(run, { isTransient: isMysqlTransient, retryForMs: 30_000, what: 'read a batch' })
 * ```
 */
export function isMysqlTransient(error: unknown): boolean {
  return (
    inChain(error, (candidate) => LOCK_CONFLICT_ERRNOS.has(serverErrno(candidate) ?? 0)) ||
    isMysqlInterrupted(error) ||
    isMysqlConnectionLost(error)
  )
}

/**
 * Whether the error (or one it wraps) is a statement killed by another session's `KILL QUERY`: errno
 * 1317 / `ER_QUERY_INTERRUPTED`. The connection survives it.
 *
 * @example
 * ```ts
 * isMysqlInterrupted(Object.assign(new Error('interrupted'), { errno: 1317, code: 'ER_QUERY_INTERRUPTED' })) // true
 * ```
 */
export function isMysqlInterrupted(error: unknown): boolean {
  return inChain(error, (candidate) => {
    const errno = serverErrno(candidate)
    if (errno !== undefined) return INTERRUPTED_ERRNOS.has(errno)
    return INTERRUPTED_CODES.has(driverCode(candidate) ?? '')
  })
}

function inChain(error: unknown, predicate: (candidate: unknown) => boolean): boolean {
  return findInCauseChain(error, predicate) !== undefined
}

function serverErrno(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const errno = (value as { errno?: unknown }).errno
  return typeof errno === 'number' && Number.isSafeInteger(errno) && errno > 0 ? errno : undefined
}

function driverCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || BatchgateError.is(value)) return undefined
  const code = (value as { code?: unknown }).code
  return typeof code === 'string' && code !== '' ? code : undefined
}
