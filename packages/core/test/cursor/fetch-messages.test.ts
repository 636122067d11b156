// The refusals themselves are in testkit's cursor suite (run on every core cursor); this pins core's wording.
import { describe, expect, it } from 'vitest'
import { FetchOrientation, cursorFromArray } from '@batchgate/core'

const { FETCH_NEXT: NEXT, FETCH_ABSOLUTE: ABSOLUTE } = FetchOrientation

describe("core cursors' refusal messages", () => {
  it('name the argument, the accepted values and the value received', async () => {
    const cursor = cursorFromArray([1, 2, 3], { maxRowsLimit: 10, orientations: [NEXT, ABSOLUTE] })
    const fetch = cursor.fetch.bind(cursor) as (...args: unknown[]) => Promise<unknown>
    await expect(fetch(NEXT, 11)).rejects.toThrow('maxRows must be a safe integer between 1 and 10, got 11')
    await expect(fetch(NEXT, '5')).rejects.toThrow('maxRows must be a safe integer between 1 and 10, got "5"')
    await expect(fetch(ABSOLUTE, 1, 1.5)).rejects.toThrow(
      'the offset of FETCH_ABSOLUTE must be a safe integer',
    )
    await expect(fetch(NEXT, 1, 3)).rejects.toThrow('FETCH_NEXT takes no offset, got 3')
    await expect(fetch(1, 1)).rejects.toThrow(/orientation must be one of FETCH_NEXT, .*, got 1$/)
    await expect(fetch(FetchOrientation.FETCH_LAST, 1)).rejects.toThrow(
      'this cursor does not serve FETCH_LAST; it serves FETCH_NEXT, FETCH_ABSOLUTE',
    )
    await cursor.close()
    await expect(fetch(NEXT, 1)).rejects.toThrow('this cursor is closed')
  })
})
