import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  FetchOrientation,
  cursorFromArray,
  cursorFromIterable,
  resumableReader,
  type FetchFunction,
  type OperationCursor,
  type ResumableReadEvent,
} from '@batchgate/core'
import { lossyTransport, scriptedLosses, type MessageLoss } from '@batchgate/testkit'
import { range } from './range.js'
import { describeEvent, drain, rewriteAnswers } from './resumable-reader-helpers.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR } = FetchOrientation
const quick = { maxRetries: 5, retryDelayMs: 0 }

function recorded(): { events: string[]; onEvent: (event: ResumableReadEvent) => void } {
  const events: string[] = []
  return { events, onEvent: (event) => events.push(describeEvent(event)) }
}

/** A server over rows `0..count-1`, its fetch as a transport would call it. */
function serverFetch(count: number): FetchFunction<number> {
  const cursor: OperationCursor<number> = cursorFromArray(range(0, count))
  return cursor.fetch.bind(cursor)
}

/** `fetch` behind a transport that loses the listed calls. */
function losing<T>(fetch: FetchFunction<T>, losses: Readonly<Record<number, MessageLoss>>) {
  return lossyTransport(fetch, scriptedLosses(losses))
}

describe('resumableReader recovering from scripted losses', () => {
  it.each([
    {
      lost: 'response' as const,
      // The server moved to [10, 15): PRIOR(1) answers [9, 10), read already, and NEXT goes on from 10.
      events: ['FETCH_NEXT(5)', 'lost #1', 'FETCH_PRIOR(1)', '@9+1 skip 1', 'FETCH_NEXT(5)', '@10+5 skip 0'],
    },
    {
      lost: 'request' as const,
      // The server still stood at [5, 10): PRIOR(1) goes to [4, 5), NEXT re-reads [5, 10), skipped, then on.
      events: [
        'FETCH_NEXT(5)',
        'lost #1',
        'FETCH_PRIOR(1)',
        '@4+1 skip 1',
        'FETCH_NEXT(5)',
        '@5+5 skip 5',
        'FETCH_NEXT(5)',
        '@10+5 skip 0',
      ],
    },
  ])('recovers a lost $lost with FETCH_PRIOR and its startRowOffset', async ({ lost, events: expected }) => {
    const { events, onEvent } = recorded()
    const { fetch } = losing(serverFetch(25), { 2: lost })
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick, onEvent }))
    expect(read).toEqual({ rows: range(0, 25), error: undefined })
    expect(events.slice(4, 4 + expected.length)).toEqual(expected)
  })

  it('repeats FETCH_PRIOR when its own answer is lost', async () => {
    const losses = { 3: 'response', 4: 'response', 5: 'request', 6: 'response' } as const
    const { fetch, stats } = losing(serverFetch(40), losses)
    await expect(drain(resumableReader(fetch, { maxRows: 4, ...quick }))).resolves.toEqual({
      rows: range(0, 40),
      error: undefined,
    })
    expect(stats).toMatchObject({ lostRequests: 1, lostResponses: 3 })
  })

  it('yields the unseen rows of a FETCH_PRIOR answer when the very first response is lost', async () => {
    const { events, onEvent } = recorded()
    const { fetch } = losing(serverFetch(8), { 0: 'response' })
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick, onEvent }))
    expect(read.rows).toEqual(range(0, 8))
    expect(events.slice(2, 4)).toEqual(['FETCH_PRIOR(1)', '@0+1 skip 0'])
  })

  it('survives a run of lost answers on a stream that keeps only one block of scrollback', async () => {
    // Each lost FETCH_PRIOR moves the server back one row, not a whole block: 10 rows of scrollback
    // cover three lost answers in a row on a source that cannot be re-opened.
    const server = cursorFromIterable(() => range(0, 100), { scrollbackRows: 10, reopenable: false })
    const { fetch, stats } = losing(server.fetch.bind(server), {
      5: 'response',
      6: 'response',
      7: 'response',
    })
    const read = await drain(resumableReader(fetch, { maxRows: 10, ...quick }))
    expect(read).toEqual({ rows: range(0, 100), error: undefined })
    expect(stats.lostResponses).toBe(3)
  })

  it('counts only consecutive failures against maxRetries', async () => {
    const { fetch } = losing(serverFetch(30), { 1: 'request', 3: 'response', 5: 'request', 7: 'response' })
    const read = await drain(resumableReader(fetch, { maxRows: 3, maxRetries: 1, retryDelayMs: 0 }))
    expect(read).toEqual({ rows: range(0, 30), error: undefined })
  })
})

describe('resumableReader against servers it cannot trust', () => {
  it('fails with UNSUPPORTED_FETCH_ORIENTATION (HY106) when an old server refuses FETCH_PRIOR', async () => {
    const oldServer = cursorFromArray(range(0, 30), { orientations: [NEXT, FetchOrientation.FETCH_FIRST] })
    const { fetch } = losing(oldServer.fetch.bind(oldServer), { 2: 'response' })
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 10))
    expect(read.error).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION, sqlState: 'HY106' })
    expect(String(read.error)).toMatch(/cannot resume the read after row 10: .*response lost.*FETCH_PRIOR/)
    expect((read.error as Error).cause).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION })
  })

  it('fails with FETCH_OFFSET_MISMATCH against an old server that always reports startRowOffset 0', async () => {
    const zero = rewriteAnswers(serverFetch(30), (answer) => ({ ...answer, startRowOffset: 0 }))
    const read = await drain(resumableReader(zero, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 5))
    expect(read.error).toMatchObject({ code: ErrorCode.FETCH_OFFSET_MISMATCH })
    expect(String(read.error)).toMatch(/startRowOffset 0, but the previous block ended at row 5/)
  })

  it("fails at once against a server that reports the block's end as its start (Kyuubi)", async () => {
    const end = rewriteAnswers(serverFetch(30), (answer) => ({
      ...answer,
      startRowOffset: answer.startRowOffset + answer.rows.length,
    }))
    const read = await drain(resumableReader(end, { maxRows: 5, ...quick }))
    expect(read).toMatchObject({ rows: [], error: { code: ErrorCode.FETCH_OFFSET_MISMATCH } })
  })

  it('fails when a FETCH_PRIOR answer starts after the rows read (rows would be lost)', async () => {
    const ahead = rewriteAnswers(serverFetch(30), (answer, orientation) =>
      orientation === PRIOR ? { ...answer, startRowOffset: 20 } : answer,
    )
    const { fetch } = losing(ahead, { 1: 'request' })
    const read = await drain(resumableReader(fetch, { maxRows: 5, ...quick }))
    expect(read.rows).toEqual(range(0, 5))
    expect(String(read.error)).toMatch(
      /FETCH_PRIOR answered with startRowOffset 20, but only 5 rows were read/,
    )
  })

  it('fails when a server ends the result before rows already read, or sends an empty block with more to come', async () => {
    const short = rewriteAnswers(serverFetch(30), (answer, orientation) =>
      orientation === PRIOR ? { ...answer, hasMoreRows: false } : answer,
    )
    const { fetch } = losing(short, { 2: 'response' })
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
