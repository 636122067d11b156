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
import { range } from './cursor-kinds.js'
import { injectFaults, scriptedFaults } from './fault-injector.js'
import { describeEvent, drain, fetchOf, rewriteAnswers } from './read-helpers.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR } = FetchOrientation
const quick = { maxRetries: 5, retryDelayMs: 0 }

function recorded(): { events: string[]; onEvent: (event: ResumableReadEvent) => void } {
  const events: string[] = []
  return { events, onEvent: (event) => events.push(describeEvent(event)) }
}

describe('resumableReader', () => {
  it('reads every row in order with FETCH_NEXT when nothing fails', async () => {
    const { events, onEvent } = recorded()
    const read = await drain(resumableReader(fetchOf(cursorFromArray(range(0, 12))), { maxRows: 5, onEvent }))
    expect(read).toEqual({ rows: range(0, 12), error: undefined })
    expect(events).toEqual([
      'FETCH_NEXT(5)',
      '@0+5 skip 0',
      'FETCH_NEXT(5)',
      '@5+5 skip 0',
      'FETCH_NEXT(5)',
      '@10+2 skip 0',
    ])
  })

  it('reads an empty result as no rows', async () => {
    await expect(drain(resumableReader(fetchOf(cursorFromArray([])), { maxRows: 5 }))).resolves.toEqual({
      rows: [],
      error: undefined,
    })
  })

  it.each([
    {
      lost: 'response' as const,
      // The server moved to [10, 15): PRIOR answers [5, 10), all read, and NEXT goes on from 10.
      events: ['FETCH_NEXT(5)', 'lost #1', 'FETCH_PRIOR(5)', '@5+5 skip 5', 'FETCH_NEXT(5)', '@10+5 skip 0'],
    },
    {
      lost: 'request' as const,
      // The server still stood at [5, 10): PRIOR goes to [0, 5), NEXT re-reads [5, 10), skipped, then on.
      events: [
        'FETCH_NEXT(5)',
        'lost #1',
        'FETCH_PRIOR(5)',
        '@0+5 skip 5',
        'FETCH_NEXT(5)',
        '@5+5 skip 5',
        'FETCH_NEXT(5)',
        '@10+5 skip 0',
      ],
    },
  ])('recovers a lost $lost with FETCH_PRIOR and its startRowOffset', async ({ lost, events: expected }) => {
    const { events, onEvent } = recorded()
    const { fetch } = injectFaults(fetchOf(cursorFromArray(range(0, 25))), scriptedFaults({ 2: lost }))
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick, onEvent }))
    expect(read).toEqual({ rows: range(0, 25), error: undefined })
    expect(events.slice(4, 4 + expected.length)).toEqual(expected)
  })

  it('repeats FETCH_PRIOR when its own answer is lost', async () => {
    const faults = scriptedFaults({ 3: 'response', 4: 'response', 5: 'request', 6: 'response' })
    const { fetch, stats } = injectFaults(fetchOf(cursorFromArray(range(0, 40))), faults)
    await expect(drain(resumableReader(fetch, { maxRows: 4, ...quick }))).resolves.toEqual({
      rows: range(0, 40),
      error: undefined,
    })
    expect(stats).toMatchObject({ lostRequests: 1, lostResponses: 3 })
  })

  it('yields the unseen rows of a FETCH_PRIOR answer when the very first response is lost', async () => {
    const { events, onEvent } = recorded()
    const { fetch } = injectFaults(fetchOf(cursorFromArray(range(0, 8))), scriptedFaults({ 0: 'response' }))
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick, onEvent }))
    expect(read.rows).toEqual(range(0, 8))
    expect(events.slice(2, 4)).toEqual(['FETCH_PRIOR(5)', '@0+5 skip 0'])
  })

  it('gives up after maxRetries consecutive failures with FETCH_RETRIES_EXHAUSTED and the last error', async () => {
    let attempts = 0
    const cause = new Error('ECONNRESET')
    const fetch: FetchFunction<number> = () => {
      attempts++
      return Promise.reject(cause)
    }
    const read = await drain(resumableReader(fetch, { maxRows: 5, maxRetries: 3, retryDelayMs: 1 }))
    expect(read.error).toMatchObject({ code: ErrorCode.FETCH_RETRIES_EXHAUSTED, cause })
    expect(String(read.error)).toMatch(/4 consecutive failed attempt\(s\): ECONNRESET/)
    expect(attempts).toBe(4)
  })

  it('counts only consecutive failures against maxRetries', async () => {
    const faults = scriptedFaults({ 1: 'request', 3: 'response', 5: 'request', 7: 'response' })
    const { fetch } = injectFaults(fetchOf(cursorFromArray(range(0, 30))), faults)
    const read = await drain(resumableReader(fetch, { maxRows: 3, maxRetries: 1, retryDelayMs: 0 }))
    expect(read).toEqual({ rows: range(0, 30), error: undefined })
  })

  it("passes on errors carrying the library's codes without retrying", async () => {
    let attempts = 0
    const refusal = new BatchgateError(ErrorCode.SCROLLBACK_EXCEEDED, 'window passed')
    const fetch: FetchFunction<number> = () => {
      attempts++
      return Promise.reject(refusal)
    }
    await expect(drain(resumableReader(fetch, { maxRows: 5, ...quick }))).resolves.toMatchObject({
      error: refusal,
    })
    expect(attempts).toBe(1)
  })

  it('passes on errors the host says are not retryable', async () => {
    const denied = new Error('403 Forbidden')
    const read = await drain(
      resumableReader(() => Promise.reject(denied), { maxRows: 5, ...quick, isRetryable: () => false }),
    )
    expect(read.error).toBe(denied)
  })

  it('stops fetching when the consumer stops reading', async () => {
    const { fetch, stats } = injectFaults(fetchOf(cursorFromArray(range(0, 100))), () => 'none')
    for await (const row of resumableReader(fetch, { maxRows: 10 })) if (row === 12) break
    expect(stats.calls).toBe(2)
  })

  it('can be iterated once; options are checked when it is made', async () => {
    const reader = resumableReader(fetchOf(cursorFromArray([1, 2])), { maxRows: 5 })
    await drain(reader)
    await expect(drain(reader)).resolves.toMatchObject({ rows: [], error: { code: ErrorCode.CLOSED } })
    const fetch = fetchOf(cursorFromArray([1]))
    expect(() => resumableReader(fetch, { maxRows: 0 })).toThrow(/maxRows/)
    expect(() => resumableReader(fetch, { maxRows: 1, maxRetries: -1 })).toThrow(/maxRetries/)
    expect(() => resumableReader(fetch, { maxRows: 1, retryDelayMs: 0.5 })).toThrow(/retryDelayMs/)
  })
})

