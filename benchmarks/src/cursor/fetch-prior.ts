import { cursorFromArray, cursorFromIterable, FetchOrientation, type OperationCursor } from '@batchgate/core'
import { compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { measurePair, type Contender, type Measurement } from '../harness/measure.js'
import { count, type BenchRowData } from './array-scan.js'

interface PairMeasurement {
  readonly subject: Measurement
  readonly baseline: Measurement
}

/** A fetch of about a microsecond is sampled plenty in a twentieth of the budget; the wall time is ~10× it. */
const PRIOR_BUDGET_SCALE = 0.05

/** The shallow position: deep enough that FETCH_PRIOR is not clamped at row 0. */
const SHALLOW_ROW = 2 * BLOCK_ROWS

/**
 * FETCH_PRIOR of one block at a deep position against the same at a shallow one, on the array cursor
 * and on the streaming cursor (within its scrollback): a cost ratio that must stay near 1 however deep
 * the cursor stands.
 */
export async function fetchPriorRows(
  settings: BenchSettings,
  rows: readonly BenchRowData[],
): Promise<BenchRow[]> {
  const arrayDeep = rows.length - 3 * BLOCK_ROWS
  const streamDeep = settings.streamDeepRow
  const stream = (): OperationCursor<BenchRowData> =>
    cursorFromIterable(() => generateRows(streamDeep + 10 * BLOCK_ROWS), { scrollbackRows: BLOCK_ROWS })
  const cursors = [cursorFromArray(rows), cursorFromArray(rows), stream(), stream()] as const
  try {
    const array = await measurePair(
      await priorAt(`array FETCH_PRIOR at ${count(arrayDeep)}`, cursors[0], arrayDeep),
      await priorAt(`array FETCH_PRIOR at ${count(SHALLOW_ROW)}`, cursors[1], SHALLOW_ROW),
      settings,
      { budgetScale: PRIOR_BUDGET_SCALE },
    )
    const streaming = await measurePair(
      await priorAt(`stream FETCH_PRIOR at ${count(streamDeep)}`, cursors[2], streamDeep),
      await priorAt(`stream FETCH_PRIOR at ${count(SHALLOW_ROW)}`, cursors[3], SHALLOW_ROW),
      settings,
      { budgetScale: PRIOR_BUDGET_SCALE },
    )
    return priorResults(array, streaming, arrayDeep, streamDeep)
  } finally {
    for (const cursor of cursors) await cursor.close()
  }
}

function priorResults(
  array: PairMeasurement,
  streaming: PairMeasurement,
  arrayDeep: number,
  streamDeep: number,
): BenchRow[] {
  const micros = (opsPerSecond: number): number => 1e6 / opsPerSecond
  return [
    compared({
      name: `cursorFromArray FETCH_PRIOR ${BLOCK_ROWS} at row ${count(arrayDeep)} vs ${count(SHALLOW_ROW)}`,
      unit: 'µs/fetch',
      value: micros(array.subject.opsPerSecond),
      baseline: micros(array.baseline.opsPerSecond),
      better: 'lower',
      baselineLabel: `the same fetch at row ${count(SHALLOW_ROW)}`,
      target: { on: 'ratio', bound: 1.5 },
    }),
    compared({
      name: `cursorFromIterable FETCH_PRIOR ${BLOCK_ROWS} at row ${count(streamDeep)} vs ${count(SHALLOW_ROW)}`,
      unit: 'µs/fetch',
      value: micros(streaming.subject.opsPerSecond),
      baseline: micros(streaming.baseline.opsPerSecond),
      better: 'lower',
      baselineLabel: `the same fetch at row ${count(SHALLOW_ROW)} (scrollbackRows ${BLOCK_ROWS})`,
      target: { on: 'ratio', bound: 1.5 },
    }),
  ]
}

/**
 * A contender that times FETCH_PRIOR landing on `[row, row + 1000)`; the untimed FETCH_NEXT before each
 * call moves the cursor one block forward again, so every timed call does the same move.
 */
async function priorAt(name: string, cursor: OperationCursor<BenchRowData>, row: number): Promise<Contender> {
  await cursor.fetch(FetchOrientation.FETCH_ABSOLUTE, BLOCK_ROWS, row)
  return {
    name,
    beforeEach: async () => {
      await cursor.fetch(FetchOrientation.FETCH_NEXT, BLOCK_ROWS)
    },
    fn: async () => {
      const block = await cursor.fetch(FetchOrientation.FETCH_PRIOR, BLOCK_ROWS)
      if (block.startRowOffset !== row)
        throw new Error(`FETCH_PRIOR landed at ${block.startRowOffset}, not ${row}`)
    },
  }
}

/** A streaming source of `total` rows, made as they are read. */
export function* generateRows(total: number): Generator<BenchRowData> {
  for (let id = 0; id < total; id++) yield { id, name: 'row' }
}
