import { randomUUID } from 'node:crypto'
import type { Engine } from '@batchgate/core'
import PgBoss from 'pg-boss'
import { throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'
import { BENCH_CONTEXT, benchRequest } from './bench-request.js'

/** The queue every pg-boss job of the comparison goes to. */
const QUEUE = 'batchgate-bench'

/** What each pg-boss comparison's baseline is, as shown under the table. */
const LABELS = {
  newId:
    'pg-boss 10 send(queue, request, { id }) with a new id: one INSERT … SELECT … ON CONFLICT DO NOTHING, pool of 10, same server',
  existingId:
    'pg-boss 10 send(queue, request, { id }) with an id it holds: the same statement, which inserts nothing and answers null',
} as const

/** The pg-boss figures' names, for skipped rows. */
export function pgBossNames(inFlight: readonly number[]): string[] {
  return inFlight.flatMap((n) => [newIdName(n), existingIdName(n)])
}

const newIdName = (n: number): string => `submit new id · PostgreSQL · ${n} in flight · vs pg-boss send`
const existingIdName = (n: number): string =>
  `submit existing id · PostgreSQL · ${n} in flight · vs pg-boss send`

/**
 * The peer a Node team would reach for instead: pg-boss's `send` with a client-chosen job id, its
 * deduplicated path (a job whose id the queue holds is not inserted again, and `send` answers `null`).
 * `submit` (the engine with the default adaptive lookup, on its own schema) against `send` on a pg-boss
 * schema of the same server, in the same run: a new id each call, and an id both already hold
 * (`ids`, sent to pg-boss here and submitted to the engine by the caller). The payload is the same
 * request the engine gets. pg-boss runs with its supervisor and scheduler off, as a sender only.
 *
 * @example
 * ```ts
 * rows.push(...(await pgBossRows(settings, uri, 'batchgate_b_boss', engine, ids, [1, 16])))
 * ```
 */
export async function pgBossRows(
  settings: BenchSettings,
  uri: string,
  schema: string,
  engine: Engine,
  ids: readonly string[],
  inFlight: readonly number[],
): Promise<BenchRow[]> {
  const boss = new PgBoss({
    connectionString: uri,
    schema,
    max: 10,
    supervise: false,
    schedule: false,
    migrate: true,
  })
  const failures: Error[] = []
  boss.on('error', (error) => failures.push(error))
  await boss.start()
  try {
    await boss.createQueue(QUEUE)
    await sendAll(boss, ids)
    const requests = ids.map(benchRequest)
    const count = ids.length
    const rows: BenchRow[] = []
    for (const n of inFlight) {
      const fresh = await measurePair(
        { name: 'submit new id', fn: () => engine.batches.submit(benchRequest(randomUUID()), BENCH_CONTEXT) },
        { name: 'pg-boss send new id', fn: () => sendNew(boss, randomUUID()) },
        settings,
        { inFlight: n },
      )
      rows.push(throughputRow(newIdName(n), fresh, LABELS.newId))
      let next = 0
      let nextBoss = 0
      const repeated = await measurePair(
        {
          name: 'submit existing id',
          fn: () => engine.batches.submit(requests[next++ % count] ?? benchRequest(''), BENCH_CONTEXT),
        },
        {
          name: 'pg-boss send existing id',
          fn: () => sendRepeated(boss, ids[nextBoss % count] ?? '', requests[nextBoss++ % count]),
        },
        settings,
        { inFlight: n },
      )
      rows.push(throughputRow(existingIdName(n), repeated, LABELS.existingId))
    }
    if (failures.length > 0) throw new Error('pg-boss reported an error', { cause: failures[0] })
    return rows
  } finally {
    await boss.stop({ graceful: false, wait: true })
  }
}

/** Sends each id once, so that sending it again takes pg-boss's deduplicated path. */
async function sendAll(boss: PgBoss, ids: readonly string[]): Promise<void> {
  for (const id of ids) await sendNew(boss, id)
}

/** A send that must create the job: a `null` would mean the queue is missing and nothing was timed. */
async function sendNew(boss: PgBoss, id: string): Promise<void> {
  const created = await boss.send(QUEUE, benchRequest(id), { id })
  if (created !== id) throw new Error(`pg-boss did not create job ${id} (answered ${String(created)})`)
}

/**
 * A send of an id pg-boss holds, with the request built beforehand as the engine's side has it: it
 * must answer `null`, the deduplicated path, not a second job.
 */
async function sendRepeated(boss: PgBoss, id: string, request = benchRequest(id)): Promise<void> {
  const created = await boss.send(QUEUE, request, { id })
  if (created !== null) throw new Error(`pg-boss created job ${id} a second time`)
}
