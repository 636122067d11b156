import { cursorFromIterable, FetchOrientation } from '@batchgate/core'
import { BLOCK_ROWS } from '../harness/bench-settings.js'
import { generateRows } from './fetch-prior.js'

/**
 * Run by {@link streamRows} in a child process started with `--expose-gc`: streams `rows` generated rows
 * through `cursorFromIterable` (mode `cursor`) or reads the same generator in blocks of the same size
 * (mode `plain`), sampling RSS and heap after every few blocks, and prints one JSON line of
 * {@link StreamFigures}. A process of its own per mode, so that neither inherits the other's heap.
 */
export interface StreamFigures {
  readonly rows: number
  readonly seconds: number
  /** Peak RSS above the RSS after a full GC before the stream started, in MB (10^6 bytes). */
  readonly peakRssGrowthMB: number
  /** Peak V8 heap used above the heap used after that GC, in MB (10^6 bytes). */
  readonly peakHeapGrowthMB: number
}

/** Blocks between memory samples: often enough to see a peak, rare enough to cost nothing. */
const SAMPLE_EVERY_BLOCKS = 16
const MB = 1_000_000

async function main(): Promise<void> {
  const [mode, rowsArgument] = process.argv.slice(2)
  const total = Number(rowsArgument)
  if ((mode !== 'cursor' && mode !== 'plain') || !Number.isSafeInteger(total) || total < 1) {
    throw new Error('usage: stream-child.js cursor|plain <rows>')
  }
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run with --expose-gc')
  gc()
  gc()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const sample = (): void => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }
  const started = performance.now()
  const read = mode === 'cursor' ? await readThroughCursor(total, sample) : readPlain(total, sample)
  const seconds = (performance.now() - started) / 1000
  sample()
  if (read !== total) throw new Error(`read ${read} rows of ${total}`)
  const figures: StreamFigures = {
    rows: read,
    seconds,
    peakRssGrowthMB: (peakRss - base.rss) / MB,
    peakHeapGrowthMB: (peakHeap - base.heapUsed) / MB,
  }
  console.log(JSON.stringify(figures))
}

async function readThroughCursor(total: number, sample: () => void): Promise<number> {
  const cursor = cursorFromIterable(() => generateRows(total), { scrollbackRows: BLOCK_ROWS })
  let read = 0
  for (let blocks = 1; ; blocks++) {
    const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, BLOCK_ROWS)
    read += block.rows.length
    if (blocks % SAMPLE_EVERY_BLOCKS === 0) sample()
    if (!block.hasMoreRows) break
  }
  await cursor.close()
  return read
}

/** The baseline: the same generator read in blocks of the same size, with nothing kept. */
function readPlain(total: number, sample: () => void): number {
  let read = 0
  let block: unknown[] = []
  let blocks = 0
  for (const row of generateRows(total)) {
    block.push(row)
    if (block.length === BLOCK_ROWS) {
      read += block.length
      block = []
      if (++blocks % SAMPLE_EVERY_BLOCKS === 0) sample()
    }
  }
  return read + block.length
}

await main()
