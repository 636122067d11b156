import { describe, expect, it } from 'vitest'
import {
  ErrorCode,
  cursorFromArray,
  resumableReader,
  type OperationCursor,
  type ResumableReadEvent,
} from '@batchgate/core'
import { range } from './cursor-kinds.js'
import { injectFaults, randomFaults } from './fault-injector.js'
import { drain, fetchOf, streamingServers } from './read-helpers.js'

const ROWS = 50_000
const MAX_ROWS = 7
const SEEDS = [1, 2, 3]
/** Lose about one request and one response in ten: a fifth of all fetches fail. */
const LOSS_RATE = 0.1
const reading = { maxRows: MAX_ROWS, maxRetries: 20, retryDelayMs: 0 }

async function readThroughFaults(server: OperationCursor<number>, seed: number) {
  const { fetch, stats } = injectFaults(fetchOf(server), randomFaults(seed, LOSS_RATE, LOSS_RATE))
  let resyncs = 0
  const onEvent = (event: ResumableReadEvent): void => {
    if (event.type === 'transport-error') resyncs++
  }
  const read = await drain(resumableReader(fetch, { ...reading, onEvent }))
  return { ...read, stats, resyncs }
}

const servers = [
  { name: 'array cursor', make: (count: number) => cursorFromArray(range(0, count)) },
  ...streamingServers.map(({ name, make }) => ({
    name: `${name} streaming cursor, scrollback 3 × maxRows`,
    make: (count: number) => make(count, 3 * MAX_ROWS),
  })),
]

describe.each(servers)('resumableReader through a lossy transport to an $name', ({ make }) => {
  it.each(SEEDS)(`yields all ${ROWS} rows exactly once, in order (seed %i)`, async (seed) => {
    const { rows, error, stats, resyncs } = await readThroughFaults(make(ROWS), seed)
    expect(error).toBeUndefined()
    expect(rows.length).toBe(ROWS)
    expect(rows.every((row, index) => row === index)).toBe(true)
    expect(stats.lostRequests).toBeGreaterThan(500)
    expect(stats.lostResponses).toBeGreaterThan(500)
    expect(resyncs).toBe(stats.lostRequests + stats.lostResponses)
  })
})

describe.each(streamingServers)(
  'resumableReader and a $name streaming cursor with little scrollback',
  ({ make }) => {
    it.each(SEEDS)(
      're-opens the source to re-synchronise when scrollback < maxRows (seed %i)',
      async (seed) => {
        const { rows, error, stats } = await readThroughFaults(make(3_000, 0), seed)
        expect(error).toBeUndefined()
        expect(rows).toEqual(range(0, 3_000))
        expect(stats.lostRequests + stats.lostResponses).toBeGreaterThan(100)
      },
    )

    it.each(SEEDS)(
      'fails with SCROLLBACK_EXCEEDED, never a wrong row, when it cannot re-open (seed %i)',
      async (seed) => {
        const { rows, error } = await readThroughFaults(make(3_000, 0, false), seed)
        expect(error).toMatchObject({ code: ErrorCode.SCROLLBACK_EXCEEDED })
        expect(rows).toEqual(range(0, rows.length))
      },
    )

    it.each(SEEDS)(
      'either completes or fails with SCROLLBACK_EXCEEDED after a clean prefix (seed %i)',
      async (seed) => {
        const { rows, error } = await readThroughFaults(make(20_000, 2 * MAX_ROWS, false), seed)
        expect(rows).toEqual(range(0, rows.length))
        if (error === undefined) expect(rows.length).toBe(20_000)
        else expect(error).toMatchObject({ code: ErrorCode.SCROLLBACK_EXCEEDED })
      },
    )
  },
)