describe('resumableReader against servers it cannot trust', () => {
  it('fails with UNSUPPORTED_FETCH_ORIENTATION (HY106) when an old server refuses FETCH_PRIOR', async () => {
    const oldServer = cursorFromArray(range(0, 30), { orientations: [NEXT, FetchOrientation.FETCH_FIRST] })
    const { fetch } = injectFaults(fetchOf(oldServer), scriptedFaults({ 2: 'response' }))
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 10))
    expect(read.error).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION, sqlState: 'HY106' })
    expect(String(read.error)).toMatch(/cannot resume the read after row 10: .*response lost.*FETCH_PRIOR/)
    expect((read.error as Error).cause).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION })
  })

  it('fails with FETCH_OFFSET_MISMATCH against an old server that always reports startRowOffset 0', async () => {
    const zero = rewriteAnswers(fetchOf(cursorFromArray(range(0, 30))), (answer) => ({
      ...answer,
      startRowOffset: 0,
    }))
    const read = await drain(resumableReader(zero, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 5))
    expect(read.error).toMatchObject({ code: ErrorCode.FETCH_OFFSET_MISMATCH })
    expect(String(read.error)).toMatch(/startRowOffset 0, but the previous block ended at row 5/)
  })

  it("fails at once against a server that reports the block's end as its start (Kyuubi)", async () => {
    const end = rewriteAnswers(fetchOf(cursorFromArray(range(0, 30))), (answer) => ({
      ...answer,
      startRowOffset: answer.startRowOffset + answer.rows.length,
    }))
    const read = await drain(resumableReader(end, { maxRows: 5, ...quick }))
    expect(read).toMatchObject({ rows: [], error: { code: ErrorCode.FETCH_OFFSET_MISMATCH } })
  })

  it('fails when a FETCH_PRIOR answer starts after the rows read (rows would be lost)', async () => {
    const ahead = rewriteAnswers(fetchOf(cursorFromArray(range(0, 30))), (answer, orientation) =>
      orientation === PRIOR ? { ...answer, startRowOffset: 20 } : answer,
    )
    const { fetch } = injectFaults(ahead, scriptedFaults({ 1: 'request' }))
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 5))
    expect(String(read.error)).toMatch(
      /FETCH_PRIOR answered with startRowOffset 20, but only 5 rows were read/,
    )
  })

  it('fails when a server ends the result before rows already read, or sends an empty block with more to come', async () => {
    const short = rewriteAnswers(fetchOf(cursorFromArray(range(0, 30))), (answer, orientation) =>
      orientation === PRIOR ? { ...answer, hasMoreRows: false } : answer,
    )
    const { fetch } = injectFaults(short, scriptedFaults({ 2: 'response' }))
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick }))
    expect(String(read.error)).toMatch(
      /FETCH_PRIOR says the result ends at row 10, but earlier answers showed at least 11 rows/,
    )
    const stuck: FetchFunction<number> = () =>
      Promise.resolve({ startRowOffset: 0, rows: [], hasMoreRows: true })
    await expect(drain(resumableReader(stuck, { maxRows: 5 }))).resolves.toMatchObject({
      error: { code: ErrorCode.FETCH_OFFSET_MISMATCH },
    })
  })
})
