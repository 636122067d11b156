import { describe, expect, it } from 'vitest'
import { cursorFromIterable, FetchOrientation, type Engine, type ResultRow } from '@batchgate/core'
import { COLUMNS, rowsExecutor, tableRows } from '../session/executors.js'
import { alice, statementEngine } from '../session/statement-engine.js'

const { FETCH_NEXT, FETCH_PRIOR, FETCH_FIRST, FETCH_ABSOLUTE } = FetchOrientation

/** [orientation, maxRows, expected startRowOffset, expected first and end row, hasMoreRows] over 10 rows. */
const SCROLL: readonly (readonly [FetchOrientation, number, number, number, number, boolean])[] = [
  [FETCH_NEXT, 2, 0, 0, 2, true],
  [FETCH_NEXT, 2, 2, 2, 4, true],
  [FETCH_NEXT, 3, 4, 4, 7, true],
  // Spark's FETCH_PRIOR (SPARK-29349): back maxRows rows from the previous block's start.
  [FETCH_PRIOR, 2, 2, 2, 4, true],
  [FETCH_PRIOR, 5, 0, 0, 5, true],
  [FETCH_FIRST, 3, 0, 0, 3, true],
  [FETCH_NEXT, 10, 3, 3, 10, false],
  [FETCH_NEXT, 5, 10, 10, 10, false],
  [FETCH_PRIOR, 4, 6, 6, 10, false],
]

async function finishedOperation(engine: Engine): Promise<string> {
  const session = await engine.sessions.open({}, alice)
  return engine.sessions.executeStatement(session.handle, { statement: 'SELECT * FROM t' }, alice)
}

describe('engine.operations.fetch', () => {
  it.each([
    ['an array cursor', rowsExecutor(tableRows(10))],
    [
      'a streaming cursor with a small scrollback',
      {
        execute: () =>
          Promise.resolve({
            columns: COLUMNS,
            cursor: cursorFromIterable<ResultRow>(() => tableRows(10), { scrollbackRows: 2 }),
          }),
      },
    ],
  ])('moves FETCH_NEXT, FETCH_PRIOR and FETCH_FIRST with startRowOffset, over %s', async (_, executor) => {
    const engine = await statementEngine({ statementExecutor: executor })
    const op = await finishedOperation(engine)
    const all = tableRows(10)
    for (const [orientation, maxRows, start, from, to, hasMoreRows] of SCROLL) {
      const block = await engine.operations.fetch(op, orientation, maxRows, undefined, alice)
      expect(block, `${orientation} ${maxRows}`).toEqual({
        startRowOffset: start,
        rows: all.slice(from, to),
        hasMoreRows,
      })
    }
    const absolute = await engine.operations.fetch(op, FETCH_ABSOLUTE, 2, 7, alice)
    expect(absolute).toEqual({ startRowOffset: 7, rows: all.slice(7, 9), hasMoreRows: true })
  })

  it("passes on the cursor's own checks of bad fetches, leaving the position where it was", async () => {
    const engine = await statementEngine({ statementExecutor: rowsExecutor(tableRows(10)) })
    const op = await finishedOperation(engine)
    await engine.operations.fetch(op, FETCH_NEXT, 3, undefined, alice)
    const bad: [unknown, unknown, unknown, string][] = [
      ['FETCH_SIDEWAYS', 1, undefined, 'INVALID_FETCH_REQUEST'],
      [FETCH_NEXT, 0, undefined, 'INVALID_FETCH_REQUEST'],
      [FETCH_NEXT, 1.5, undefined, 'INVALID_FETCH_REQUEST'],
      [FETCH_NEXT, 10n, undefined, 'INVALID_FETCH_REQUEST'],
      [FETCH_NEXT, 1, 4, 'INVALID_FETCH_REQUEST'],
      [FETCH_ABSOLUTE, 1, undefined, 'INVALID_FETCH_REQUEST'],
      [Symbol('next'), 1, undefined, 'INVALID_FETCH_REQUEST'],
    ]
    for (const [orientation, maxRows, offset, code] of bad) {
      await expect(
        engine.operations.fetch(
          op,
          orientation as FetchOrientation,
          maxRows as number,
          offset as number,
          alice,
        ),
      ).rejects.toMatchObject({ code })
    }
    expect(await engine.operations.fetch(op, FETCH_NEXT, 2, undefined, alice)).toMatchObject({
      startRowOffset: 3,
    })
  })

  it("turns a host cursor's raw failure into SOURCE_FAILED with the failure as cause", async () => {
    const failure = new TypeError('socket reset')
    const engine = await statementEngine({
      statementExecutor: {
        execute: () =>
          Promise.resolve({
            columns: COLUMNS,
            cursor: { fetch: () => Promise.reject(failure), close: () => Promise.resolve() },
          }),
      },
    })
    const op = await finishedOperation(engine)
    await expect(engine.operations.fetch(op, FETCH_NEXT, 1, undefined, alice)).rejects.toMatchObject({
      code: 'SOURCE_FAILED',
      message: expect.stringContaining('socket reset'),
      cause: failure,
    })
  })
})
