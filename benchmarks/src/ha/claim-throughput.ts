import { setTimeout as sleep } from 'node:timers/promises'
import { compared, skippedRows, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { HaWorker } from './ha-worker-process.js'
import { note } from './progress-note.js'
import { withTargets } from './ha-targets.js'
import { claimSpan, fillHeldQueue, releaseQueue, type ClaimSpan } from './held-queue.js'
import { openRawSql, type RawSql } from './raw-sql.js'
import { selectedKinds, TARGET_NAMES, type StoreTarget } from './store-target.js'

/** Engine processes (and raw claimer processes) draining the queue, as the target says. */
export const CLAIM_INSTANCES = 4
/**
 * `maxRunningBatches` of each instance. The launchers finish at once, so a slot is busy only from the
 * claim to the FINISHED write (a few milliseconds): 50 slots never bind below 4 × 50 / 0.01 s =
 * 20,000 claims/s, so the figure is the launch queue's (read candidates, compare-and-set) and not the
 * slot limit's, while each read still asks for a bounded number of candidates, as a host would set it.
 */
export const CLAIM_SLOTS = 50
/** The store's figure the issue sets a target on. */
const TARGET_CLAIMS_PER_SECOND = 500
/** Longest a drain is waited for (see waitDrained). */
const DRAIN_TIMEOUT_MS = 60_000
/** How often the parent reads the metastore while the queue drains. */
const POLL_MS = 200

const KINDS: readonly StoreTarget['kind'][] = ['mysql', 'sqlite', 'postgres']

/**
 * Claim throughput: a launch queue of `settings.ha.queue` PENDING batches, released all at once,
 * drained by 4 engine processes with `maxRunningBatches` 50 and launchers that finish at once, in
 * claims per second from the metastore (the spread of the batches' start times); against the same
 * work done by hand with the raw driver (the same candidate SELECT and compare-and-set UPDATE, then
 * the FINISHED UPDATE, from 4 processes with 50 slots each) on a second database filled alike.
 */
export async function claimRows(settings: BenchSettings): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const kind of selectedKinds(KINDS)) {
    const name = `claim throughput · ${CLAIM_INSTANCES} instances × ${CLAIM_SLOTS} slots · ${settings.ha.queue.toLocaleString('en-US')} queued · ${TARGET_NAMES[kind]}`
    rows.push(
      ...(await withTargets(
        kind,
        2,
        async ([engineTarget, rawTarget]) => {
          if (engineTarget === undefined || rawTarget === undefined) throw new Error('no targets')
          const engines = await drain(engineTarget, 'engine', settings.ha.queue)
          const raw = await drain(rawTarget, 'raw', settings.ha.queue)
          return [
            compared({
              name,
              unit: 'claims/s',
              value: engines,
              baseline: raw,
              better: 'higher',
              baselineLabel: `${RAW_LABELS[kind]}: the same candidate SELECT, compare-and-set UPDATE and FINISHED UPDATE by hand from ${CLAIM_INSTANCES} processes × ${CLAIM_SLOTS} slots`,
              ...(kind === 'mysql' ? { target: { on: 'value', bound: TARGET_CLAIMS_PER_SECOND } } : {}),
            }),
          ]
        },
        (reason) => skippedRows([name], 'claims/s', reason),
      )),
    )
  }
  return rows
}

const RAW_LABELS: Readonly<Record<StoreTarget['kind'], string>> = {
  sqlite: 'better-sqlite3 (prepared, same pragmas)',
  mysql: 'mysql2 prepared statements (execute), pool of 10 per process',
  postgres: 'pg named queries, pool of 10 per process',
}

/**
 * Fills the target's queue (held back), starts the workers, releases the queue, waits until every
 * batch is FINISHED, checks that each was launched exactly once, and answers the claims per second.
 */
async function drain(target: StoreTarget, role: 'engine' | 'raw', queue: number): Promise<number> {
  const started = performance.now()
  await fillHeldQueue(target, queue)
  note(
    `${role} on ${target.kind}: ${queue} batches inserted in ${Math.round(performance.now() - started)} ms`,
  )
  const workers = Array.from({ length: CLAIM_INSTANCES }, (_, i) =>
    HaWorker.start({
      role,
      target,
      instanceId: `claims-${role}-${i}`,
      launcher: 'instant',
      maxRunningBatches: CLAIM_SLOTS,
      peers: CLAIM_INSTANCES,
      // The held batches are owned (by an instance without a lease) until released: never "unlaunched".
      queue: { unlaunchedGraceMs: 3_600_000 },
    }),
  )
  const sql = openRawSql(target)
  try {
    await Promise.all(workers.map((worker) => worker.ready))
    const released = await releaseQueue(sql)
    const releasedAt = performance.now()
    if (released !== queue) throw new Error(`released ${released} batches, not ${queue}`)
    if (role === 'raw') for (const worker of workers) worker.send('go')
    const { span, complete } = await waitDrained(sql, queue)
    note(`${role} on ${target.kind}: drained in ${Math.round(performance.now() - releasedAt)} ms`)
    // An engine hands back what it launched when it closes; a raw claimer when the queue is empty.
    const reports = await Promise.all(
      workers.map((worker) =>
        role === 'engine' ? worker.stop() : complete ? worker.done : Promise.resolve(undefined),
      ),
    )
    const launched = reports.flatMap((report) => report?.launched ?? [])
    const distinct = new Set(launched).size
    if (distinct !== launched.length || (complete && distinct !== queue)) {
      throw new Error(
        `${role} claims on ${target.kind}: ${launched.length} launches of ${distinct} batches, not ${queue} of ${queue}`,
      )
    }
    if (!complete) {
      console.error(
        `  (${role} claims on ${target.kind}: stopped after ${DRAIN_TIMEOUT_MS / 1000} s with ${span.claimed} of ${queue} claimed; the figure is theirs)`,
      )
    }
    return ((span.claimed - 1) * 1000) / ((span.lastStart ?? 0) - (span.firstStart ?? 0))
  } finally {
    for (const worker of workers) worker.kill()
    await Promise.all(workers.map((worker) => worker.exited))
    await sql.close()
  }
}

/**
 * Polls the metastore until every batch is FINISHED, or for {@link DRAIN_TIMEOUT_MS} at most: on a
 * slow disk (a SQLite file on a busy machine) the claims made by then still give the rate.
 */
async function waitDrained(sql: RawSql, queue: number): Promise<{ span: ClaimSpan; complete: boolean }> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS
  for (;;) {
    const span = await claimSpan(sql)
    if (span.claimed === queue && span.unfinished === 0) return { span, complete: true }
    if (performance.now() > deadline) {
      if (span.claimed < 2) throw new Error(`the queue did not drain: ${JSON.stringify(span)}`)
      return { span, complete: false }
    }
    await sleep(POLL_MS)
  }
}
