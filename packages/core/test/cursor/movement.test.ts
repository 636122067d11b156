import { describe, expect, it } from 'vitest'
import { FetchOrientation } from '@batchgate/core'
import { cursorKinds, range } from './cursor-kinds.js'
import { vectors } from './movement-vectors.js'

describe.each(cursorKinds)('movement table on $name', ({ make }) => {
  it.each(vectors)('$name', async ({ rowCount, steps }) => {
    const cursor = make(rowCount)
    for (const [index, { orientation, maxRows, offset, block }] of steps.entries()) {
      const [start, end] = block
      const answer = await cursor.fetch(orientation, maxRows, offset)
      expect({ step: index, ...answer }).toEqual({
        step: index,
        startRowOffset: start,
        rows: range(start, end),
        hasMoreRows: end < rowCount,
      })
    }
    await cursor.close()
  })

  it('serialises fetches that are not awaited: the answers equal those of sequential fetches', async () => {
    const calls: [FetchOrientation, number, number?][] = [
      [FetchOrientation.FETCH_NEXT, 3],
      [FetchOrientation.FETCH_NEXT, 4],
      [FetchOrientation.FETCH_PRIOR, 2],
      [FetchOrientation.FETCH_ABSOLUTE, 5, 20],
      [FetchOrientation.FETCH_RELATIVE, 3, -4],
      [FetchOrientation.FETCH_NEXT, 6],
      [FetchOrientation.FETCH_LAST, 4],
      [FetchOrientation.FETCH_PRIOR, 3],
    ]
    const sequential = make(40)
    const expected = []
    for (const call of calls) expected.push(await sequential.fetch(...call))
    const concurrent = make(40)
    await expect(Promise.all(calls.map((call) => concurrent.fetch(...call)))).resolves.toEqual(expected)
  })
})
