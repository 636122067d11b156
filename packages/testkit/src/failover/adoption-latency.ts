import type { FailoverCluster } from './failover-cluster.js'

/** Options of {@link measureAdoption}. */
export interface MeasureAdoptionOptions {
  /** How long the victim's batch works (it must outlast the adoption); default 60 000 ms. */
  readonly workMs?: number
  /** Give up after this long; default 60 000 ms. */
  readonly timeoutMs?: number
  /** How often the survivors' events are looked at; default 10 ms. */
  readonly pollMs?: number
}

/**
 * Adoption latency after a SIGKILL: submits a batch on `victimId`, waits until its work has started,
 * SIGKILLs the victim and resolves with the milliseconds until a live worker's launcher was handed that
 * batch to recover (its `recovering` event). Uses no test framework: for benchmarks.
 *
 * @example
 * ```ts
 * const cluster = await startFailoverCluster({ fixture, instances: 4 })
 * const latencies = []
 * for (let kill = 0; kill < 20; kill++) {
 *   const victim = cluster.workers.filter((worker) => worker.running)[0]
 *   latencies.push(await measureAdoption(cluster, victim.instanceId))
 *   await cluster.addWorker()
 * }
 * ```
 */
export async function measureAdoption(
  cluster: FailoverCluster,
  victimId: string,
  options: MeasureAdoptionOptions = {},
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const pollMs = options.pollMs ?? 10
  const victim = cluster.worker(victimId)
  const batch = await victim.submit({ workMs: options.workMs ?? 60_000 })
  const started = performance.now()
  const until = async (condition: () => boolean, what: string): Promise<void> => {
    while (!condition()) {
      if (performance.now() - started > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
  }
  await until(
    () => cluster.workLog().some((entry) => entry.event === 'launch' && entry.batchId === batch.id),
    `the work of ${batch.id} started`,
  )
  await victim.kill('SIGKILL')
  const killedAt = performance.now()
  await until(
    () =>
      cluster.workers.some(
        (worker) =>
          worker !== victim &&
          worker.events.some((event) => event.kind === 'recovering' && event.batchId === batch.id),
      ),
    `${batch.id} recovered by a survivor`,
  )
  return performance.now() - killedAt
}
