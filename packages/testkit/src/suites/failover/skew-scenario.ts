import { expect } from 'vitest'
import type { BatchAudit } from '../../failover/batch-audit.js'
import type { FailoverCluster } from '../../failover/failover-cluster.js'
import { launchedTwice } from '../../failover/work-summary.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { eventually } from './eventually.js'
import type { ScenarioTiming } from './failover-scenario-options.js'

/** How far the skewed instances' clocks are off. */
export const SKEW_MS = 60_000

/**
 * With one instance's clock `SKEW_MS` ahead and another's behind, every instance runs batches for
 * longer than two leases while all are live: no batch changes owner (no lease stolen, nothing adopted),
 * nobody recovers anything, every batch finishes, launched once.
 */
export async function skewedLiveScenario(
  cluster: FailoverCluster,
  fixture: StoreFixture,
  audit: BatchAudit,
  options: ScenarioTiming,
): Promise<void> {
  const workMs = options.lease.durationMs * 2 + options.lease.renewIntervalMs
  const batches = await Promise.all(
    cluster.workers.flatMap((worker) => [worker.submit({ workMs }), worker.submit({ workMs })]),
  )
  const ids = new Set(batches.map((batch) => batch.id))
  await eventually(
    async () =>
      (await fixture.rawBatches()).filter((row) => ids.has(row.id) && row.state === 'FINISHED').length ===
      ids.size,
    workMs + 20_000,
    'every batch finished',
    200,
  )
  const moved = (await audit.changes()).filter(
    (change) =>
      change.op === 'update' &&
      change.oldOwnerToken !== null &&
      change.newOwnerToken !== change.oldOwnerToken,
  )
  expect(moved).toEqual([])
  expect(
    cluster.workers.flatMap((worker) => worker.events.filter((event) => event.kind !== 'launched')),
  ).toEqual([])
  expect(launchedTwice(cluster.workLog())).toEqual({})
  const rows = await fixture.rawBatches()
  for (const batch of batches) {
    expect(rows.find((row) => row.id === batch.id)?.ownerInstance).toBe(batch.createdBy)
  }
}
