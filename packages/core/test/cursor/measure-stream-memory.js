// Measures that a streaming cursor's memory stays flat however long the result is. Not a test (timing
// and heap figures vary by machine); run it by hand against the built package:
//   pnpm build && node --expose-gc packages/core/test/cursor/measure-stream-memory.js [rows] [maxRows] [scrollbackRows]
import { performance } from 'node:perf_hooks'
import { FetchOrientation, cursorFromIterable } from '@batchgate/core'

const rowCount = Number(process.argv[2] ?? 5_000_000)
const maxRows = Number(process.argv[3] ?? 1_000)
const scrollbackRows = Number(process.argv[4] ?? 1_000)
const gc = globalThis['gc']
if (typeof gc !== 'function') throw new Error('run with node --expose-gc')

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1)
const makeRow = (id) => ({ id, name: `row-${id}`, value: id * 1.5 })

function* syncRows() {
  for (let id = 0; id < rowCount; id++) yield makeRow(id)
}
async function* asyncRows() {
  for (let id = 0; id < rowCount; id++) yield makeRow(id)
}

function sample() {
  gc()
  const { heapUsed, rss } = process.memoryUsage()
  return { heapUsed, rss }
}

async function measure(name, factory) {
  const before = sample()
  const cursor = cursorFromIterable(factory, { scrollbackRows })
  let peakHeap = 0
  let peakRss = 0
  let peakBuffered = 0
  let fetches = 0
  const started = performance.now()
  for (let expected = 0; ; expected += maxRows) {
    const block = await cursor.fetch(FetchOrientation.FETCH_NEXT, maxRows)
    if (block.startRowOffset !== expected || (block.rows[0] !== undefined && block.rows[0].id !== expected)) {
      throw new Error(`wrong block at ${expected}`)
    }
    peakBuffered = Math.max(peakBuffered, cursor.bufferedRows)
    if (++fetches % 250 === 0) {
      const now = sample()
      peakHeap = Math.max(peakHeap, now.heapUsed)
      peakRss = Math.max(peakRss, now.rss)
    }
    if (!block.hasMoreRows) break
  }
  const seconds = (performance.now() - started) / 1000
  const after = sample()
  await cursor.close()
  console.log(
    `${name}: ${rowCount} rows, FETCH_NEXT ${maxRows}, scrollbackRows ${scrollbackRows}, ${fetches} fetches in ${seconds.toFixed(1)} s`,
  )
  console.log(
    `  heapUsed before ${mb(before.heapUsed)} MB, peak ${mb(peakHeap)} MB, end ${mb(after.heapUsed)} MB;` +
      ` rss before ${mb(before.rss)} MB, peak ${mb(peakRss)} MB; bufferedRows peak ${peakBuffered}`,
  )
}

async function measureLast() {
  let peakHeap = 0
  function* sampled() {
    for (let id = 0; id < rowCount; id++) {
      if (id % 250_000 === 0) peakHeap = Math.max(peakHeap, sample().heapUsed)
      yield makeRow(id)
    }
  }
  const cursor = cursorFromIterable(sampled, { scrollbackRows })
  const block = await cursor.fetch(FetchOrientation.FETCH_LAST, maxRows)
  console.log(
    `FETCH_LAST ${maxRows} over ${rowCount} rows: startRowOffset ${block.startRowOffset}, ` +
      `heapUsed peak while reading to the end ${mb(peakHeap)} MB, bufferedRows ${cursor.bufferedRows}`,
  )
  await cursor.close()
}

async function materialised(count) {
  const before = sample()
  const rows = Array.from({ length: count }, (_, id) => makeRow(id))
  const after = sample()
  console.log(
    `for contrast, ${count} such rows held in an array: +${mb(after.heapUsed - before.heapUsed)} MB heap`,
  )
  return rows.length
}

await measure('sync source', syncRows)
await measure('async source', asyncRows)
await measureLast()
await materialised(1_000_000)
