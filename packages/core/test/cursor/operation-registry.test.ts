import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  OperationRegistry,
  cursorFromArray,
  cursorFromIterable,
  type OperationCursor,
  type RowSet,
} from '@batchgate/core'
import { range } from './range.js'
import { trackedSource } from './tracked-source.js'

const { FETCH_NEXT: NEXT } = FetchOrientation
const IDLE_MS = 60_000

/** A clock the test moves by hand, so idle expiry needs no sleeping. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000
  return { now: () => time, advance: (ms) => (time += ms) }
}

/** A cursor whose fetch waits until the test releases it. */
function stalledCursor(): { cursor: OperationCursor<number>; release: () => void } {
  let release = (): void => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const answer: RowSet<number> = { startRowOffset: 0, rows: [0], hasMoreRows: false }
  const cursor: OperationCursor<number> = {
    fetch: async () => {
      await gate
      return answer
    },
    close: () => Promise.resolve(),
  }
  return { cursor, release }
}

const registries: OperationRegistry[] = []
function registry(clock = manualClock(), options = {}): OperationRegistry<number> {
  const made = new OperationRegistry<number>({ idleTimeoutMs: IDLE_MS, now: clock.now, ...options })
  registries.push(made)
  return made
}

afterEach(async () => {
  await Promise.all(registries.splice(0).map((made) => made.closeAll()))
  vi.useRealTimers()
})

describe('OperationRegistry', () => {
  it('opens cursors under distinct UUID handles, fetches and closes by handle', async () => {
    const operations = registry()
    const first = operations.open(cursorFromArray(range(0, 10)))
    const second = operations.open(cursorFromArray(range(0, 3)))
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(second).not.toBe(first)
    await expect(operations.fetch(first, NEXT, 4)).resolves.toMatchObject({
      startRowOffset: 0,
      rows: range(0, 4),
    })
    await expect(operations.fetch(first, NEXT, 4)).resolves.toMatchObject({ startRowOffset: 4 })
    await expect(operations.fetch(second, NEXT, 4)).resolves.toMatchObject({
      rows: [0, 1, 2],
      hasMoreRows: false,
    })
    await operations.close(first)
    expect(operations.size).toBe(1)
  })

  it('fails an unknown or closed handle with OPERATION_NOT_FOUND', async () => {
    const operations = registry()
    const handle = operations.open(cursorFromArray([1]))
    await operations.close(handle)
    for (const attempt of [
      operations.fetch(handle, NEXT, 1),
      operations.close(handle),
      operations.fetch('nope', NEXT, 1),
    ]) {
      await expect(attempt).rejects.toSatisfy((error) =>
        BatchgateError.is(error, ErrorCode.OPERATION_NOT_FOUND),
      )
    }
  })

  it('closes cursors idle longer than idleTimeoutMs, freeing their sources, and keeps the others', async () => {
    const clock = manualClock()
    const operations = registry(clock)
    const { factory, log } = trackedSource(100)
    const idle = operations.open(cursorFromIterable(factory, { scrollbackRows: 5 }))
    const busy = operations.open(cursorFromArray(range(0, 100)))
    await operations.fetch(idle, NEXT, 10)
    clock.advance(IDLE_MS / 2)
    await operations.fetch(busy, NEXT, 10)
    clock.advance(IDLE_MS / 2)
    await expect(operations.closeIdle()).resolves.toEqual([]) // idle for exactly the timeout, not longer
    clock.advance(1)
    await expect(operations.closeIdle()).resolves.toEqual([idle])
    expect(log.returned).toBe(1)
    await expect(operations.fetch(idle, NEXT, 1)).rejects.toThrow(/closed for being idle/)
    await expect(operations.fetch(busy, NEXT, 10)).resolves.toMatchObject({ startRowOffset: 10 })
  })

  it('never closes a cursor while a fetch on it is in progress', async () => {
    const clock = manualClock()
    const operations = registry(clock)
    const { cursor, release } = stalledCursor()
    const handle = operations.open(cursor)
    const fetching = operations.fetch(handle, NEXT, 1)
    clock.advance(IDLE_MS * 10)
    await expect(operations.closeIdle()).resolves.toEqual([])
    release()
    await expect(fetching).resolves.toMatchObject({ rows: [0] })
    clock.advance(IDLE_MS)
    await expect(operations.closeIdle()).resolves.toEqual([])
    clock.advance(1)
    await expect(operations.closeIdle()).resolves.toEqual([handle])
  })

  it('sweeps idle cursors on its own timer', async () => {
    vi.useFakeTimers()
    const operations = new OperationRegistry<number>({ idleTimeoutMs: IDLE_MS })
    registries.push(operations)
    const handle = operations.open(cursorFromArray([1, 2]))
    await vi.advanceTimersByTimeAsync(IDLE_MS * 2 + 1)
    expect(operations.size).toBe(0)
    await expect(operations.fetch(handle, NEXT, 1)).rejects.toMatchObject({
      code: ErrorCode.OPERATION_NOT_FOUND,
    })
  })

  it('closeAll closes every cursor, reports close failures, and refuses new cursors', async () => {
    const failures: string[] = []
    const operations = registry(manualClock(), {
      onCloseError: (_: unknown, handle: string) => failures.push(handle),
    })
    const { factory, log } = trackedSource(100, { async: true })
    const streaming = operations.open(cursorFromIterable(factory, { scrollbackRows: 1 }))
    await operations.fetch(streaming, NEXT, 3)
    const failing = operations.open({
      fetch: () => Promise.reject(new Error('unused')),
      close: () => Promise.reject(new Error('boom')),
    })
    await operations.closeAll()
    expect(log.returned).toBe(1)
    expect(failures).toEqual([failing])
    expect(() => operations.open(cursorFromArray([]))).toThrow(/closed/)
  })

  it('refuses bad durations', () => {
    expect(() => new OperationRegistry({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/)
    expect(() => new OperationRegistry({ sweepIntervalMs: 1.5 })).toThrow(/sweepIntervalMs/)
  })
})
