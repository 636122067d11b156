import { FetchOrientation } from '@batchgate/core'

const { FETCH_NEXT: NEXT, FETCH_PRIOR: PRIOR, FETCH_FIRST: FIRST, FETCH_LAST: LAST } = FetchOrientation
const { FETCH_ABSOLUTE: ABSOLUTE, FETCH_RELATIVE: RELATIVE } = FetchOrientation

/** One fetch and the block `[start, end)` it must return. */
export interface CursorMovementStep {
  readonly orientation: FetchOrientation
  readonly maxRows: number
  readonly offset?: number
  readonly block: readonly [start: number, end: number]
}

/** A named sequence of fetches on a fresh cursor over rows `0..rowCount-1`. */
export interface CursorMovementVector {
  readonly name: string
  readonly rowCount: number
  readonly steps: readonly CursorMovementStep[]
}

const step = (
  orientation: FetchOrientation,
  maxRows: number,
  block: [number, number],
  offset?: number,
): CursorMovementStep =>
  offset === undefined ? { orientation, maxRows, block } : { orientation, maxRows, block, offset }

/**
 * The movement table as data, from Spark's thriftserver test (SPARK-29349), Spark's and Kyuubi's
 * FetchIteratorSuite (SPARK-33655; their `fetchPrior(k)` then `k'` rows is our RELATIVE -k with maxRows
 * k'), Kyuubi's thrift-level vector, the PR description, and our ABSOLUTE/RELATIVE/LAST rules. The
 * `movement` group of the cursor suite runs each on a fresh cursor; a host can also replay them through
 * its own client and transport.
 *
 * @example
 * ```ts
 * for (const { rowCount, steps } of cursorMovementVectors) {
 *   const cursor = await openCursorOver(rowCount)
 *   for (const { orientation, maxRows, offset, block } of steps) {
 *     const answer = await cursor.fetch(orientation, maxRows, offset) // rows block[0] .. block[1] - 1
 *   }
 * }
 * ```
 */
export const cursorMovementVectors: readonly CursorMovementVector[] = [
  {
    name: "Spark's thriftserver FETCH_PRIOR sequence",
    rowCount: 10,
    steps: [
      step(NEXT, 5, [0, 5]),
      step(NEXT, 2, [5, 7]),
      step(PRIOR, 3, [2, 5]),
      step(PRIOR, 3, [0, 3]),
      step(PRIOR, 4, [0, 4]),
      step(NEXT, 10, [4, 10]),
      step(NEXT, 5, [10, 10]),
      step(PRIOR, 1, [9, 10]),
      step(FIRST, 3, [0, 3]),
      step(NEXT, 1000, [3, 10]),
    ],
  },
  {
    name: 'FetchIteratorSuite: fetchNext and fetchPrior',
    rowCount: 10,
    steps: [
      step(NEXT, 2, [0, 2]),
      step(NEXT, 1, [2, 3]),
      step(RELATIVE, 3, [0, 3], -2),
      step(NEXT, 5, [3, 8]),
      step(RELATIVE, 3, [1, 4], -2),
      step(NEXT, 10, [4, 10]),
      step(NEXT, 10, [10, 10]),
      step(RELATIVE, 3, [0, 3], -20),
    ],
  },
  {
    name: 'FetchIteratorSuite: fetchAbsolute',
    rowCount: 10,
    steps: [
      step(NEXT, 5, [0, 5]),
      step(ABSOLUTE, 3, [2, 5], 2),
      step(ABSOLUTE, 1, [7, 8], 7),
      step(ABSOLUTE, 1, [10, 10], 20),
      step(ABSOLUTE, 3, [0, 3], 0),
    ],
  },
  {
    name: "Kyuubi's thrift vector: NEXT, NEXT, PRIOR, FIRST on two rows",
    rowCount: 2,
    steps: [step(NEXT, 1, [0, 1]), step(NEXT, 1, [1, 2]), step(PRIOR, 1, [0, 1]), step(FIRST, 3, [0, 2])],
  },
  {
    name: 'the SPARK-29349 description: scrolling back from [10, 20)',
    rowCount: 30,
    steps: [
      step(ABSOLUTE, 10, [10, 20], 10),
      step(PRIOR, 5, [5, 10]),
      step(PRIOR, 10, [0, 10]),
      step(PRIOR, 4, [0, 4]),
      step(NEXT, 6, [4, 10]),
    ],
  },
  {
    name: 'RELATIVE moves from the previous block start and clamps to [0, rowCount]',
    rowCount: 10,
    steps: [
      step(RELATIVE, 3, [0, 3], 0),
      step(NEXT, 3, [3, 6]),
      step(RELATIVE, 3, [3, 6], 0),
      step(RELATIVE, 2, [5, 7], 2),
      step(RELATIVE, 2, [0, 2], -10),
      step(RELATIVE, 2, [10, 10], 100),
      step(RELATIVE, 5, [9, 10], -1),
      step(RELATIVE, 5, [10, 10], Number.MAX_SAFE_INTEGER),
      step(RELATIVE, 5, [0, 5], Number.MIN_SAFE_INTEGER),
    ],
  },
  {
    name: 'ABSOLUTE clamps negative offsets to 0 and large ones to the end',
    rowCount: 10,
    steps: [
      step(ABSOLUTE, 2, [0, 2], -5),
      step(ABSOLUTE, 5, [9, 10], 9),
      step(ABSOLUTE, 5, [10, 10], 10),
      step(PRIOR, 3, [7, 10]),
      step(ABSOLUTE, 4, [10, 10], Number.MAX_SAFE_INTEGER),
      step(ABSOLUTE, 4, [3, 7], 3),
    ],
  },
  {
    name: 'LAST reads the last maxRows rows, wherever the cursor stands',
    rowCount: 10,
    steps: [
      step(LAST, 3, [7, 10]),
      step(PRIOR, 3, [4, 7]),
      step(NEXT, 2, [7, 9]),
      step(LAST, 20, [0, 10]),
      step(NEXT, 5, [10, 10]),
      step(LAST, 1, [9, 10]),
      step(FIRST, 4, [0, 4]),
      step(LAST, 10, [0, 10]),
    ],
  },
  {
    name: 'an empty result: every block is empty and starts at 0',
    rowCount: 0,
    steps: [
      step(NEXT, 5, [0, 0]),
      step(PRIOR, 5, [0, 0]),
      step(LAST, 5, [0, 0]),
      step(ABSOLUTE, 5, [0, 0], 3),
      step(RELATIVE, 5, [0, 0], -1),
      step(FIRST, 5, [0, 0]),
      step(NEXT, 5, [0, 0]),
    ],
  },
  {
    name: 'hasMoreRows turns false exactly when the block reaches the end',
    rowCount: 10,
    steps: [step(NEXT, 5, [0, 5]), step(NEXT, 5, [5, 10]), step(PRIOR, 5, [0, 5]), step(NEXT, 4, [5, 9])],
  },
  {
    name: 'a long walk: far jumps, scrolling back and forth beyond any small window',
    rowCount: 1000,
    steps: [
      step(NEXT, 50, [0, 50]),
      step(ABSOLUTE, 10, [500, 510], 500),
      step(PRIOR, 10, [490, 500]),
      step(RELATIVE, 20, [240, 260], -250),
      step(NEXT, 20, [260, 280]),
      step(LAST, 7, [993, 1000]),
      step(PRIOR, 100, [893, 993]),
      step(PRIOR, 100, [793, 893]),
      step(FIRST, 1, [0, 1]),
      step(NEXT, 999, [1, 1000]),
      step(RELATIVE, 3, [998, 1000], 997),
    ],
  },
]
