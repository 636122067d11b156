import { expect } from 'vitest'
import { adoptionsFrom, fencingViolations, type BatchAudit } from '../../failover/batch-audit.js'
import type { FailoverCluster } from '../../failover/failover-cluster.js'
import { isProcessRunning } from '../../failover/process-alive.js'
import { launchedTwice } from '../../failover/work-summary.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { eventually } from './eventually.js'
import type { ScenarioTiming } from './failover-scenario-options.js'

/**
 * The victim runs two batches, then stalls (SIGSTOP) until its lease has expired and both were
 * adopted; then it runs again (SIGCONT). The audit shows no write of its to them after the adoption
 * (every change carries the adopter's owner token), it aborted its own launches of them (their work
 * was killed, or had ended), each was launched once, and the victim goes on serving under a new lease.
 */
export async function sigstopScenario(
  cluster: FailoverCluster,
  fixture: StoreFixture,
  audit: BatchAudit,
  victimId: string,
  options: ScenarioTiming,
): Promise<void> {
  const victim = cluster.worker(victimId)
  const { durationMs, renewIntervalMs } = options.lease
  // Still running when the victim comes back, so that its abort has work to kill.
  const workMs = (durationMs + renewIntervalMs + options.marginMs) * 2
  const batches = [await victim.submit({ workMs }), await victim.submit({ workMs })]
  const ids = batches.map((batch) => batch.id)
  await eventually(
    () =>
      ids.every((id) => cluster.workLog().some((entry) => entry.event === 'launch' && entry.batchId === id)),
    10_000,
    "the victim's work started",
  )
  victim.stop()
  await eventually(
    async () =>
      (await fixture.rawBatches()).filter((row) => ids.includes(row.id) && row.ownerInstance !== victimId)
        .length === ids.length,
    durationMs + renewIntervalMs + options.marginMs,
    "the stalled victim's batches adopted",
  )
  victim.resume()
  const workPids = new Map(
    cluster
      .workLog()
      .filter((entry) => entry.event === 'launch' && ids.includes(entry.batchId))
      .map((entry) => [entry.batchId, entry.pid]),
  )
  // Its launches aborted: the work killed (the log says so), or gone by now.
  await eventually(
    () =>
      ids.every(
        (id) =>
          cluster.workLog().some((entry) => entry.batchId === id && entry.event !== 'launch') ||
          !isProcessRunning(workPids.get(id) ?? -1),
      ),
    10_000,
    "the victim's work of the adopted batches stopped",
  )
  await eventually(
    async () =>
      (await fixture.rawBatches()).filter(
        (row) => ids.includes(row.id) && row.state !== 'RUNNING' && row.state !== 'PENDING',
      ).length === ids.length,
    15_000,
    'the adopted batches ended',
    200,
  )
  const log = cluster.workLog()
  for (const id of ids) {
    const lines = log.filter((entry) => entry.batchId === id)
    // Launched once, by the victim; the work did not run to its end: the victim killed it.
    expect(lines.filter((entry) => entry.event === 'launch').map((entry) => entry.instanceId)).toEqual([
      victimId,
    ])
    expect(
      lines.filter((entry) => entry.event !== 'launch').map((entry) => [entry.event, entry.detail]),
    ).toEqual([['killed', 'SIGTERM']])
  }
  expect(
    victim.events
      .filter((event) => event.kind === 'aborted')
      .map((event) => event.batchId)
      .sort(),
  ).toEqual([...ids].sort())
  const changes = await audit.changes()
  expect(
    adoptionsFrom(changes, victimId)
      .map((adoption) => adoption.batchId)
      .sort(),
  ).toEqual([...ids].sort())
  expect(fencingViolations(changes, victimId)).toEqual([])
  // The victim carries on under a new lease: a new submission of its own is launched and finishes.
  expect(victim.running).toBe(true)
  const after = await victim.submit({ workMs: 200 })
  await eventually(
    async () => (await fixture.rawBatches()).find((row) => row.id === after.id)?.state === 'FINISHED',
    15_000,
    "the victim's new batch finished",
    200,
  )
  expect(launchedTwice(cluster.workLog())).toEqual({})
}
