import { cursorFromArray, FetchOrientation } from '@batchgate/core'
import { compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'

/** A small result row; the same objects are served by the cursor and sliced by the baseline. */
export interface BenchRowData {
  readonly id: number
  readonly name: string
}

export function makeRows(count: number): BenchRowData[] {
  return Array.from({ length: count }, (_, id) => ({ id, name: `row-${id}` }))
}

/**
 * A whole scan of the result in FETCH_NEXT blocks of 1000 through `cursorFromArray`, against the same
 * blocks cut with `Array.prototype.slice`: what the cursor costs over copying the rows out.
 */
export async function arrayScanRows(
  settings: BenchSettings,
  rows: readonly BenchRowData[],
): Promise<BenchRow[]> {
  const sink: { rows: number } = { rows: 0 }
  const measured = await measurePair(
    {
      name: 'cursorFromArray FETCH_NEXT',
      fn: async () => {
        const cursor = cursorFromArray(rows)
        for (;;) {
          const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, BLOCK_ROWS)
          sink.rows += block.rows.length
          if (!block.hasMoreRows) break
        }
        await cursor.close()
      },
    },
    {
      name: 'Array.prototype.slice',
      fn: () => {
        for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
          sink.rows += rows.slice(start, start + BLOCK_ROWS).length
        }
      },
    },
    settings,
  )
  return [
    compared({
      name: `cursorFromArray FETCH_NEXT ${BLOCK_ROWS} over ${count(rows.length)} rows`,
      unit: 'rows/s',
      value: measured.subject.opsPerSecond * rows.length,
      baseline: measured.baseline.opsPerSecond * rows.length,
      better: 'higher',
      baselineLabel: `Array.prototype.slice of the same ${BLOCK_ROWS}-row blocks`,
      target: { on: 'ratio', bound: 0.8 },
    }),
  ]
}

/** 1000000 → `1M`, 10000000 → `10M`, 500000 → `500k`. */
export function count(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`
  return String(n)
}
