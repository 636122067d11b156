import { describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode, FetchOrientation, cursorFromIterable } from '@batchgate/core'
import { range } from './range.js'
import { trackedSource } from './tracked-source.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR, FETCH_FIRST: FIRST, FETCH_LAST: LAST } = FetchOrientation
const { FETCH_ABSOLUTE: ABSOLUTE, FETCH_RELATIVE: RELATIVE } = FetchOrientation
const orientations = Object.values(FetchOrientation)

describe.each([
  { kind: 'sync', async: false },
  { kind: 'async', async: true },
])('cursorFromIterable over a $kind source', ({ async }) => {
  it('keeps at most scrollbackRows + maxRows + 1 rows while streaming a long result', async () => {
    const { factory, log } = trackedSource(200_000, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 500 })
    let largest = 0
    for (let start = 0; ; start += 1000) {
      const block = await cursor.fetch(NEXT, 1000)
      expect(block.startRowOffset).toBe(start)
      expect(block.rows[0]).toBe(block.rows.length === 0 ? undefined : start)
      largest = Math.max(largest, cursor.bufferedRows)
      if (!block.hasMoreRows) break
    }
    expect(largest).toBeLessThanOrEqual(500 + 1000 + 1)
    expect(log).toEqual({ opened: 1, returned: 0, produced: 200_000 })
  })

  it('keeps the window bound while it skips far ahead, reads to the end for LAST, and re-opens', async () => {
    let largest = 0
    const probe = { buffered: () => 0 }
    const { factory, log } = trackedSource(50_000, {
      async,
      onRow: () => (largest = Math.max(largest, probe.buffered())),
    })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 10 })
    probe.buffered = () => cursor.bufferedRows
    await expect(cursor.fetch(ABSOLUTE, 5, 30_000)).resolves.toMatchObject({ rows: range(30_000, 30_005) })
    await expect(cursor.fetch(LAST, 5)).resolves.toMatchObject({ rows: range(49_995, 50_000) })
    await expect(cursor.fetch(ABSOLUTE, 5, 20_000)).resolves.toMatchObject({ rows: range(20_000, 20_005) })
    expect(log.opened).toBe(2)
    expect(largest).toBeLessThanOrEqual(10 + 5 + 1)
  })

  it('forgets the rows more than scrollbackRows before the block, and keeps the rows read ahead', async () => {
    const { factory } = trackedSource(1_000, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 10 })
    await cursor.fetch(NEXT, 100)
    expect(cursor.bufferedRows).toBe(101) // [0, 101): the block and one row of look-ahead
    await cursor.fetch(ABSOLUTE, 5, 90)
    expect(cursor.bufferedRows).toBe(21) // [80, 101)
    await cursor.fetch(NEXT, 3)
    expect(cursor.bufferedRows).toBe(16) // [85, 101)
  })

  it('keeps the window bound and the right rows under random moves', async () => {
    const { factory } = trackedSource(5_000, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 30 })
    // Park–Miller's minimal generator: replayable moves (core's tests cannot use testkit's seededRandom).
    let state = 7
    const random = (): number => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647
    for (let move = 0; move < 400; move++) {
      const orientation = orientations[Math.floor(random() * orientations.length)] ?? NEXT
      const maxRows = 1 + Math.floor(random() * 50)
      const offset =
        orientation === ABSOLUTE || orientation === RELATIVE ? Math.floor(random() * 6000) - 500 : undefined
      const block = await cursor.fetch(orientation, maxRows, offset)
      expect(block.rows).toEqual(range(block.startRowOffset, block.startRowOffset + block.rows.length))
      expect(cursor.bufferedRows).toBeLessThanOrEqual(30 + 50 + 1)
    }
  })

  it('serves moves inside the window from memory, without re-opening the source', async () => {
    const { factory, log } = trackedSource(100, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 10 })
    await cursor.fetch(NEXT, 10)
    await cursor.fetch(NEXT, 10) // [10, 20), window [0, 21)
    await expect(cursor.fetch(PRIOR, 10)).resolves.toMatchObject({ startRowOffset: 0, rows: range(0, 10) })
    await expect(cursor.fetch(RELATIVE, 5, 7)).resolves.toMatchObject({
      startRowOffset: 7,
      rows: range(7, 12),
    })
    await expect(cursor.fetch(ABSOLUTE, 5, 0)).resolves.toMatchObject({ startRowOffset: 0 })
    expect(log.opened).toBe(1)
    expect(log.produced).toBe(21) // one row of look-ahead answers hasMoreRows
  })

  it('re-opens the source for a move before the window, closing the old pass', async () => {
    const { factory, log } = trackedSource(100, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 5 })
    await cursor.fetch(ABSOLUTE, 10, 50)
    await expect(cursor.fetch(PRIOR, 10)).resolves.toMatchObject({ startRowOffset: 40, rows: range(40, 50) })
    expect(log).toMatchObject({ opened: 2, returned: 1 })
    await expect(cursor.fetch(NEXT, 10)).resolves.toMatchObject({ startRowOffset: 50, rows: range(50, 60) })
    expect(log.opened).toBe(2)
  })

  it('fails a move before the window with SCROLLBACK_EXCEEDED when the source cannot be re-opened', async () => {
    const { factory, log } = trackedSource(100, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 5, reopenable: false })
    await cursor.fetch(ABSOLUTE, 10, 50)
    await expect(cursor.fetch(PRIOR, 5)).resolves.toMatchObject({ startRowOffset: 45 })
    const error: unknown = await cursor.fetch(FIRST, 5).catch((e: unknown) => e)
    expect(BatchgateError.is(error, ErrorCode.SCROLLBACK_EXCEEDED)).toBe(true)
    expect(String(error)).toMatch(
      /FETCH_FIRST needs row 0, but this cursor keeps rows \[45, 61\) \(scrollbackRows: 5\)/,
    )
    await expect(cursor.fetch(NEXT, 5)).resolves.toMatchObject({ startRowOffset: 50, rows: range(50, 55) })
    expect(log.opened).toBe(1)
  })

  it('reads to the end for LAST, keeping only the window, then scrolls back within it', async () => {
    const { factory, log } = trackedSource(10_000, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 20 })
    await expect(cursor.fetch(LAST, 10)).resolves.toEqual({
      startRowOffset: 9_990,
      rows: range(9_990, 10_000),
      hasMoreRows: false,
    })
    expect(cursor.bufferedRows).toBeLessThanOrEqual(31)
    await expect(cursor.fetch(PRIOR, 20)).resolves.toMatchObject({
      startRowOffset: 9_970,
      rows: range(9_970, 9_990),
    })
    expect(log.opened).toBe(1)
  })

  it('clamps a far ABSOLUTE to the end it discovers', async () => {
    const { factory } = trackedSource(30, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 4 })
    await expect(cursor.fetch(ABSOLUTE, 5, 1_000_000)).resolves.toEqual({
      startRowOffset: 30,
      rows: [],
      hasMoreRows: false,
    })
    await expect(cursor.fetch(PRIOR, 4)).resolves.toMatchObject({ startRowOffset: 26, rows: range(26, 30) })
  })

  it('closes the source iterator on close(), and never opens it for a cursor never fetched', async () => {
    const { factory, log } = trackedSource(100, { async })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 5 })
    await cursor.fetch(NEXT, 10)
    await cursor.close()
    expect(log).toMatchObject({ opened: 1, returned: 1 })
    const unused = trackedSource(100, { async })
    await cursorFromIterable(unused.factory, { scrollbackRows: 5 }).close()
    expect(unused.log.opened).toBe(0)
  })

  it('surfaces a failing source as SOURCE_FAILED with the cause, leaves the position, and re-opens on retry', async () => {
    const { factory, log } = trackedSource(20, { async, failAt: 7, failingPasses: 1 })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 5 })
    await cursor.fetch(NEXT, 5)
    const error: unknown = await cursor.fetch(NEXT, 5).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: ErrorCode.SOURCE_FAILED,
      cause: { message: 'disk read error at row 7' },
    })
    expect(String(error)).toMatch(/failed at row 7/)
    await expect(cursor.fetch(NEXT, 5)).resolves.toMatchObject({ startRowOffset: 5, rows: range(5, 10) })
    expect(log.opened).toBe(2)
  })

  it('keeps failing with SOURCE_FAILED when a failed source cannot be re-opened, but serves its window', async () => {
    const { factory, log } = trackedSource(20, { async, failAt: 7 })
    const cursor = cursorFromIterable(factory, { scrollbackRows: 5, reopenable: false })
    await cursor.fetch(NEXT, 5)
    await expect(cursor.fetch(NEXT, 5)).rejects.toMatchObject({ code: ErrorCode.SOURCE_FAILED })
    await expect(cursor.fetch(NEXT, 5)).rejects.toThrow(/cannot be re-opened/)
    await expect(cursor.fetch(FIRST, 5)).resolves.toMatchObject({ startRowOffset: 0, rows: range(0, 5) })
    expect(log.opened).toBe(1)
  })
})

