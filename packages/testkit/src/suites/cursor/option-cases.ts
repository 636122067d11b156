import { BatchgateError, DEFAULT_MAX_ROWS_LIMIT, ErrorCode, FetchOrientation } from '@batchgate/core'
import { expect } from 'vitest'
import type { ConformanceCase } from '../conformance-case.js'
import type { CursorFactory } from './cursor-factory.js'
import { expectSteps, rejectionOf } from './cursor-helpers.js'
import { cursorAtThreeToSix, expectStillAtThreeToSix } from './validation-cases.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR, FETCH_RELATIVE: RELATIVE } = FetchOrientation
const { FETCH_ABSOLUTE: ABSOLUTE, FETCH_FIRST: FIRST, FETCH_LAST: LAST } = FetchOrientation

type Case = ConformanceCase<CursorFactory>

/** The error making a cursor fails with, whether the factory throws or rejects. */
async function refusalToMake(make: () => ReturnType<CursorFactory>): Promise<unknown> {
  return rejectionOf(async () => make())
}

export const maxRowsLimitCases: readonly Case[] = [
  {
    group: 'max-rows-limit',
    name: `refuses maxRows above DEFAULT_MAX_ROWS_LIMIT (${DEFAULT_MAX_ROWS_LIMIT}) with INVALID_FETCH_REQUEST, and stays where it was`,
    run: async (make) => {
      const cursor = await cursorAtThreeToSix(make)
      const error = await rejectionOf(() => cursor.fetch(NEXT, DEFAULT_MAX_ROWS_LIMIT + 1))
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
      expect(String(error)).toContain('maxRows')
      await expectStillAtThreeToSix(cursor)
      await expectSteps(cursor, 10, [{ orientation: FIRST, maxRows: DEFAULT_MAX_ROWS_LIMIT, block: [0, 10] }])
    },
  },
  {
    group: 'max-rows-limit',
    name: 'honours a custom maxRowsLimit',
    run: async (make) => {
      const cursor = await make(100, { maxRowsLimit: 10 })
      const error = await rejectionOf(() => cursor.fetch(NEXT, 11))
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
      expect(String(error)).toContain('maxRows')
      await expectSteps(cursor, 100, [{ orientation: NEXT, maxRows: 10, block: [0, 10] }])
    },
  },
  {
    group: 'max-rows-limit',
    name: 'refuses a maxRowsLimit that is not a positive safe integer when the cursor is made',
    run: async (make) => {
      for (const maxRowsLimit of [0, -1, 2.5, Number.NaN]) {
        const error = await refusalToMake(() => make(10, { maxRowsLimit }))
        expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
        expect(String(error)).toContain('maxRowsLimit')
      }
    },
  },
]

export const declinedOrientationCases: readonly Case[] = [
  {
    group: 'declined-orientations',
    name: 'refuses an orientation left out of options.orientations with UNSUPPORTED_FETCH_ORIENTATION, HY106, and stays where it was',
    run: async (make) => {
      const cursor = await cursorAtThreeToSix(make, { orientations: [NEXT, RELATIVE] })
      const declined: readonly [FetchOrientation, number?][] = [[PRIOR], [FIRST], [LAST], [ABSOLUTE, 0]]
      for (const [orientation, offset] of declined) {
        const error = await rejectionOf(() => cursor.fetch(orientation, 2, offset))
        expect(BatchgateError.is(error, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION), String(error)).toBe(true)
        expect(error).toMatchObject({ sqlState: 'HY106' })
        expect(String(error)).toContain(orientation)
      }
      await expectStillAtThreeToSix(cursor)
    },
  },
  {
    group: 'declined-orientations',
    name: 'still refuses an orientation outside the enum with INVALID_FETCH_REQUEST',
    run: async (make) => {
      const cursor = await make(10, { orientations: [NEXT] })
      const error = await rejectionOf(() => cursor.fetch('FETCH_BACKWARD' as FetchOrientation, 2))
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
    },
  },
  {
    group: 'declined-orientations',
    name: 'refuses options.orientations listing a value outside the enum when the cursor is made',
    run: async (make) => {
      const error = await refusalToMake(() =>
        make(10, { orientations: ['FETCH_SIDEWAYS' as FetchOrientation] }),
      )
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
      expect(String(error)).toContain('FETCH_SIDEWAYS')
    },
  },
]
