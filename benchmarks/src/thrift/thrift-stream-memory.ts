import { absolute, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { count } from '../cursor/array-scan.js'
import { rssOf, rssSampler } from './process-rss.js'
import { blockOf, TFetchOrientation, ThriftBenchClient } from './thrift-calls.js'
import { ThriftBenchConnection } from './thrift-connection.js'
import { countedStatement } from './thrift-server-kind.js'
import { startThriftServerProcess } from './thrift-server-process.js'

const MB = 1_000_000
/** How often the server's RSS is read from `/proc` while the result streams. */
const SAMPLE_EVERY_MS = 20

/**
 * A result of `settings.streamRows` rows (10M in the full run) whose cursor makes each row as it is
 * fetched, read to its end over the wire (SASL PLAIN, FETCH_NEXT 1,000, every reply decoded and its
 * `startRowOffset` checked) from a fresh service process. The figure is the server process's peak RSS
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
    let read = 0
    for (;;) {
      const response = await client.fetch(handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
      const block = blockOf(response)
      if (block.startRowOffset !== read)
        throw new Error(`a block at ${block.startRowOffset}, expected ${read}`)
      read += block.rows
      if (response.hasMoreRows !== true) break
    }
    const seconds = (performance.now() - started) / 1000
    const { peakBytes } = sampler.stop()
    if (read !== total) throw new Error(`read ${read} rows of ${total}`)
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
        name: `FetchResults to the end of ${label} · every reply decoded`,
        unit: 'rows/s',
        value: read / seconds,
        better: 'higher',
      }),
    ]
  } finally {
    client.connection.close()
    await service.stop()
  }
}
