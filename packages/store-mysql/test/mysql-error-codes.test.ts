import { BatchgateError, ErrorCode } from '@batchgate/core'
import { DuplicateKeyError, isDuplicateKeyError } from '@batchgate/core/store'
import {
  isMysqlConnectionLost,
  isMysqlDuplicateKey,
  isMysqlTransient,
  mysqlErrno,
  mysqlErrorCode,
} from '@batchgate/store-mysql'
import { describe, expect, it } from 'vitest'

/** An error shaped as mysql2 makes them for a server error packet. */
function serverError(errno: number, code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { errno, code, sqlState: '40001' })
}

function wrapped(error: Error): Error {
  return new Error('query failed', { cause: new Error('pool', { cause: error }) })
}

describe('mysql error classification', () => {
  it('finds a duplicate key by errno 1062 or ER_DUP_ENTRY, following cause chains', () => {
    expect(isMysqlDuplicateKey(serverError(1062, 'ER_DUP_ENTRY'))).toBe(true)
    expect(isMysqlDuplicateKey(wrapped(serverError(1062, 'ER_DUP_ENTRY')))).toBe(true)
    expect(isMysqlDuplicateKey(Object.assign(new Error('x'), { code: 'ER_DUP_ENTRY' }))).toBe(true)
    const signal = new DuplicateKeyError('batch', 'id-1', serverError(1062, 'ER_DUP_ENTRY'))
    expect(isDuplicateKeyError(signal)).toBe(true)
    expect(mysqlErrno(signal)).toBe(1062)
    expect(mysqlErrorCode(signal)).toBe('ER_DUP_ENTRY')
  })

  it('classifies deadlocks, lock-wait timeouts and lost connections as transient', () => {
    expect(isMysqlTransient(wrapped(serverError(1213, 'ER_LOCK_DEADLOCK')))).toBe(true)
    expect(isMysqlTransient(wrapped(serverError(1205, 'ER_LOCK_WAIT_TIMEOUT')))).toBe(true)
    const lost = Object.assign(new Error('Connection lost'), {
      code: 'PROTOCOL_CONNECTION_LOST',
      fatal: true,
    })
    expect(isMysqlConnectionLost(wrapped(lost))).toBe(true)
    expect(isMysqlTransient(lost)).toBe(true)
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED', errno: -111, fatal: true })
    expect(isMysqlTransient(refused)).toBe(true)
    expect(mysqlErrno(refused)).toBeUndefined()
    expect(mysqlErrorCode(wrapped(refused))).toBe('ECONNREFUSED')
    // mysql2's error for a command on a closed connection has no code, only `fatal`.
    expect(isMysqlConnectionLost(Object.assign(new Error("Can't add new command"), { fatal: true }))).toBe(
      true,
    )
    expect(isMysqlTransient(serverError(1927, 'ER_CONNECTION_KILLED'))).toBe(true)
  })

  it('retries a statement killed by KILL QUERY (errno 1317, ER_QUERY_INTERRUPTED) like a lost connection', () => {
    expect(isMysqlTransient(serverError(1317, 'ER_QUERY_INTERRUPTED'))).toBe(true)
    expect(isMysqlTransient(wrapped(serverError(1317, 'ER_QUERY_INTERRUPTED')))).toBe(true)
    // A wrapper that kept only the symbolic code.
    expect(isMysqlTransient(Object.assign(new Error('x'), { code: 'ER_QUERY_INTERRUPTED' }))).toBe(true)
    expect(mysqlErrno(wrapped(serverError(1317, 'ER_QUERY_INTERRUPTED')))).toBe(1317)
    // The session is still usable: this is not a lost connection, only a retryable statement.
    expect(isMysqlConnectionLost(serverError(1317, 'ER_QUERY_INTERRUPTED'))).toBe(false)
    // Never by message: the text alone, without the errno or code, is not enough.
    expect(isMysqlTransient(new Error('Query execution was interrupted'))).toBe(false)
  })

  it('never classifies by message text', () => {
    expect(isMysqlDuplicateKey(new Error("Duplicate entry 'x' for key 'PRIMARY'"))).toBe(false)
    expect(
      isMysqlTransient(new Error('Deadlock found when trying to get lock; try restarting transaction')),
    ).toBe(false)
    expect(isMysqlTransient(new Error('Lock wait timeout exceeded; try restarting transaction'))).toBe(false)
    expect(isMysqlTransient(new Error('Connection lost: The server closed the connection.'))).toBe(false)
  })

  it('leaves other errors alone: constraints, access, syntax, unknown hosts, this library’s own', () => {
    expect(isMysqlDuplicateKey(serverError(1452, 'ER_NO_REFERENCED_ROW_2'))).toBe(false)
    expect(isMysqlTransient(serverError(1062, 'ER_DUP_ENTRY'))).toBe(false)
    const denied = Object.assign(serverError(1045, 'ER_ACCESS_DENIED_ERROR'), { fatal: true })
    expect(isMysqlTransient(denied)).toBe(false)
    expect(isMysqlTransient(serverError(1064, 'ER_PARSE_ERROR'))).toBe(false)
    expect(
      isMysqlTransient(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND', errno: -3008 })),
    ).toBe(false)
    expect(isMysqlTransient(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'down'))).toBe(false)
    expect(mysqlErrorCode(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'down'))).toBeUndefined()
    expect(isMysqlDuplicateKey(undefined)).toBe(false)
    expect(isMysqlTransient(null)).toBe(false)
  })
})