describe('cursorFromIterable source errors', () => {
  it('wraps a throwing factory and a factory that returns no iterable', async () => {
    const cause = new Error('connection refused')
    const throwing = cursorFromIterable<number>(
      () => {
        throw cause
      },
      { scrollbackRows: 0 },
    )
    await expect(throwing.fetch(NEXT, 1)).rejects.toMatchObject({ code: ErrorCode.SOURCE_FAILED, cause })
    const broken = cursorFromIterable(() => 42 as unknown as Iterable<number>, { scrollbackRows: 0 })
    await expect(broken.fetch(NEXT, 1)).rejects.toMatchObject({ code: ErrorCode.SOURCE_FAILED })
  })

  it('fails with SOURCE_FAILED when a re-opened source ends before the rows it gave earlier', async () => {
    let passes = 0
    function* shrinking(): Generator<number> {
      const first = ++passes === 1
      for (let row = 0; row < (first ? 20 : 3); row++) {
        if (first && row === 7) throw new Error('lost the connection')
        yield row
      }
    }
    const cursor = cursorFromIterable(shrinking, { scrollbackRows: 5 })
    await cursor.fetch(NEXT, 5)
    await expect(cursor.fetch(NEXT, 5)).rejects.toThrow(/failed at row 7/)
    await expect(cursor.fetch(NEXT, 5)).rejects.toThrow(
      /re-opened row source ended at row 3, but it yielded rows up to 7/,
    )
  })

  it('rejects close() with SOURCE_FAILED when the iterator fails to close', async () => {
    const iterable: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => ({ done: false, value: 1 }),
        return: () => {
          throw new Error('socket already closed')
        },
      }),
    }
    const cursor = cursorFromIterable(() => iterable, { scrollbackRows: 0 })
    await cursor.fetch(NEXT, 2)
    await expect(cursor.close()).rejects.toMatchObject({ code: ErrorCode.SOURCE_FAILED })
  })

  it('refuses a bad scrollbackRows when the cursor is made', () => {
    expect(() => cursorFromIterable(() => [], { scrollbackRows: -1 })).toThrow(/scrollbackRows/)
  })
})
