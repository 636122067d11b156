import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { absolute, compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { count } from './array-scan.js'
import type { StreamFigures } from './stream-child.js'

const CHILD = fileURLToPath(new URL('./stream-child.js', import.meta.url))

/**
 * A streaming cursor over `settings.streamRows` generated rows read in FETCH_NEXT blocks of 1000:
 * throughput against reading the same generator in blocks, and the cursor's peak RSS and heap growth,
 * each measured in a fresh child process with `--expose-gc`.
 */
export async function streamRows(settings: BenchSettings): Promise<BenchRow[]> {
  const rows = settings.streamRows
  const cursor = await runChild('cursor', rows)
  const plain = await runChild('plain', rows)
  const label = `${count(rows)} rows`
  return [
    compared({
      name: `cursorFromIterable FETCH_NEXT ${BLOCK_ROWS} over ${label}`,
      unit: 'rows/s',
      value: cursor.rows / cursor.seconds,
      baseline: plain.rows / plain.seconds,
      better: 'higher',
      baselineLabel: `the same generator read with for…of into ${BLOCK_ROWS}-row blocks`,
    }),
    absolute({
      name: `cursorFromIterable over ${label} · peak RSS growth`,
      unit: 'MB',
      value: cursor.peakRssGrowthMB,
      better: 'lower',
      target: { on: 'value', bound: 100 },
    }),
    absolute({
      name: `cursorFromIterable over ${label} · peak heap growth`,
      unit: 'MB',
      value: cursor.peakHeapGrowthMB,
      better: 'lower',
    }),
  ]
}

async function runChild(mode: 'cursor' | 'plain', rows: number): Promise<StreamFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD, mode, String(rows)], {
    timeout: 600_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as StreamFigures
}
