import { expect } from 'vitest'
import type { FailoverCluster } from '../../failover/failover-cluster.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { launchedTwice } from '../../failover/work-summary.js'
import { eventually } from './eventually.js'
import type { ScenarioTiming } from './failover-scenario-options.js'

const TERMINAL = new Set(['FINISHED', 'ERROR', 'CANCELED'])

/** What {@link sigkillScenario} measured. */
export interface SigkillOutcome {
  /** From the SIGKILL until the survivors had launched its PENDING batch and recovered its RUNNING one. */
  readonly adoptedAfterMs: number
}

/**
 * The victim holds a RUNNING batch (its work running) and a PENDING one it inserted as its own (its
 * claims held, as a host dying between its insert and its launch); every survivor runs one batch and
 * has a free slot. SIGKILL the victim: within lease + one heartbeat (+ margin) a survivor has launched
 * the PENDING batch and another (or the same) recovered the RUNNING one, whose work, still running as
 * an orphan, is not started again; both end FINISHED and the log shows no batch launched twice.
 */
export async function sigkillScenario(
  cluster: FailoverCluster,
  fixture: StoreFixture,
  victimId: string,
  options: ScenarioTiming,
): Promise<SigkillOutcome> {
  const victim = cluster.worker(victimId)
  const survivors = cluster.workers.filter((worker) => worker !== victim && worker.running)
  // Busy survivors with a free slot each, at least until the lease has expired.
  const longMs = options.lease.durationMs * 2
  const others = await Promise.all(survivors.map((worker) => worker.submit({ workMs: longMs })))
  const running = await victim.submit({ workMs: options.lease.durationMs * 2 })
  await eventually(
    () => cluster.workLog().some((entry) => entry.event === 'launch' && entry.batchId === running.id),
    10_000,
    `the victim's work of ${running.id} started`,
  )
  await victim.holdClaims()
  // Inserted as the victim's own (it has a free slot), never claimed: its answer never comes.
  victim.submit({ workMs: 500 }).catch(() => undefined)
  let heldId = ''
  await eventually(
    async () => {
      const held = (await fixture.rawBatches()).find(
        (row) => row.state === 'PENDING' && row.ownerInstance === victimId,
      )
      heldId = held?.id ?? ''
      return held !== undefined
    },
    10_000,
    'a PENDING batch owned by the victim',
  )

  await victim.kill('SIGKILL')
  const killedAt = performance.now()
  const survivorIds = new Set(survivors.map((worker) => worker.instanceId))
  const launchedBySurvivor = (): boolean =>
    cluster
      .workLog()
      .some(
        (entry) => entry.event === 'launch' && entry.batchId === heldId && survivorIds.has(entry.instanceId),
      )
  const recoveredBySurvivor = (): boolean =>
    survivors.some((worker) =>
      worker.events.some((event) => event.kind === 'recovering' && event.batchId === running.id),
    )
  const { durationMs, renewIntervalMs } = options.lease
  await eventually(
    () => launchedBySurvivor() && recoveredBySurvivor(),
    durationMs + renewIntervalMs + options.marginMs,
    `the survivors launched the victim's PENDING batch and recovered its RUNNING one (lease ${durationMs} ms + heartbeat ${renewIntervalMs} ms + margin ${options.marginMs} ms)`,
  )
  const adoptedAfterMs = performance.now() - killedAt

  const ids = [running.id, heldId, ...others.map((batch) => batch.id)]
  await eventually(
    async () =>
      (await fixture.rawBatches()).filter((row) => ids.includes(row.id) && TERMINAL.has(row.state)).length ===
      ids.length,
    longMs + 20_000,
    'every batch ended',
    200,
  )
  const rows = new Map((await fixture.rawBatches()).map((row) => [row.id, row]))
  const log = cluster.workLog()
  expect(launchedTwice(log)).toEqual({})
  // The RUNNING batch: its one work, started by the victim, ran to its end and was watched by an adopter.
  expect(
    log
      .filter((entry) => entry.event === 'launch' && entry.batchId === running.id)
      .map((entry) => entry.instanceId),
  ).toEqual([victimId])
  expect(rows.get(running.id)).toMatchObject({ state: 'FINISHED' })
  expect(survivorIds.has(rows.get(running.id)?.ownerInstance ?? '')).toBe(true)
  // The PENDING batch: launched once, by a survivor, and finished there.
  expect(rows.get(heldId)).toMatchObject({ state: 'FINISHED' })
  expect(survivorIds.has(rows.get(heldId)?.ownerInstance ?? '')).toBe(true)
  for (const batch of others) expect(rows.get(batch.id)).toMatchObject({ state: 'FINISHED' })
  return { adoptedAfterMs }
}
