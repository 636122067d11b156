import { afterEach, beforeEach, describe, it } from 'vitest'
import type { BatchAudit } from '../../failover/batch-audit.js'
import {
  startFailoverCluster,
  type FailoverCluster,
  type FailoverClusterOptions,
} from '../../failover/failover-cluster.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { burstScenario } from './burst-scenario.js'
import { resolveFailoverOptions, type FailoverScenarioOptions } from './failover-scenario-options.js'
import { sigkillScenario } from './sigkill-scenario.js'
import { sigstopScenario } from './sigstop-scenario.js'
import { SKEW_MS, skewedLiveScenario } from './skew-scenario.js'

/**
 * The high-availability scenarios with real processes and real faults, on a store: four engine
 * processes on one database (`startFailoverCluster`), whose launched work is a real process writing an
 * external append-only log, and an audit of every write to the batch table by triggers of the test's
 * own.
 * - SIGKILL an instance holding a PENDING and a RUNNING batch: within lease + one heartbeat the
 *   survivors launch the PENDING one exactly once and recover the RUNNING one.
 * - SIGSTOP an instance until its batches are adopted, then SIGCONT: it writes nothing to them and
 *   aborts its launches of them.
 * - A burst of submissions over 4 instances with `maxRunningBatches` 5: never more than 5 RUNNING per
 *   instance, all finish, priorities served in order.
 * - Clocks 60 s ahead and behind: nothing is adopted while all are live; the SIGKILL case still holds.
 *
 * Each test gets a fresh fixture (with `reopen`, for the worker processes) and disposes of it.
 *
 * @example
 * ```ts
 * describeFailoverScenarios('store-sqlite', () => sqliteFixture(), {
 *   audit: (fixture) => installSqliteBatchAudit(fixture.filename),
 * })
 * ```
 */
export function describeFailoverScenarios<F extends StoreFixture>(
  name: string,
  fixtureFactory: () => Promise<F> | F,
  scenarioOptions: FailoverScenarioOptions<F>,
): void {
  const options = resolveFailoverOptions(scenarioOptions)
  describe.skipIf(options.skipReason !== undefined)(`${name}: failover with real processes`, () => {
    let fixture: StoreFixture | undefined
    let cluster: FailoverCluster | undefined
    const start = async (
      settings: Omit<FailoverClusterOptions, 'fixture'>,
    ): Promise<{ cluster: FailoverCluster; fixture: F; audit: BatchAudit }> => {
      const opened = await fixtureFactory()
      fixture = opened
      cluster = await startFailoverCluster({ fixture: opened, lease: options.lease, ...settings })
      // The engines have created the tables: the audit sees every write from here on.
      return { cluster, fixture: opened, audit: await options.audit(opened) }
    }
    beforeEach(() => {
      fixture = undefined
      cluster = undefined
    })
    afterEach(async () => {
      await cluster?.close()
      await fixture?.dispose()
    })

    it(
      'SIGKILL of an instance holding PENDING and RUNNING batches: the survivors launch and recover them once',
      async () => {
        const started = await start({ instances: 4, maxRunningBatches: 2 })
        const outcome = await sigkillScenario(started.cluster, started.fixture, 'fo-0', options)
        console.info(`[failover ${name}] SIGKILL: adopted after ${Math.round(outcome.adoptedAfterMs)} ms`)
      },
      options.timeoutMs,
    )

    it(
      'SIGSTOP until its batches are adopted, then SIGCONT: it writes nothing to them and aborts its launches',
      async () => {
        const started = await start({ instances: 4, maxRunningBatches: 2 })
        await sigstopScenario(started.cluster, started.fixture, started.audit, 'fo-0', options)
      },
      options.timeoutMs,
    )

    it(
      `a burst of ${options.burst} submissions over 4 instances with maxRunningBatches 5: bounded, all finish, priority order`,
      async () => {
        // A lease the burst's load cannot outlast: this scenario is about slots and order, not failover
        // (with 2000/500 on SQLite, a process waiting on the file's lock misses its renewals and is adopted).
        const started = await start({
          instances: 4,
          maxRunningBatches: 5,
          queue: { pollIntervalMs: 100 },
          lease: { durationMs: 10_000, renewIntervalMs: 1000 },
        })
        await burstScenario(started.cluster, started.fixture, started.audit, 5, options.burst)
      },
      options.timeoutMs,
    )

    it(
      `clocks ${SKEW_MS / 1000} s ahead and behind: no lease stolen while all are live; SIGKILL still adopted`,
      async () => {
        const started = await start({
          instances: [{ clockSkewMs: SKEW_MS }, { clockSkewMs: -SKEW_MS }, {}, {}],
          maxRunningBatches: 2,
        })
        await skewedLiveScenario(started.cluster, started.fixture, started.audit, options)
        // The instance ahead dies: the others, one of them behind, still adopt its batches in time.
        const outcome = await sigkillScenario(started.cluster, started.fixture, 'fo-0', options)
        console.info(
          `[failover ${name}] SIGKILL with skew: adopted after ${Math.round(outcome.adoptedAfterMs)} ms`,
        )
      },
      options.timeoutMs,
    )
  })
}
