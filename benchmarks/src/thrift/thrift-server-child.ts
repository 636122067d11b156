import { once } from 'node:events'
import type { AddressInfo, Server } from 'node:net'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import {
  createEngine,
  cursorFromIterable,
  type Engine,
  type OperationCursor,
  type ResultRow,
} from '@batchgate/core'
import { tcliService, thriftBinaryServer, thriftNoAuth } from '@batchgate/hive-thrift'
import { sqliteStore } from '@batchgate/store-sqlite'
import { BLOCK_ROWS } from '../harness/bench-settings.js'
import { BENCH_INSTANCE } from '../submit/bench-request.js'
import { bareThriftServer } from './bare-thrift-server.js'
import { endlessThriftRows, generateThriftRows, THRIFT_COLUMNS } from './thrift-rows.js'
import { BENCH_MAX_FETCH_ROWS, rowsOfStatement, type ThriftServerKind } from './thrift-server-kind.js'

/**
 * One server of the `thrift` group, in a process of its own (started with `--expose-gc`) so that the
 * client loop does not share its event loop and its RSS is its own: `service` serves `tcliService` over
 * an engine (sessions on a SQLite file; an in-memory statement executor whose cursor makes the rows as
 * they are fetched: an endless result, or `LIMIT n` rows) behind `thriftBinaryServer` (SASL PLAIN and
 * NOSASL on one port, anyone let in); `bare` and `bare-runtime` serve the baselines. Prints `READY <port>`, then reads
 * commands on stdin: `gc` runs two full collections and answers `GC <rss>`; end of stdin stops it.
 */
async function main(): Promise<void> {
  const [kind, directory] = process.argv.slice(2) as [ThriftServerKind, string]
  let engine: Engine | undefined
  let closeService = (): Promise<void> => Promise.resolve()
  let server: Server
  if (kind === 'bare' || kind === 'bare-runtime') {
    server = bareThriftServer(kind === 'bare' ? 'codec' : 'runtime')
  } else {
    engine = await createEngine({
      store: sqliteStore({ filename: join(directory, `thrift-${process.pid}.db`) }),
      instanceId: BENCH_INSTANCE,
      retention: false,
      statementExecutor: {
        execute: (statement) =>
          Promise.resolve({
            columns: THRIFT_COLUMNS,
            cursor: rowsCursor(rowsOfStatement(statement)),
          }),
      },
    })
    const processor = tcliService(engine, { maxFetchRows: BENCH_MAX_FETCH_ROWS })
    closeService = () => processor.close()
    server = thriftBinaryServer(processor, { authenticate: thriftNoAuth() })
  }
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  process.stdout.write(`READY ${port}\n`)
  const gc = (globalThis as { gc?: () => void }).gc
  const commands = createInterface({ input: process.stdin })
  commands.on('line', (line) => {
    if (line !== 'gc' || gc === undefined) return
    gc()
    gc()
    process.stdout.write(`GC ${process.memoryUsage.rss()}\n`)
  })
  await once(commands, 'close')
  server.close()
  await closeService()
  await engine?.close()
}

/** The built-once endless result, or `total` rows made as they are fetched. */
function rowsCursor(total: number | undefined): OperationCursor<ResultRow> {
  const source = total === undefined ? () => endlessThriftRows() : () => generateThriftRows(total)
  return cursorFromIterable(source, { scrollbackRows: BLOCK_ROWS })
}

await main()
