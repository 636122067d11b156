// The reader's recovery from lost requests and responses is tested in packages/testkit/test
// (resumable-reader-*.test.ts), through testkit's lossyTransport, which core cannot depend on.
import { describe, expect, it } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  cursorFromArray,
  resumableReader,
  type FetchFunction,
  type ResumableReadEvent,
} from '@batchgate/core'
import { range } from './range.js'

const quick = { maxRetries: 5, retryDelayMs: 0 }

/** Every row a read yields; rejects with the error that ends it. */
async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = []
  for await (const row of rows) read.push(row)
  return read
}

/** A server over `rows` that counts the fetches it serves. */
function countingServer<T>(rows: readonly T[]): { fetch: FetchFunction<T>; calls: () => number } {
  const cursor = cursorFromArray(rows)
  let calls = 0
  return {
    fetch: (orientation, maxRows, offset) => {
      calls++
      return cursor.fetch(orientation, maxRows, offset)
    },
    calls: () => calls,
  }
}

describe('resumableReader', () => {
  it('reads every row in order with FETCH_NEXT when nothing fails', async () => {
    const events: ResumableReadEvent[] = []
    const { fetch } = countingServer(range(0, 12))
    const reader = resumableReader(fetch, { maxRows: 5, onEvent: (event) => events.push(event) })
    await expect(collect(reader)).resolves.toEqual(range(0, 12))
    const request = { type: 'request', orientation: FetchOrientation.FETCH_NEXT, maxRows: 5 }
    const answer = (startRowOffset: number, rowCount: number) => ({
      type: 'answer',
      startRowOffset,
      rowCount,
      skippedRows: 0,
    })
    expect(events).toMatchObject([request, answer(0, 5), request, answer(5, 5), request, answer(10, 2)])
  })

  it('reads an empty result as no rows', async () => {
    await expect(collect(resumableReader(countingServer([]).fetch, { maxRows: 5 }))).resolves.toEqual([])
  })

  it('gives up after maxRetries consecutive failures with FETCH_RETRIES_EXHAUSTED and the last error', async () => {
    let attempts = 0
    const cause = new Error('ECONNRESET')
    const fetch: FetchFunction<number> = () => {
      attempts++
      return Promise.reject(cause)
    }
    const read = collect(resumableReader(fetch, { maxRows: 5, maxRetries: 3, retryDelayMs: 1 }))
    await expect(read).rejects.toMatchObject({ code: ErrorCode.FETCH_RETRIES_EXHAUSTED, cause })
    await expect(read).rejects.toThrow(/4 consecutive failed attempt\(s\): ECONNRESET/)
    expect(attempts).toBe(4)
  })

  it("passes on errors carrying the library's codes without retrying", async () => {
    let attempts = 0
    const refusal = new BatchgateError(ErrorCode.SCROLLBACK_EXCEEDED, 'window passed')
    const fetch: FetchFunction<number> = () => {
      attempts++
      return Promise.reject(refusal)
    }
    await expect(collect(resumableReader(fetch, { maxRows: 5, ...quick }))).rejects.toBe(refusal)
    expect(attempts).toBe(1)
  })

  it('passes on errors the host says are not retryable', async () => {
    const denied = new Error('403 Forbidden')
    const reader = resumableReader(() => Promise.reject(denied), {
      maxRows: 5,
      ...quick,
      isRetryable: () => false,
    })
    await expect(collect(reader)).rejects.toBe(denied)
  })

  it('stops fetching when the consumer stops reading', async () => {
    const server = countingServer(range(0, 100))
    for await (const row of resumableReader(server.fetch, { maxRows: 10 })) if (row === 12) break
    expect(server.calls()).toBe(2)
  })

  it('can be iterated once; options are checked when it is made', async () => {
    const reader = resumableReader(countingServer([1, 2]).fetch, { maxRows: 5 })
    await expect(collect(reader)).resolves.toEqual([1, 2])
    await expect(collect(reader)).rejects.toMatchObject({ code: ErrorCode.CLOSED })
    const { fetch } = countingServer([1])
    expect(() => resumableReader(fetch, { maxRows: 0 })).toThrow(/maxRows/)
    expect(() => resumableReader(fetch, { maxRows: 1, maxRetries: -1 })).toThrow(/maxRetries/)
    expect(() => resumableReader(fetch, { maxRows: 1, retryDelayMs: 0.5 })).toThrow(/retryDelayMs/)
  })
})
