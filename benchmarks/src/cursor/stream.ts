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
 * throughput against reading the same generator in blocks, and the cursor's peak RSS and heap growth.
 * Each run is a fresh child process with `--expose-gc`; cursor and baseline alternate (and which goes
 * first) for `settings.streamRounds` runs each. Throughput is each side's median run; memory is the
 * highest peak of the cursor's runs, since a bound on memory must hold in every run.
 */
export async function streamRows(settings: BenchSettings): Promise<BenchRow[]> {
  const rows = settings.streamRows
  const cursorRuns: StreamFigures[] = []
  const plainRuns: StreamFigures[] = []
  for (let round = 0; round < settings.streamRounds; round++) {
    const cursorFirst = round % 2 === 1
    if (cursorFirst) cursorRuns.push(await runChild('cursor', rows))
    plainRuns.push(await runChild('plain', rows))
    if (!cursorFirst) cursorRuns.push(await runChild('cursor', rows))
  }
  const label = `${count(rows)} rows`
  return [
    compared({
      name: `cursorFromIterable FETCH_NEXT ${BLOCK_ROWS} over ${label}`,
      unit: 'rows/s',
      value: medianRate(cursorRuns),
      baseline: medianRate(plainRuns),
      better: 'higher',
      baselineLabel: `the same generator read with for…of into ${BLOCK_ROWS}-row blocks`,
    }),
    absolute({
      name: `cursorFromIterable over ${label} · peak RSS growth`,
      unit: 'MB',
      value: Math.max(...cursorRuns.map((run) => run.peakRssGrowthMB)),
      better: 'lower',
      target: { on: 'value', bound: 100 },
    }),
    absolute({
      name: `cursorFromIterable over ${label} · peak heap growth`,
      unit: 'MB',
      value: Math.max(...cursorRuns.map((run) => run.peakHeapGrowthMB)),
      better: 'lower',
    }),
  ]
}

/** Rows per second of the median run (the lower middle one for an even count). */
function medianRate(runs: readonly StreamFigures[]): number {
  const rates = runs.map((run) => run.rows / run.seconds).sort((a, b) => a - b)
  const middle = rates[Math.floor((rates.length - 1) / 2)]
  if (middle === undefined) throw new Error('no streaming runs measured')
  return middle
}

async function runChild(mode: 'cursor' | 'plain', rows: number): Promise<StreamFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', CHILD, mode, String(rows)], {
    timeout: 600_000,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as StreamFigures
}
