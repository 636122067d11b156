import { describe, expect, it } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  cursorFromIterable,
  resumableReader,
} from '@batchgate/core'

const { FETCH_NEXT: NEXT } = FetchOrientation

/** What a row source or a transport may throw that is not an Error and has no usable toString. */
const UNPRINTABLE: readonly [string, () => unknown][] = [
  ['a null-prototype object', () => Object.create(null) as unknown],
  [
    'an object whose toString throws',
    () => ({
      toString: (): string => {
        throw new Error('toString')
      },
    }),
  ],
]

async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  return new Error('expected a failure')
}

describe('cursors and the resumable reader with thrown values that are not Errors', () => {
  it.each(UNPRINTABLE)(
    'a row source that throws %s fails the fetch with SOURCE_FAILED',
    async (_, thrown) => {
      const cursor = cursorFromIterable<number>(
        () => {
          throw thrown()
        },
        { scrollbackRows: 0 },
      )
      const error = await failureOf(() => cursor.fetch(NEXT, 1))
      expect(BatchgateError.is(error, ErrorCode.SOURCE_FAILED), String(error)).toBe(true)
      await cursor.close()
    },
  )

  it.each(UNPRINTABLE)('a transport that throws %s ends in FETCH_RETRIES_EXHAUSTED', async (_, thrown) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case: not an Error
    const reader = resumableReader<number>(() => Promise.reject(thrown()), {
      maxRows: 1,
      maxRetries: 1,
      retryDelayMs: 0,
    })
    const error = await failureOf(async () => {
      for await (const row of reader) expect(row).toBeUndefined()
    })
    expect(BatchgateError.is(error, ErrorCode.FETCH_RETRIES_EXHAUSTED), String(error)).toBe(true)
  })
})
