// fetchTimeoutMs: a transport that never answers must not hang a resumableReader. Each attempt gets an
// AbortSignal; an attempt without an answer in time is abandoned (its signal aborted) and counts as a
// failed attempt, so the reader re-synchronises with FETCH_PRIOR as after a lost response.
import { describe, expect, it } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  cursorFromArray,
  resumableReader,
  type FetchFunction,
  type ResumableReadEvent,
  type RowSet,
} from '@batchgate/core'
import { range } from './range.js'

/** One fetch as the transport saw it: what was asked and the signal it was given. */
interface SeenFetch {
  readonly orientation: FetchOrientation
  readonly maxRows: number
  readonly signal: AbortSignal | undefined
}

/**
 * A fault injector around a real cursor: the fetches whose number (from 1) `hang` picks reach the
 * server — the cursor moves — but their answers are held back until `release()` (never, if not called),
 * as when a response is stuck in a dead connection.
 */
function stallingServer(
  rows: readonly number[],
  hang: (call: number) => boolean,
): { fetch: FetchFunction<number>; seen: SeenFetch[]; release: () => void } {
  const cursor = cursorFromArray(rows)
  const seen: SeenFetch[] = []
  const held: (() => void)[] = []
  const fetch: FetchFunction<number> = async (orientation, maxRows, offset, options) => {
    seen.push({ orientation, maxRows, signal: options?.signal })
    const answer = await cursor.fetch(orientation, maxRows, offset)
    if (!hang(seen.length)) return answer
    return new Promise<RowSet<number>>((resolve) =>
      held.push(() => {
        resolve(answer)
      }),
    )
  }
  return {
    fetch,
    seen,
    release: () => {
      held.splice(0).forEach((deliver) => {
        deliver()
      })
    },
  }
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = []
  for await (const row of rows) read.push(row)
  return read
}

/** The timers (setTimeout, setInterval) alive in this process. */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length
}

describe('resumableReader fetchTimeoutMs', () => {
  it('abandons an attempt that never answers and reads every row exactly once, in order', async () => {
    const { fetch, seen } = stallingServer(range(0, 12), (call) => call === 2)
    const events: ResumableReadEvent[] = []
    const reader = resumableReader(fetch, {
      maxRows: 5,
      fetchTimeoutMs: 50,
      retryDelayMs: 0,
      onEvent: (event) => events.push(event),
    })

    await expect(collect(reader)).resolves.toEqual(range(0, 12))
    // The second FETCH_NEXT moved the server but its answer never came: re-synchronised with FETCH_PRIOR.
    expect(seen.map((fetch) => fetch.orientation)).toEqual([
      FetchOrientation.FETCH_NEXT,
      FetchOrientation.FETCH_NEXT,
      FetchOrientation.FETCH_PRIOR,
      FetchOrientation.FETCH_NEXT,
      FetchOrientation.FETCH_NEXT,
    ])
    const abandoned = seen[1]?.signal
    expect(abandoned?.aborted).toBe(true)
    expect(abandoned?.reason).toMatchObject({ code: ErrorCode.FETCH_TIMEOUT })
    // Only the abandoned attempt's signal was aborted.
    expect(seen.filter((fetch) => fetch.signal?.aborted === true)).toHaveLength(1)
    const failure = events.find((event) => event.type === 'transport-error')
    expect(failure).toMatchObject({ failures: 1, error: { code: ErrorCode.FETCH_TIMEOUT } })
  })

  it('ignores the late answer of an abandoned attempt: no row twice, none out of order', async () => {
    let server: ReturnType<typeof stallingServer> | undefined = undefined
    // The first fetch's answer is held; it is delivered while the reader is already reading on.
    server = stallingServer(range(0, 20), (call) => {
      if (call === 4) server?.release()
      return call === 1
    })
    const rows = await collect(
      resumableReader(server.fetch, { maxRows: 5, fetchTimeoutMs: 50, retryDelayMs: 0 }),
    )
    expect(rows).toEqual(range(0, 20))
    expect(server.seen[0]?.signal?.aborted).toBe(true)
  })

  it('rejects with FETCH_RETRIES_EXHAUSTED, caused by the timeout, when every attempt hangs', async () => {
    const { fetch, seen } = stallingServer(range(0, 12), () => true)
    const error = await collect(
      resumableReader(fetch, { maxRows: 5, fetchTimeoutMs: 20, maxRetries: 2, retryDelayMs: 0 }),
    ).catch((e: unknown) => e)

    expect(BatchgateError.is(error, ErrorCode.FETCH_RETRIES_EXHAUSTED)).toBe(true)
    expect((error as Error).message).toContain('3 consecutive failed attempt(s)')
    expect((error as Error).message).toContain('no answer within 20 ms')
    expect((error as Error).cause).toMatchObject({ code: ErrorCode.FETCH_TIMEOUT })
    expect(seen).toHaveLength(3)
    expect(seen.every((fetch) => fetch.signal?.aborted === true)).toBe(true)
  })

  it('hands every attempt a signal, even by default, and leaves no timer behind when the read ends', async () => {
    const before = activeTimers()
    const { fetch, seen } = stallingServer(range(0, 12), () => false)
    await expect(collect(resumableReader(fetch, { maxRows: 5 }))).resolves.toEqual(range(0, 12))
    expect(seen).toHaveLength(3)
    expect(seen.every((fetch) => fetch.signal !== undefined && !fetch.signal.aborted)).toBe(true)
    expect(activeTimers()).toBe(before)
  })

  it('leaves no timer behind when the read fails or the caller stops early', async () => {
    const before = activeTimers()
    const failing: FetchFunction<number> = () => Promise.reject(new Error('ECONNRESET'))
    await expect(collect(resumableReader(failing, { maxRows: 5, maxRetries: 0 }))).rejects.toMatchObject({
      code: ErrorCode.FETCH_RETRIES_EXHAUSTED,
    })
    const { fetch } = stallingServer(range(0, 12), () => false)
    for await (const row of resumableReader(fetch, { maxRows: 5 })) if (row === 2) break
    expect(activeTimers()).toBe(before)
  })

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '50'])(
    'refuses fetchTimeoutMs %s with INVALID_FETCH_REQUEST',
    (fetchTimeoutMs) => {
      const { fetch } = stallingServer([], () => false)
      expect(() => resumableReader(fetch, { maxRows: 5, fetchTimeoutMs: fetchTimeoutMs as number })).toThrow(
        expect.objectContaining({
          code: ErrorCode.INVALID_FETCH_REQUEST,
          message: expect.stringContaining('fetchTimeoutMs') as unknown,
        }),
      )
    },
  )
})
