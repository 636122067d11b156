import { describe, expect, it } from 'vitest'
import { BatchgateError, DEFAULT_MAX_ROWS_LIMIT, ErrorCode, FetchOrientation } from '@batchgate/core'
import { cursorKinds, range } from './cursor-kinds.js'

const { FETCH_NEXT: NEXT, FETCH_ABSOLUTE: ABSOLUTE, FETCH_RELATIVE: RELATIVE } = FetchOrientation

/** Arguments as a host might pass them from the wire, hence `unknown`. */
type BadFetch = readonly [name: string, orientation: unknown, maxRows: unknown, offset?: unknown]

const badFetches: readonly BadFetch[] = [
  ['maxRows 0', NEXT, 0],
  ['maxRows -1', NEXT, -1],
  ['maxRows 1.5', NEXT, 1.5],
  ['maxRows NaN', NEXT, Number.NaN],
  ['maxRows Infinity', NEXT, Infinity],
  ['maxRows as a string', NEXT, '5'],
  ['maxRows missing', NEXT, undefined],
  ['maxRows beyond safe integers', NEXT, 2 ** 53],
  ['maxRows above the default limit', NEXT, DEFAULT_MAX_ROWS_LIMIT + 1],
  ['ABSOLUTE without an offset', ABSOLUTE, 5],
  ['RELATIVE without an offset', RELATIVE, 5],
  ['an offset of 1.5', ABSOLUTE, 5, 1.5],
  ['an offset of NaN', RELATIVE, 5, Number.NaN],
  ['an offset as a string', ABSOLUTE, 5, '3'],
  ['an offset beyond safe integers', ABSOLUTE, 5, 2 ** 53],
  ['an offset of -Infinity', RELATIVE, 5, -Infinity],
  ['an offset on NEXT', NEXT, 5, 3],
  ['an offset on PRIOR', FetchOrientation.FETCH_PRIOR, 5, 0],
  ['an unknown orientation', 'FETCH_BACKWARD', 5],
  ['a Thrift wire number as orientation', 1, 5],
  ['no orientation', undefined, 5],
]

type LooseFetch = (orientation: unknown, maxRows: unknown, offset?: unknown) => Promise<unknown>

describe.each(cursorKinds)('fetch validation on $name', ({ make }) => {
  it.each(badFetches)(
    'refuses %s with INVALID_FETCH_REQUEST and stays where it was',
    async (_, orientation, maxRows, offset) => {
      const cursor = make(10)
      await cursor.fetch(NEXT, 3)
      const fetch = cursor.fetch.bind(cursor) as LooseFetch
      const refused = fetch(orientation, maxRows, offset)
      await expect(refused).rejects.toSatisfy((error) =>
        BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST),
      )
      await expect(refused).rejects.toThrow(/must be|takes no offset/)
      await expect(cursor.fetch(NEXT, 2)).resolves.toEqual({
        startRowOffset: 3,
        rows: range(3, 5),
        hasMoreRows: true,
      })
    },
  )

  it('refuses a declined orientation with UNSUPPORTED_FETCH_ORIENTATION, HY106, and stays where it was', async () => {
    const cursor = make(10, { orientations: [NEXT, FetchOrientation.FETCH_FIRST] })
    await cursor.fetch(NEXT, 4)
    for (const orientation of [FetchOrientation.FETCH_PRIOR, FetchOrientation.FETCH_LAST]) {
      const error: unknown = await cursor.fetch(orientation, 2).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION, sqlState: 'HY106' })
      expect(String(error)).toContain(orientation)
    }
    await expect(cursor.fetch(NEXT, 2)).resolves.toMatchObject({ startRowOffset: 4, rows: [4, 5] })
  })

  it('honours a custom maxRowsLimit', async () => {
    const cursor = make(100, { maxRowsLimit: 10 })
    await expect(cursor.fetch(NEXT, 11)).rejects.toThrow(
      /maxRows must be a safe integer between 1 and 10, got 11/,
    )
    await expect(cursor.fetch(NEXT, 10)).resolves.toMatchObject({ startRowOffset: 0, rows: range(0, 10) })
  })

  it('refuses bad cursor options when the cursor is made', () => {
    expect(() => make(10, { maxRowsLimit: 0 })).toThrow(/maxRowsLimit/)
    expect(() => make(10, { orientations: ['FETCH_SIDEWAYS' as FetchOrientation] })).toThrow(/FETCH_SIDEWAYS/)
  })

  it('refuses fetches after close with CLOSED, closes idempotently, and serves fetches called before close', async () => {
    const cursor = make(10)
    const before = cursor.fetch(NEXT, 3)
    const closing = cursor.close()
    const after = cursor.fetch(NEXT, 3)
    await expect(before).resolves.toMatchObject({ rows: [0, 1, 2] })
    await expect(after).rejects.toSatisfy((error) => BatchgateError.is(error, ErrorCode.CLOSED))
    await closing
    await expect(cursor.close()).resolves.toBeUndefined()
    await expect(cursor.fetch(NEXT, 3)).rejects.toThrow(/closed/)
  })
})
