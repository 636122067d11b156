import { deepStrictEqual } from 'node:assert/strict'
import { compared, type BenchRow } from '../harness/bench-result.js'
import { BLOCK_ROWS, type BenchSettings } from '../harness/bench-settings.js'
import { blockOf, decodeFetchReply, TFetchOrientation, ThriftBenchClient } from './thrift-calls.js'
import { cpuSecondsOf } from './process-cpu.js'
import { ThriftBenchConnection, type ThriftFraming } from './thrift-connection.js'
import { ENDLESS_STATEMENT } from './thrift-server-kind.js'
import type { ThriftServerProcess } from './thrift-server-process.js'
import { TOperationType, type TOperationHandle } from '@batchgate/hive-thrift'

/**
 * Rounds per pair and milliseconds per round, like the `rest` group's: whole stretches of fetching.
 * Before the first pair, each server is warmed up by `warmupBlocks` blocks on each framing (see
 * {@link warmUpServer}); each pair then warms both sides for `warmupMs` more.
 */
export const FETCH_TIMING = {
  full: { rounds: 7, ms: 1500, warmupMs: 1000, warmupBlocks: 10_000 },
  quick: { rounds: 3, ms: 500, warmupMs: 500, warmupBlocks: 3000 },
} as const

/**
 * The two baselines' figure names and labels: the codec one (the stricter: our codec packs scalar lists
 * itself) keeps the figures' original names; the runtime one is the issue's own wording.
 */
const BASELINES = {
  codec: {
    suffix: '',
    baselineLabel:
      "a bare node:net server on the same framing answering every FetchResults with the same 1,000-row TRowSet, encoded anew per reply by the same codec (stricter than the issue's baseline)",
  },
  runtime: {
    suffix: " · vs the thrift runtime's own serialisation",
    baselineLabel:
      "the same bare server with each reply written by the thrift runtime's TBinaryProtocol as its generated code writes it (writeI64 / writeString per element): the issue's baseline",
  },
} as const

/** One side of a pair: a connection to its server and the operation it reads. */
interface Reader {
  readonly server: ThriftServerProcess
  readonly client: ThriftBenchClient
  readonly handle: TOperationHandle
  /** Rows read so far: where the next FETCH_NEXT must start. */
  position: number
}

/**
 * FetchResults FETCH_NEXT 1,000 on one connection, one call in flight, against the service and against
 * a bare baseline (`bare`: our codec; `bare-runtime`: the thrift runtime as generated code writes), in alternating rounds of continuous fetching (each side's figure its median round,
 * in rows per second). Before measuring, the first block of each is decoded and compared: the same
 * columns, the same values. In the timed loop the client reads each whole reply and decodes the last
 * one of the round, whose `startRowOffset` must be the rows read before it (every block was served, in
 * order): a full decode of every reply would add the same client cost to both sides and hide the
 * servers' difference. A second figure divides the same rows by the CPU time each server process
 * used in its rounds, read from `/proc`: on a machine shared with other work it leaves out the time a
 * server waited to be scheduled.
 */
export async function fetchPair(
  settings: BenchSettings,
  framing: ThriftFraming,
  service: ThriftServerProcess,
  bare: ThriftServerProcess,
): Promise<BenchRow[]> {
  const timing = FETCH_TIMING[settings.mode]
  const subject = await openReader(service, framing, true)
  const baseline = await openReader(bare, framing, false)
  try {
    await checkSameFirstBlock(subject, baseline)
    for (const reader of [subject, baseline]) await fetchFor(reader, timing.warmupMs)
    const subjectRounds: Round[] = []
    const baselineRounds: Round[] = []
    for (let round = 0; round < timing.rounds; round++) {
      const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline]
      for (const reader of order) {
        const measured = await fetchFor(reader, timing.ms)
        ;(reader === subject ? subjectRounds : baselineRounds).push(measured)
      }
    }
    const { suffix, baselineLabel } = BASELINES[bare.kind === 'bare-runtime' ? 'runtime' : 'codec']
    const name = `FetchResults FETCH_NEXT ${BLOCK_ROWS} · BIGINT + STRING · ${framing === 'sasl' ? 'SASL PLAIN' : 'NOSASL'} · 1 connection${suffix}`
    return [
      compared({
        name,
        unit: 'rows/s',
        value: median(subjectRounds.map((round) => round.rowsPerSecond)),
        baseline: median(baselineRounds.map((round) => round.rowsPerSecond)),
        better: 'higher',
        baselineLabel,
        target: { on: 'ratio', bound: 0.7 },
      }),
      compared({
        name: `${name} · per server CPU second`,
        unit: 'rows/CPU s',
        value: median(subjectRounds.map((round) => round.rowsPerCpuSecond)),
        baseline: median(baselineRounds.map((round) => round.rowsPerCpuSecond)),
        better: 'higher',
        baselineLabel: `${baselineLabel}; rows over the CPU time the server process used (/proc), which leaves out waiting to be scheduled`,
      }),
    ]
  } finally {
    subject.client.connection.close()
    baseline.client.connection.close()
  }
}

