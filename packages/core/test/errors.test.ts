import { describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { DuplicateKeyError, isDuplicateKeyError } from '@batchgate/core/store'

describe('BatchgateError', () => {
  it('carries a code, a message and a cause', () => {
    const cause = new Error('driver said no')
    const error = new BatchgateError(ErrorCode.INVALID_REQUEST, 'batchType must be a non-empty string', {
      cause,
    })
    expect(error.code).toBe('INVALID_REQUEST')
    expect(error.message).toBe('batchType must be a non-empty string')
    expect(error.cause).toBe(cause)
    expect(error).toBeInstanceOf(Error)
  })

  it('is() recognises errors by brand and code, also for plain look-alikes without the brand', () => {
    const error = new BatchgateError(ErrorCode.BATCH_NOT_FOUND, 'no batch')
    expect(BatchgateError.is(error)).toBe(true)
    expect(BatchgateError.is(error, ErrorCode.BATCH_NOT_FOUND)).toBe(true)
    expect(BatchgateError.is(error, ErrorCode.INVALID_REQUEST)).toBe(false)
    expect(BatchgateError.is({ code: 'BATCH_NOT_FOUND', message: 'x' })).toBe(false)
    expect(BatchgateError.is(undefined)).toBe(false)
  })

  it('is() works across copies of the package (brand is a global symbol)', () => {
    const foreign = Object.assign(new Error('x'), {
      code: 'INVALID_REQUEST',
      [Symbol.for('@batchgate/core/BatchgateError')]: true,
    })
    expect(BatchgateError.is(foreign, ErrorCode.INVALID_REQUEST)).toBe(true)
  })
})

describe('isDuplicateKeyError', () => {
  it('finds a DuplicateKeyError anywhere in a cause chain', () => {
    const duplicate = new DuplicateKeyError('batch', 'id-1', new Error('driver'))
    const wrapped = new Error('pool', { cause: new Error('retry', { cause: duplicate }) })
    expect(isDuplicateKeyError(duplicate)).toBe(true)
    expect(isDuplicateKeyError(wrapped)).toBe(true)
    expect(duplicate.code).toBe('DUPLICATE_KEY')
  })

  it('is false for other errors and survives a cyclic cause chain', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(isDuplicateKeyError(a)).toBe(false)
    expect(isDuplicateKeyError(new BatchgateError(ErrorCode.INVALID_REQUEST, 'x'))).toBe(false)
    expect(isDuplicateKeyError('DUPLICATE_KEY')).toBe(false)
  })
})
