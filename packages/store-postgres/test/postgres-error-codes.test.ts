import { BatchgateError, ErrorCode } from '@batchgate/core'
import { DuplicateKeyError, isDuplicateKeyError } from '@batchgate/core/store'
import {
  PostgresConnectionLostError,
  isPostgresConnectionLost,
  isPostgresDuplicateKey,
  isPostgresTransient,
  postgresErrorCode,
  postgresSqlState,
} from '@batchgate/store-postgres'
import { describe, expect, it } from 'vitest'

/** An error shaped as pg's DatabaseError for a server error message. */
function serverError(code: string, fields: { constraint?: string } = {}, message = 'boom'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR', ...fields })
}

function wrapped(error: Error): Error {
  return new Error('query failed', { cause: new Error('pool', { cause: error }) })
}

describe('postgres error classification', () => {
  it('finds a duplicate batch by SQLSTATE 23505 on the batch primary key, following cause chains', () => {
    const duplicate = serverError('23505', { constraint: 'batchgate_batch_pkey' })
    expect(isPostgresDuplicateKey(duplicate)).toBe(true)
    expect(isPostgresDuplicateKey(wrapped(duplicate))).toBe(true)
    const signal = new DuplicateKeyError('batch', 'id-1', duplicate)
    expect(isDuplicateKeyError(signal)).toBe(true)
    expect(postgresSqlState(signal)).toBe('23505')
  })

  it('does not take a violation of another unique constraint for a duplicate batch', () => {
    expect(isPostgresDuplicateKey(serverError('23505', { constraint: 'some_other_unique' }))).toBe(false)
    expect(isPostgresDuplicateKey(serverError('23505'))).toBe(false)
    expect(isPostgresDuplicateKey(serverError('23514', { constraint: 'batchgate_batch_pkey' }))).toBe(false)
  })

  it('retries serialization failures, deadlocks, ended sessions, a starting server and too many connections', () => {
    for (const code of ['40001', '40P01', '57P01', '57P02', '57P03', '53300', '08006', '08001']) {
      expect(isPostgresTransient(wrapped(serverError(code))), code).toBe(true)
    }
    for (const code of ['57P01', '57P03', '53300', '08006']) {
      expect(isPostgresConnectionLost(serverError(code)), code).toBe(true)
    }
    expect(isPostgresConnectionLost(serverError('40P01'))).toBe(false)
  })

  it('retries lost and refused connections by Node code, and pg’s code-less terminations once wrapped', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']) {
      const error = Object.assign(new Error('socket'), { code, errno: -1 })
      expect(isPostgresTransient(wrapped(error)), code).toBe(true)
      expect(postgresErrorCode(wrapped(error))).toBe(code)
      // A five-letter Node code is not a SQLSTATE.
      expect(postgresSqlState(error)).toBeUndefined()
    }
    const terminated = new PostgresConnectionLostError(new Error('Connection terminated unexpectedly'))
    expect(isPostgresConnectionLost(wrapped(terminated))).toBe(true)
    expect(postgresErrorCode(terminated)).toBe('PG_CONNECTION_LOST')
  })

  it('never classifies by message text', () => {
    expect(isPostgresTransient(new Error('Connection terminated unexpectedly'))).toBe(false)
    expect(
      isPostgresDuplicateKey(
        new Error('duplicate key value violates unique constraint "batchgate_batch_pkey"'),
      ),
    ).toBe(false)
    expect(isPostgresTransient(new Error('deadlock detected'))).toBe(false)
    expect(isPostgresTransient(new Error('terminating connection due to administrator command'))).toBe(false)
  })

  it('leaves other errors alone: constraints, access, syntax, timeouts, unknown hosts, this library’s own', () => {
    expect(isPostgresTransient(serverError('23505', { constraint: 'batchgate_batch_pkey' }))).toBe(false)
    expect(isPostgresTransient(serverError('28P01'))).toBe(false)
    expect(isPostgresTransient(serverError('42601'))).toBe(false)
    // statement_timeout (or pg_cancel_backend): the operator's bound, not retried.
    expect(isPostgresTransient(serverError('57014'))).toBe(false)
    expect(isPostgresTransient(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }))).toBe(false)
    expect(isPostgresTransient(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'down'))).toBe(false)
    expect(postgresErrorCode(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'down'))).toBeUndefined()
    expect(isPostgresDuplicateKey(undefined)).toBe(false)
    expect(isPostgresTransient(null)).toBe(false)
  })
})
