import type { Batch } from '@batchgate/core'
import { expect } from 'vitest'
import type { BatchAudit } from '../../failover/batch-audit.js'
import type { FailoverCluster } from '../../failover/failover-cluster.js'
import { priorityInversions } from '../../failover/priority-order.js'
import { sampleRunning } from '../../failover/running-sampler.js'
import { launchedTwice } from '../../failover/work-summary.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { eventually } from './eventually.js'

/** The priorities the burst cycles through. */
const PRIORITIES = [1, 10, 5, 20] as const

/**
 * Every slot of every instance is taken by a blocker, then `submissions` short batches with mixed
 * priorities are submitted round-robin over the instances: they all wait in the queue (the audit shows
 * each inserted owned by nobody), and drain once the blockers' work is ended (SIGUSR1). Metastore samples taken throughout never show more than `maxRunningBatches` RUNNING on
 * one instance; every batch finishes, launched once; the queue served priorities in order, within the
 * slots' concurrency.
 */
export async function burstScenario(
  cluster: FailoverCluster,
  fixture: StoreFixture,
  audit: BatchAudit,
  maxRunningBatches: number,
  submissions: number,
): Promise<void> {
  const slots = cluster.workers.length * maxRunningBatches
  const sampler = sampleRunning(fixture, 100)
  try {
    const blockers = await Promise.all(
      cluster.workers.flatMap((worker) =>
        Array.from({ length: maxRunningBatches }, () => worker.submit({ workMs: 120_000 })),
      ),
    )
    await eventually(
      () => cluster.workLog().filter((entry) => entry.event === 'launch').length === blockers.length,
      15_000,
      'every slot taken',
    )
    const submitting = performance.now()
    const burst: Batch[] = []
    for (let start = 0; start < submissions; start += 50) {
      burst.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, submissions - start) }, (_, offset) => {
            const index = start + offset
            const worker = cluster.workers[index % cluster.workers.length]
            if (worker === undefined) throw new Error('no worker')
            return worker.submit({ workMs: 20, priority: PRIORITIES[index % PRIORITIES.length] ?? 10 })
          }),
        )),
      )
    }
    console.info(
      `[failover burst] ${submissions} submitted in ${Math.round(performance.now() - submitting)} ms`,
    )
    // Every slot was busy throughout: each submission went to the queue (owned by nobody).
    const queued = (await audit.changes()).filter(
      (change) => change.op === 'insert' && burstIdsOf(burst).has(change.batchId),
    )
    expect(queued.filter((change) => change.newOwnerToken !== null)).toEqual([])
    expect(queued).toHaveLength(submissions)
    // Now the blockers end (SIGUSR1: their work finishes early, as if done) and the queue drains.
    for (const entry of cluster.workLog()) {
      if (entry.event === 'launch') process.kill(entry.pid, 'SIGUSR1')
    }
    const total = blockers.length + burst.length
    await eventually(
      async () =>
        (await fixture.rawBatches()).filter((row) => row.state !== 'PENDING' && row.state !== 'RUNNING')
          .length === total,
      90_000,
      `all ${total} batches ended`,
      250,
      async () => {
        const states: Record<string, number> = {}
        for (const row of await fixture.rawBatches()) {
          const key = `${row.state}:${row.ownerInstance ?? 'queued'}`
          states[key] = (states[key] ?? 0) + 1
        }
        const errors = cluster.workers.flatMap((worker) =>
          worker.backgroundErrors.map((error) => error.message),
        )
        const log = cluster.workLog()
        return `${JSON.stringify(states)}; log: ${log.length} lines, ${log.filter((e) => e.event === 'end').length} ends; background errors: ${JSON.stringify(errors.slice(0, 5))}`
      },
    )
    const samples = await sampler.stop()
    console.info(
      `[failover burst] ${submissions} submissions over ${cluster.workers.length} instances: ${samples.samples} samples, most RUNNING per instance ${JSON.stringify(samples.maxRunningPerInstance)}`,
    )
    expect(samples.samples).toBeGreaterThan(5)
    const peaks = Object.values(samples.maxRunningPerInstance)
    expect(Math.max(...peaks)).toBe(maxRunningBatches)
    const rows = await fixture.rawBatches()
    const burstIds = burstIdsOf(burst)
    expect(
      rows.filter((row) => row.state !== 'FINISHED').map((row) => [row.id, row.state, row.diagnostic]),
    ).toEqual([])
    expect(launchedTwice(cluster.workLog())).toEqual({})
    expect(cluster.workLog().filter((entry) => entry.event === 'launch')).toHaveLength(total)
    expect(
      priorityInversions(
        rows.filter((row) => burstIds.has(row.id)),
        slots,
      ),
    ).toEqual([])
    expect(
      rows
        .filter((row) => burstIds.has(row.id))
        .map((row) => row.priority)
        .sort(),
    ).toEqual(burst.map((_, index) => PRIORITIES[index % PRIORITIES.length]).sort())
  } finally {
    const samples = await sampler.stop()
    expect(Math.max(0, ...Object.values(samples.maxRunningPerInstance))).toBeLessThanOrEqual(
      maxRunningBatches,
    )
  }
}

function burstIdsOf(burst: readonly { readonly id: string }[]): Set<string> {
  return new Set(burst.map((batch) => batch.id))
}
