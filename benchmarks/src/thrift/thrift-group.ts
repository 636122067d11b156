import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { preparedFetchReply } from './bare-thrift-server.js'
import type { BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { fetchPair, warmUpServer } from './thrift-fetch-pair.js'
import { fetchPriorRow } from './thrift-fetch-prior.js'
import { startThriftServerProcess, type ThriftServerProcess } from './thrift-server-process.js'
import { streamMemoryRows } from './thrift-stream-memory.js'

/**
 * The `thrift` group: `tcliService` over an engine behind `thriftBinaryServer`, each server in a child
 * process of its own and the client loop in this one. FetchResults FETCH_NEXT 1,000 (a BIGINT and a
 * STRING column) on NOSASL and on SASL PLAIN against a bare server answering the same prepared row set
 * encoded by the same codec (the stricter baseline), and against a bare server writing that reply with the
 * `thrift` runtime as its generated code does (the baseline, whose bytes are checked first to be
 * the codec's); FETCH_PRIOR deep against shallow over the wire; the server's RSS while a
 * streamed result of `settings.streamRows` rows is fetched to its end, in a fresh server process.
 */
export async function thriftRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-thrift-'))
  const servers: ThriftServerProcess[] = []
  try {
    checkSameReplyBytes()
    const rows: BenchRow[] = []
    const service = await startThriftServerProcess('service', directory)
    servers.push(service)
    const bare = await startThriftServerProcess('bare', directory)
    servers.push(bare)
    const bareRuntime = await startThriftServerProcess('bare-runtime', directory)
    servers.push(bareRuntime)
    for (const server of servers) await warmUpServer(settings, server)
    rows.push(...(await fetchPair(settings, 'nosasl', service, bare)))
    rows.push(...(await fetchPair(settings, 'sasl', service, bare)))
    rows.push(...(await fetchPair(settings, 'nosasl', service, bareRuntime)))
    rows.push(...(await fetchPair(settings, 'sasl', service, bareRuntime)))
    rows.push(await fetchPriorRow(settings, service))
    await Promise.all(servers.splice(0).map((server) => server.stop()))
    rows.push(...(await streamMemoryRows(settings, directory)))
    return rows
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(directory, { recursive: true, force: true })
  }
}

/**
 * The runtime-written reply must be the codec's reply byte for byte (at a first and a far offset), so
 * that the two baselines differ in how they write, not in what.
 */
function checkSameReplyBytes(): void {
  const codec = preparedFetchReply('codec')
  const runtime = preparedFetchReply('runtime')
  for (const [seqid, offset] of [
    [1, 0],
    [7, 123_456_000],
  ] as const) {
    if (!runtime(seqid, offset).equals(codec(seqid, offset))) {
      throw new Error(
        `the thrift runtime's FetchResults reply at ${offset} is not the codec's, byte for byte`,
      )
    }
  }
}