/**
 * Fetches `warmupBlocks` blocks from `server` on each framing, on connections of their own, before any
 * pair is measured: a server's CPU time per block kept falling for its first few thousand blocks (2.0
 * → 0.4 ms in one run), and a warm-up by time alone (1.5 s) left the first pair measured, whichever it
 * was, at a third of the second's ratio on the loaded machine.
 */
export async function warmUpServer(settings: BenchSettings, server: ThriftServerProcess): Promise<void> {
  const { warmupBlocks } = FETCH_TIMING[settings.mode]
  for (const framing of ['nosasl', 'sasl'] as const) {
    const reader = await openReader(server, framing, server.kind === 'service')
    try {
      for (let block = 0; block < warmupBlocks; block++) {
        await reader.client.fetchRaw(reader.handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
      }
    } finally {
      reader.client.connection.close()
    }
  }
}

async function openReader(
  server: ThriftServerProcess,
  framing: ThriftFraming,
  withOperation: boolean,
): Promise<Reader> {
  const client = new ThriftBenchClient(await ThriftBenchConnection.open(server.port, framing))
  // The bare server serves any handle: it has no operations.
  const handle = withOperation
    ? await client.openOperation(ENDLESS_STATEMENT)
    : {
        operationId: { guid: Buffer.alloc(16), secret: Buffer.alloc(16) },
        operationType: TOperationType.EXECUTE_STATEMENT,
        hasResultSet: true,
      }
  return { server, client, handle, position: 0 }
}

async function checkSameFirstBlock(subject: Reader, baseline: Reader): Promise<void> {
  const [ours, bare] = await Promise.all(
    [subject, baseline].map(async (reader) => {
      const response = await reader.client.fetch(reader.handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
      reader.position += BLOCK_ROWS
      return response
    }),
  )
  if (ours === undefined || bare === undefined) throw new Error('no first block')
  deepStrictEqual(
    bare.results,
    ours.results,
    'the bare server answers a different first block from the service',
  )
  deepStrictEqual(bare.hasMoreRows, ours.hasMoreRows, 'the bare server answers a different hasMoreRows')
}

/** What one round of one side achieved. */
interface Round {
  readonly rowsPerSecond: number
  /** Rows per second of CPU time the server process used in the round. */
  readonly rowsPerCpuSecond: number
}

/** Fetches for `ms` milliseconds; checks the round's last block. */
async function fetchFor(reader: Reader, ms: number): Promise<Round> {
  const cpuBefore = cpuSecondsOf(reader.server.pid)
  const started = performance.now()
  const from = reader.position
  let last: Buffer | undefined
  let elapsed = 0
  while (elapsed < ms) {
    last = await reader.client.fetchRaw(reader.handle, TFetchOrientation.FETCH_NEXT, BLOCK_ROWS)
    reader.position += BLOCK_ROWS
    elapsed = performance.now() - started
  }
  const cpu = cpuSecondsOf(reader.server.pid) - cpuBefore
  if (last === undefined) throw new Error('no fetch in the round')
  const block = blockOf(decodeFetchReply(last))
  if (block.startRowOffset !== reader.position - BLOCK_ROWS || block.rows !== BLOCK_ROWS) {
    throw new Error(
      `the last block of the round starts at ${block.startRowOffset} with ${block.rows} rows, not at ${reader.position - BLOCK_ROWS} with ${BLOCK_ROWS}`,
    )
  }
  const rows = reader.position - from
  return { rowsPerSecond: (rows * 1000) / elapsed, rowsPerCpuSecond: rows / cpu }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
