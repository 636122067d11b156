import { compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { measurePair, type Contender } from '../harness/measure.js'
import { count } from '../cursor/array-scan.js'
import { blockOf, TFetchOrientation, ThriftBenchClient } from './thrift-calls.js'
import { ThriftBenchConnection } from './thrift-connection.js'
import { BENCH_MAX_FETCH_ROWS, ENDLESS_STATEMENT } from './thrift-server-kind.js'
import type { ThriftServerProcess } from './thrift-server-process.js'

/** The shallow position, as the core cursor group's: deep enough that FETCH_PRIOR is not clamped at 0. */
const SHALLOW_ROW = 2 * BLOCK_ROWS

/** The whole budget per round: a round trip is hundreds of µs, and a short round on a loaded machine swung the ratio from 0.64 to 1.94. */
const PRIOR_BUDGET_SCALE = 1

/**
 * FETCH_PRIOR of one block over the wire (SASL PLAIN, one connection each) landing deep in a long
 * streamed result (`settings.streamDeepRow`) against the same landing near its start, as the core
 * cursor group measures it on the cursor alone: an untimed FETCH_NEXT before each timed FETCH_PRIOR
 * moves the cursor one block forward again, so every timed call does the same move. The deep cursor
 * gets there by FETCH_NEXT over the wire, in blocks of the service's bound, before anything is timed.
 */
export async function fetchPriorRow(
  settings: BenchSettings,
  service: ThriftServerProcess,
): Promise<BenchRow> {
  const deepRow = settings.streamDeepRow
  const clients: ThriftBenchClient[] = []
  try {
    const deep = await priorAt(`thrift FETCH_PRIOR at ${count(deepRow)}`, service, deepRow, clients)
    const shallow = await priorAt(
      `thrift FETCH_PRIOR at ${count(SHALLOW_ROW)}`,
      service,
      SHALLOW_ROW,
      clients,
    )
    const measured = await measurePair(deep, shallow, settings, { budgetScale: PRIOR_BUDGET_SCALE })
    const micros = (opsPerSecond: number): number => 1e6 / opsPerSecond
    return compared({
      name: `FetchResults FETCH_PRIOR ${BLOCK_ROWS} at row ${count(deepRow)} vs ${count(SHALLOW_ROW)} · SASL PLAIN`,
      unit: 'µs/fetch',
      value: micros(measured.subject.opsPerSecond),
      baseline: micros(measured.baseline.opsPerSecond),
      better: 'lower',
      baselineLabel: `the same fetch at row ${count(SHALLOW_ROW)} over the wire (scrollbackRows ${BLOCK_ROWS})`,
      target: { on: 'ratio', bound: 1.5 },
    })
  } finally {
    for (const client of clients) client.connection.close()
  }
}

/**
 * A contender timing FETCH_PRIOR landing on `[row, row + 1000)`: its own connection and operation, moved
 * by FETCH_NEXT until its last block is that one.
 */
async function priorAt(
  name: string,
  service: ThriftServerProcess,
  row: number,
  clients: ThriftBenchClient[],
): Promise<Contender> {
  const client = new ThriftBenchClient(await ThriftBenchConnection.open(service.port, 'sasl'))
  clients.push(client)
  const handle = await client.openOperation(ENDLESS_STATEMENT)
  for (let position = 0; position < row;) {
    const rows = Math.min(BENCH_MAX_FETCH_ROWS, row - position)
    const block = blockOf(await client.fetch(handle, TFetchOrientation.FETCH_NEXT, rows))
    if (block.startRowOffset !== position || block.rows !== rows) {
      throw new Error(`moving to row ${row}: a block at ${block.startRowOffset} of ${block.rows} rows`)
    }
    position += rows
  }
  await client.fetch(handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
  return {
    name,
    beforeEach: async () => {
      await client.fetchRaw(handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
    },
    fn: async () => {
      const block = blockOf(await client.fetch(handle, TFetchOrientation.FETCH_PRIOR, BLOCK_ROWS))
      if (block.startRowOffset !== row)
        throw new Error(`FETCH_PRIOR landed at ${block.startRowOffset}, not ${row}`)
    },
  }
}
