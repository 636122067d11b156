import { BatchgateError, findInCauseChain } from '@batchgate/core/store'

/**
 * The SQLSTATEs this store acts on (pg puts them on `error.code` of its `DatabaseError`).
 *
 * @example
 * ```ts
 * if (postgresSqlState(error) === PostgresSqlState.UNIQUE_VIOLATION) { ... }
 * ```
 */
export const PostgresSqlState = {
  /** A unique index or primary key already holds this value (which one: `error.constraint`). */
  UNIQUE_VIOLATION: '23505',
  /** The transaction could not be serialized; it was rolled back. */
  SERIALIZATION_FAILURE: '40001',
  /** The server chose this transaction as a deadlock victim and rolled it back. */
  DEADLOCK_DETECTED: '40P01',
  /** The backend was terminated (`pg_terminate_backend`, a fast shutdown). */
  ADMIN_SHUTDOWN: '57P01',
  /** Another backend crashed; the server is resetting every connection. */
  CRASH_SHUTDOWN: '57P02',
  /** The server is starting up, shutting down or recovering: it refused this connection. */
  CANNOT_CONNECT_NOW: '57P03',
  /** `max_connections` reached: the server refused this connection before running anything. */
  TOO_MANY_CONNECTIONS: '53300',
} as const

/** The batch table's primary key constraint (named in migration 0001). */
export const BATCH_PRIMARY_KEY = 'batchgate_batch_pkey'

/** Rolled back by the server: nothing was written, trying again is safe. */
const ROLLED_BACK_STATES: ReadonlySet<string> = new Set([
  PostgresSqlState.SERIALIZATION_FAILURE,
  PostgresSqlState.DEADLOCK_DETECTED,
])

/** The server ended or refused the session. A statement it interrupted may or may not have committed. */
const CONNECTION_STATES: ReadonlySet<string> = new Set([
  PostgresSqlState.ADMIN_SHUTDOWN,
  PostgresSqlState.CRASH_SHUTDOWN,
  PostgresSqlState.CANNOT_CONNECT_NOW,
  PostgresSqlState.TOO_MANY_CONNECTIONS,
])

/**
 * Node's codes for a connection that broke or could not be made, and this store's own code for a
 * connection pg saw end (see {@link PostgresConnectionLostError}). A refused connection is here too: a
 * server restarting or failing over refuses for a few seconds. A host name that does not resolve
 * (`ENOTFOUND`) is not: that is a configuration error, better reported at once.
 */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PG_CONNECTION_LOST',
])

/**
 * A SQLSTATE: five digits or upper-case letters. No SQLSTATE class starts with `E`, while Node's error
 * codes all do, so a five-letter one such as `EPIPE` is not taken for a SQLSTATE.
 */
const SQLSTATE = /^[0-9A-DF-Z][0-9A-Z]{4}$/

/**
 * A connection that pg saw end, or that failed to open, without a code: pg reports a server that
 * closed the socket without a word ("Connection terminated unexpectedly"), a query on such a client,
 * and a connect that timed out with a plain `Error` carrying no code, so this store's pool (see
 * postgres-pool.ts) wraps exactly those: errors without a code from a client that emitted `error` or
 * `end`, or from a failed connect. Classified by its `code` `PG_CONNECTION_LOST`, never by message.
 *
 * @example
 * ```ts
 * throw new PostgresConnectionLostError(error) // error: pg's code-less Error
 * ```
 */
export class PostgresConnectionLostError extends Error {
  override readonly name = 'PostgresConnectionLostError'
  readonly code = 'PG_CONNECTION_LOST'

  constructor(cause: unknown) {
    super('the connection to PostgreSQL was lost or could not be made', { cause })
  }
}

/**
 * The SQLSTATE of the first error in `error`'s cause chain that has one (pg's `DatabaseError.code`,
 * e.g. `23505`).
 *
 * @example
 * ```ts
 * postgresSqlState(new Error('wrapped', { cause: pgError })) // '40P01'
 * ```
 */
export function postgresSqlState(error: unknown): string | undefined {
  return sqlState(findInCauseChain(error, (candidate) => sqlState(candidate) !== undefined))
}

/**
 * The code of the first error in `error`'s cause chain that has one: a SQLSTATE, Node's
 * `ECONNREFUSED`, …, or `PG_CONNECTION_LOST`. This library's own errors are skipped.
 *
 * @example
 * ```ts
 * postgresErrorCode(error) // 'ECONNREFUSED'
 * ```
 */
export function postgresErrorCode(error: unknown): string | undefined {
  return driverCode(findInCauseChain(error, (candidate) => driverCode(candidate) !== undefined))
}

/**
 * Whether the error (or one it wraps) is a violation of the batch table's primary key: SQLSTATE
 * `23505` on constraint `batchgate_batch_pkey`. Another unique index's violation is not a duplicate
 * batch.
 *
 * @example
 * ```ts
 * if (isPostgresDuplicateKey(error)) throw new DuplicateKeyError('batch', id, error)
 * ```
 */
export function isPostgresDuplicateKey(error: unknown): boolean {
  return inChain(
    error,
    (candidate) =>
      sqlState(candidate) === PostgresSqlState.UNIQUE_VIOLATION &&
      (candidate as { constraint?: unknown }).constraint === BATCH_PRIMARY_KEY,
  )
}

/**
 * Whether the error (or one it wraps) says the connection broke, was ended by the server or could not
 * be made. The statement it interrupted may or may not have been committed.
 *
 * @example
 * ```ts
 * isPostgresConnectionLost(Object.assign(new Error('terminated'), { code: '57P01' })) // true
 * ```
 */
export function isPostgresConnectionLost(error: unknown): boolean {
  return inChain(error, (candidate) => {
    const state = sqlState(candidate)
    // Class 08: connection exceptions.
    if (state !== undefined) return CONNECTION_STATES.has(state) || state.startsWith('08')
    return CONNECTION_CODES.has(driverCode(candidate) ?? '')
  })
}

/**
 * Whether trying again may succeed: a serialization failure or deadlock (`40001`, `40P01`: the server
 * rolled the transaction back), or a lost, ended or refused connection. The store retries these, with
 * bounded backoff, only where repeating the operation is safe.
 *
 * @example
 * ```ts
 * await retryTransient(run, { isTransient: isPostgresTransient, retryForMs: 30_000, what: 'read a batch' })
 * ```
 */
export function isPostgresTransient(error: unknown): boolean {
  return (
    inChain(error, (candidate) => ROLLED_BACK_STATES.has(sqlState(candidate) ?? '')) ||
    isPostgresConnectionLost(error)
  )
}

function inChain(error: unknown, predicate: (candidate: unknown) => boolean): boolean {
  return findInCauseChain(error, predicate) !== undefined
}

function sqlState(value: unknown): string | undefined {
  const code = driverCode(value)
  return code !== undefined && SQLSTATE.test(code) ? code : undefined
}

function driverCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || BatchgateError.is(value)) return undefined
  const code = (value as { code?: unknown }).code
  return typeof code === 'string' && code !== '' ? code : undefined
}
