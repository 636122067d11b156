import { BatchgateError, ErrorCode, FetchOrientation } from '@batchgate/core'
import { expect } from 'vitest'
import type { ConformanceCase } from '../conformance-case.js'
import type { CursorFactory } from './cursor-factory.js'
import { expectedBlock, rejectionOf } from './cursor-helpers.js'

const { FETCH_NEXT: NEXT, FETCH_FIRST: FIRST } = FetchOrientation

export const closeCases: readonly ConformanceCase<CursorFactory>[] = [
  {
    group: 'close',
    name: 'refuses every fetch after close() with CLOSED, and closes idempotently',
    run: async (make) => {
      const cursor = await make(10)
      await cursor.fetch(NEXT, 3)
      await cursor.close()
      for (const fetch of [() => cursor.fetch(NEXT, 3), () => cursor.fetch(FIRST, 3)]) {
        const error = await rejectionOf(fetch)
        expect(BatchgateError.is(error, ErrorCode.CLOSED), String(error)).toBe(true)
      }
      await expect(cursor.close()).resolves.toBeUndefined()
      const error = await rejectionOf(() => cursor.fetch(NEXT, 3))
      expect(BatchgateError.is(error, ErrorCode.CLOSED), String(error)).toBe(true)
    },
  },
  {
    group: 'close',
    name: 'serves the fetches called before close(), and refuses those called after it',
    run: async (make) => {
      const cursor = await make(10)
      const before = [cursor.fetch(NEXT, 3), cursor.fetch(NEXT, 3)]
      const closing = cursor.close()
      const after = rejectionOf(() => cursor.fetch(NEXT, 3))
      await expect(Promise.all(before)).resolves.toEqual([
        expectedBlock({ orientation: NEXT, maxRows: 3, block: [0, 3] }, 10),
        expectedBlock({ orientation: NEXT, maxRows: 3, block: [3, 6] }, 10),
      ])
      const error = await after
      expect(BatchgateError.is(error, ErrorCode.CLOSED), String(error)).toBe(true)
      await expect(closing).resolves.toBeUndefined()
    },
  },
  {
    group: 'close',
    name: 'closes a cursor that never fetched',
    run: async (make) => {
      const cursor = await make(10)
      await expect(cursor.close()).resolves.toBeUndefined()
      const error = await rejectionOf(() => cursor.fetch(NEXT, 1))
      expect(BatchgateError.is(error, ErrorCode.CLOSED), String(error)).toBe(true)
    },
  },
]
