import { cursorFromArray, FetchOrientation } from '@batchgate/core'
import { compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { measurePair, type Contender, type Measurement } from '../harness/measure.js'

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
  const cursorScan: Contender = {
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
  }
  const slice = await measurePair(
    cursorScan,
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
  // The floor of any fetch that answers with a promise: the same slices, each wrapped in a row set
  // and awaited. The ratio against it is what the cursor itself costs.
  const awaited = await measurePair(
    cursorScan,
    {
      name: 'awaited slice',
      fn: async () => {
        for (let start = 0; start < rows.length; start += BLOCK_ROWS) {
          const end = Math.min(start + BLOCK_ROWS, rows.length)
          const block = await Promise.resolve({
            startRowOffset: start,
            rows: rows.slice(start, end),
            hasMoreRows: end < rows.length,
          })
          sink.rows += block.rows.length
        }
      },
    },
    settings,
  )
  const name = `cursorFromArray FETCH_NEXT ${BLOCK_ROWS} over ${count(rows.length)} rows`
  const rate = (measured: Measurement): number => measured.opsPerSecond * rows.length
  return [
    compared({
      name,
      unit: 'rows/s',
      value: rate(slice.subject),
      baseline: rate(slice.baseline),
      better: 'higher',
      baselineLabel: `Array.prototype.slice of the same ${BLOCK_ROWS}-row blocks`,
      target: { on: 'ratio', bound: 0.8 },
    }),
    compared({
      name: `${name} · vs an awaited slice`,
      unit: 'rows/s',
      value: rate(awaited.subject),
      baseline: rate(awaited.baseline),
      better: 'higher',
      baselineLabel: `the same slices, each returned as a row set in a resolved promise and awaited`,
    }),
  ]
}

/** 1000000 → `1M`, 10000000 → `10M`, 500000 → `500k`. */
export function count(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`
  return String(n)
}
