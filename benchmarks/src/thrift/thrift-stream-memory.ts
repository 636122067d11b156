import { absolute, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { count } from '../cursor/array-scan.js'
import { rssOf, rssSampler } from './process-rss.js'
import type { TFetchResultsResp } from '@batchgate/hive-thrift'
import { blockOf, decodeFetchReply, TFetchOrientation, ThriftBenchClient } from './thrift-calls.js'
import { ThriftBenchConnection } from './thrift-connection.js'
import { countedStatement } from './thrift-server-kind.js'
import { startThriftServerProcess } from './thrift-server-process.js'

const MB = 1_000_000
/** How often the server's RSS is read from `/proc` while the result streams. */
const SAMPLE_EVERY_MS = 20
/**
 * Replies decoded and checked: one in this many, and the last. Decoding every reply would make the
 * client the bottleneck of the run (it decodes slower than the server encodes) and say less about
 * the server; every reply is still read whole.
 */
const CHECK_EVERY_BLOCKS = 64

function checkBlock(response: TFetchResultsResp, startRowOffset: number, rows: number): void {
  const block = blockOf(response)
  if (block.startRowOffset !== startRowOffset || block.rows !== rows) {
    throw new Error(
      `a block at ${block.startRowOffset} of ${block.rows} rows, expected ${startRowOffset} of ${rows}`,
    )
  }
}

/**
 * A result of `settings.streamRows` rows (10M in the full run) whose cursor makes each row as it is
 * fetched, read to its end over the wire (SASL PLAIN, FETCH_NEXT 1,000; one reply in 64 and the last
 * decoded and their `startRowOffset` checked, then the empty answer past the end) from a fresh service
 * process. The figure is the server process's peak RSS
 * above its RSS after a full GC once the statement ran, sampled from this process (see `rssSampler`);
 * also the RSS left after the stream and another full GC, and the rows per second of the run.
 */
export async function streamMemoryRows(settings: BenchSettings, directory: string): Promise<BenchRow[]> {
  const total = settings.streamRows
  const service = await startThriftServerProcess('service', directory)
  const client = new ThriftBenchClient(await ThriftBenchConnection.open(service.port, 'sasl'))
  try {
    const handle = await client.openOperation(countedStatement(total))
    await service.collectGarbage()
    const base = rssOf(service.pid)
    const sampler = rssSampler(service.pid, SAMPLE_EVERY_MS)
    const started = performance.now()
    const blocks = Math.ceil(total / BLOCK_ROWS)
    for (let index = 0; index < blocks; index++) {
      const reply = await client.fetchRaw(handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
      if (index % CHECK_EVERY_BLOCKS === 0 || index === blocks - 1) {
        checkBlock(
          decodeFetchReply(reply),
          index * BLOCK_ROWS,
          Math.min(BLOCK_ROWS, total - index * BLOCK_ROWS),
        )
      }
    }
    const seconds = (performance.now() - started) / 1000
    const { peakBytes } = sampler.stop()
    // The end: FETCH_NEXT past the last row answers no rows and hasMoreRows false.
    const end = await client.fetch(handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
    if (blockOf(end).rows !== 0 || end.hasMoreRows === true) {
      throw new Error(
        `past the end of ${total} rows: ${blockOf(end).rows} rows, hasMoreRows ${end.hasMoreRows}`,
      )
    }
    await service.collectGarbage()
    const after = rssOf(service.pid)
    const label = `${count(total)} streamed rows over the wire`
    return [
      absolute({
        name: `FetchResults to the end of ${label} · server peak RSS growth`,
        unit: 'MB',
        value: (peakBytes - base) / MB,
        better: 'lower',
        target: { on: 'value', bound: 100 },
      }),
      absolute({
        name: `FetchResults to the end of ${label} · server RSS growth after GC`,
        unit: 'MB',
        value: (after - base) / MB,
        better: 'lower',
      }),
      absolute({
        name: `FetchResults to the end of ${label} · throughput`,
        unit: 'rows/s',
        value: total / seconds,
        better: 'higher',
      }),
    ]
  } finally {
    client.connection.close()
    await service.stop()
  }
}
