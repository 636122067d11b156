import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  FetchOrientation,
  cursorFromArray,
  resumableReader,
  type OperationCursor,
  type ResumableReadEvent,
} from '@batchgate/core'
import { LostMessageError, lossyTransport, randomLosses, scriptedLosses } from '@batchgate/testkit'
import { streamingKinds } from './cursor-kinds.js'
import { range } from './range.js'
import { drain } from './resumable-reader-helpers.js'

const ROWS = 50_000
const MAX_ROWS = 7
const SEEDS = [1, 2, 3]
/** Lose about one request and one response in ten: a fifth of all fetches fail. */
const LOSS_RATE = 0.1
const reading = { maxRows: MAX_ROWS, maxRetries: 20, retryDelayMs: 0 }

async function readThroughLosses(server: OperationCursor<number>, seed: number) {
  const transport = lossyTransport(server.fetch.bind(server), randomLosses(seed, LOSS_RATE, LOSS_RATE))
  let resyncs = 0
  const onEvent = (event: ResumableReadEvent): void => {
    if (event.type === 'transport-error') resyncs++
  }
  const read = await drain(resumableReader(transport.fetch, { ...reading, onEvent }))
  return { ...read, stats: transport.stats, resyncs }
}

const servers = [
  { name: 'array cursor', make: (count: number) => cursorFromArray(range(0, count)) },
  ...streamingKinds.map(({ name, make }) => ({
    name: `${name} streaming cursor, scrollback 3 × maxRows`,
    make: (count: number) => make(count, { scrollbackRows: 3 * MAX_ROWS }),
  })),
]

describe.each(servers)('resumableReader through a lossyTransport to an $name', ({ make }) => {
  it.each(SEEDS)(`yields all ${ROWS} rows exactly once, in order (seed %i)`, async (seed) => {
    const { rows, error, stats, resyncs } = await readThroughLosses(make(ROWS), seed)
    expect(error).toBeUndefined()
    expect(rows.length).toBe(ROWS)
    expect(rows.every((row, index) => row === index)).toBe(true)
    expect(stats.lostRequests).toBeGreaterThan(500)
    expect(stats.lostResponses).toBeGreaterThan(500)
    expect(resyncs).toBe(stats.lostRequests + stats.lostResponses)
  })
})

describe.each(streamingKinds)(
  'resumableReader and an $name streaming cursor with little scrollback',
  ({ make }) => {
    it.each(SEEDS)(
      're-opens the source to re-synchronise when scrollback < maxRows (seed %i)',
      async (seed) => {
        const { rows, error, stats } = await readThroughLosses(make(3_000, { scrollbackRows: 0 }), seed)
        expect(error).toBeUndefined()
        expect(rows).toEqual(range(0, 3_000))
        expect(stats.lostRequests + stats.lostResponses).toBeGreaterThan(100)
      },
    )

    it.each(SEEDS)(
      'fails with SCROLLBACK_EXCEEDED, never a wrong row, when it cannot re-open (seed %i)',
      async (seed) => {
        const server = make(3_000, { scrollbackRows: 0, reopenable: false })
        const { rows, error } = await readThroughLosses(server, seed)
        expect(error).toMatchObject({ code: ErrorCode.SCROLLBACK_EXCEEDED })
        expect(rows).toEqual(range(0, rows.length))
      },
    )

    it.each(SEEDS)(
      'either completes or fails with SCROLLBACK_EXCEEDED after a clean prefix (seed %i)',
      async (seed) => {
        const server = make(20_000, { scrollbackRows: 2 * MAX_ROWS, reopenable: false })
        const { rows, error } = await readThroughLosses(server, seed)
        expect(rows).toEqual(range(0, rows.length))
        if (error === undefined) expect(rows.length).toBe(20_000)
        else expect(error).toMatchObject({ code: ErrorCode.SCROLLBACK_EXCEEDED })
      },
    )
  },
)

describe('the lossy transport', () => {
  it('replays the same losses from the same seed, and loses at about the given rates', () => {
    const fates = (seed: number) => {
      const plan = randomLosses(seed, 0.2, 0.3)
      return Array.from({ length: 10_000 }, (_, call) => plan(call, 'FETCH_NEXT'))
    }
    const first = fates(11)
    expect(fates(11)).toEqual(first)
    expect(fates(12)).not.toEqual(first)
    const share = (loss: string) => first.filter((fate) => fate === loss).length / first.length
    expect(share('request')).toBeCloseTo(0.2, 1)
    expect(share('response')).toBeCloseTo(0.3, 1)
  })

  it('loses a request before the server, and a response after the server moved', async () => {
    const server = cursorFromArray(range(0, 10))
    const losses = scriptedLosses({ 0: 'request', 1: 'response' })
    const { fetch, stats } = lossyTransport(server.fetch.bind(server), losses)
    await expect(fetch(FetchOrientation.FETCH_NEXT, 3)).rejects.toMatchObject({
      name: 'LostMessageError',
      lost: 'request',
      message: 'request lost before the server',
    })
    await expect(fetch(FetchOrientation.FETCH_NEXT, 3)).rejects.toThrow(LostMessageError)
    await expect(fetch(FetchOrientation.FETCH_NEXT, 3)).resolves.toMatchObject({ startRowOffset: 3 })
    expect(stats).toEqual({ calls: 3, lostRequests: 1, lostResponses: 1 })
  })

  it('refuses rates outside [0, 1] or summing above 1', () => {
    expect(() => randomLosses(1, -0.1, 0)).toThrow(/requestLossRate must be between 0 and 1, got -0.1/)
    expect(() => randomLosses(1, 0, Number.NaN)).toThrow(/responseLossRate/)
    expect(() => randomLosses(1, 0.6, 0.5)).toThrow(/at most 1, got 1.1/)
  })
})
