import { afterEach, describe, expect, it } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  OperationRegistry,
  cursorFromArray,
} from '@batchgate/core'

const { FETCH_NEXT: NEXT } = FetchOrientation

/** Handles a host may pass straight from its wire: none is a string, so none can name an operation. */
const NOT_HANDLES: readonly [string, unknown][] = [
  ['a Symbol', Symbol('handle')],
  ['a BigInt', 10n],
  [
    'a cyclic object',
    ((): object => {
      const value: Record<string, unknown> = {}
      value.self = value
      return value
    })(),
  ],
  [
    'a Proxy that throws on every trap',
    new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
        ownKeys: () => {
          throw new Error('trap')
        },
      },
    ),
  ],
  ['null', null],
  ['a number', 7],
]

describe('OperationRegistry with handles that are not strings', () => {
  let operations = new OperationRegistry<number>()
  afterEach(async () => {
    await operations.closeAll()
    operations = new OperationRegistry<number>()
  })

  it.each(NOT_HANDLES)(
    'refuses to fetch %s with INVALID_FETCH_REQUEST and a safe message',
    async (_, handle) => {
      operations.open(cursorFromArray([1, 2, 3]))
      const error: unknown = await operations.fetch(handle as string, NEXT, 1).then(
        () => new Error('expected a rejection'),
        (failure: unknown) => failure,
      )
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
      expect((error as Error).message).toMatch(/^an operation handle must be a string, got .{1,90}$/)
    },
  )

  it.each(NOT_HANDLES)('answers close of %s with OPERATION_NOT_FOUND', async (_, handle) => {
    const error: unknown = await operations.close(handle as string).then(
      () => new Error('expected a rejection'),
      (failure: unknown) => failure,
    )
    expect(BatchgateError.is(error, ErrorCode.OPERATION_NOT_FOUND), String(error)).toBe(true)
  })
})
