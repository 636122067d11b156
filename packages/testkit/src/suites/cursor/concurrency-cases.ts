import { BatchgateError, ErrorCode, FetchOrientation } from '@batchgate/core'
import { expect } from 'vitest'
import type { ConformanceCase } from '../conformance-case.js'
import type { CursorFactory } from './cursor-factory.js'
import { expectedBlock, looseFetch, rejectionOf } from './cursor-helpers.js'
import type { CursorMovementStep } from './movement-vectors.js'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR, FETCH_RELATIVE: RELATIVE } = FetchOrientation
const { FETCH_ABSOLUTE: ABSOLUTE, FETCH_LAST: LAST } = FetchOrientation

const ROWS = 40

/** Fetches whose every start depends on the block before, so any reordering or interleaving shows. */
const STEPS: readonly CursorMovementStep[] = [
  { orientation: NEXT, maxRows: 3, block: [0, 3] },
  { orientation: NEXT, maxRows: 4, block: [3, 7] },
  { orientation: PRIOR, maxRows: 2, block: [1, 3] },
  { orientation: ABSOLUTE, maxRows: 5, offset: 20, block: [20, 25] },
  { orientation: RELATIVE, maxRows: 3, offset: -4, block: [16, 19] },
  { orientation: NEXT, maxRows: 6, block: [19, 25] },
  { orientation: LAST, maxRows: 4, block: [36, 40] },
  { orientation: PRIOR, maxRows: 3, block: [33, 36] },
]

export const concurrencyCases: readonly ConformanceCase<CursorFactory>[] = [
  {
    group: 'concurrency',
    name: 'serialises fetches that are not awaited: they answer as the same fetches made one by one',
    run: async (make) => {
      const cursor = await make(ROWS)
      const answers = Promise.all(STEPS.map((s) => cursor.fetch(s.orientation, s.maxRows, s.offset)))
      await expect(answers).resolves.toEqual(STEPS.map((step) => expectedBlock(step, ROWS)))
    },
  },
  {
    group: 'concurrency',
    name: 'a refused fetch among fetches that are not awaited moves nothing: the others answer as if it was not made',
    run: async (make) => {
      const cursor = await make(ROWS)
      const fetch = looseFetch(cursor)
      const call = (step: CursorMovementStep): Promise<unknown> =>
        fetch(step.orientation, step.maxRows, step.offset)
      const before = STEPS.slice(0, 3).map(call)
      const refused = rejectionOf(() => fetch(PRIOR, 0))
      const after = STEPS.slice(3).map(call)
      await expect(Promise.all([...before, ...after])).resolves.toEqual(
        STEPS.map((step) => expectedBlock(step, ROWS)),
      )
      const error = await refused
      expect(BatchgateError.is(error, ErrorCode.INVALID_FETCH_REQUEST), String(error)).toBe(true)
    },
  },
]
