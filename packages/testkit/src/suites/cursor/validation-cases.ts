import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  type CursorOptions,
  type OperationCursor,
} from '@batchgate/core'
import { expect } from 'vitest'
import type { ConformanceCase } from '../conformance-case.js'
import type { CursorFactory } from './cursor-factory.js'
import { expectSteps, looseFetch, rejectionOf } from './cursor-helpers.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR, FETCH_RELATIVE: RELATIVE } = FetchOrientation
const { FETCH_ABSOLUTE: ABSOLUTE } = FetchOrientation

/** A fetch as a host might pass it from the wire, and the argument its error message must name. */
interface BadFetch {
  readonly name: string
  readonly args: readonly [orientation: unknown, maxRows: unknown, offset?: unknown]
  readonly names: 'orientation' | 'maxRows' | 'offset'
}

const bad = (name: string, names: BadFetch['names'], ...args: BadFetch['args']): BadFetch => ({
  name,
  args,
  names,
})

const BAD_FETCHES: readonly BadFetch[] = [
  bad('maxRows 0', 'maxRows', NEXT, 0),
  bad('maxRows -1', 'maxRows', NEXT, -1),
  bad('maxRows 1.5', 'maxRows', NEXT, 1.5),
  bad('maxRows NaN', 'maxRows', NEXT, Number.NaN),
  bad('maxRows Infinity', 'maxRows', NEXT, Infinity),
  bad('maxRows as a string', 'maxRows', NEXT, '5'),
  bad('maxRows missing', 'maxRows', NEXT, undefined),
  bad('maxRows beyond safe integers', 'maxRows', NEXT, 2 ** 53),
  bad('ABSOLUTE without an offset', 'offset', ABSOLUTE, 5),
  bad('RELATIVE without an offset', 'offset', RELATIVE, 5),
  bad('an offset of 1.5', 'offset', ABSOLUTE, 5, 1.5),
  bad('an offset of NaN', 'offset', RELATIVE, 5, Number.NaN),
  bad('an offset as a string', 'offset', ABSOLUTE, 5, '3'),
  bad('an offset beyond safe integers', 'offset', ABSOLUTE, 5, 2 ** 53),
  bad('an offset of -Infinity', 'offset', RELATIVE, 5, -Infinity),
  bad('an offset on NEXT', 'offset', NEXT, 5, 3),
  bad('an offset on PRIOR', 'offset', PRIOR, 5, 0),
  bad('an unknown orientation', 'orientation', 'FETCH_BACKWARD', 5),
  bad('a Thrift wire number as orientation', 'orientation', 1, 5),
  bad('no orientation', 'orientation', undefined, 5),
]

/**
 * Checks that the cursor still stands on the block `[3, 6)` of 10 rows: `RELATIVE 0` re-reads that block
 * (so its start did not move) and `NEXT` goes on from its end (so neither did its end).
 */
export async function expectStillAtThreeToSix(cursor: OperationCursor<number>): Promise<void> {
  await expectSteps(cursor, 10, [
    { orientation: RELATIVE, maxRows: 3, offset: 0, block: [3, 6] },
    { orientation: NEXT, maxRows: 2, block: [6, 8] },
  ])
}

/** A cursor over 10 rows that has served `[0, 3)` and then `[3, 6)`. */
export async function cursorAtThreeToSix(
  make: CursorFactory,
  options?: CursorOptions,
): Promise<OperationCursor<number>> {
  const cursor = await make(10, options)
  await cursor.fetch(NEXT, 3)
  await cursor.fetch(NEXT, 3)
  return cursor
}

export const validationCases: readonly ConformanceCase<CursorFactory>[] = BAD_FETCHES.map(
  ({ name, args, names }) => ({
    group: 'validation',
    name: `refuses ${name} with INVALID_FETCH_REQUEST naming ${names}, and stays where it was`,
    run: async (make) => {
      const cursor = await cursorAtThreeToSix(make)
      const error = await rejectionOf(() => looseFetch(cursor)(...args))
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
      expect(String(error)).toContain(names)
      await expectStillAtThreeToSix(cursor)
    },
  }),
)
