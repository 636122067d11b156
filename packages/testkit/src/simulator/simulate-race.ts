import { createBarrier } from '../harness/latch.js'
import { raceInstances } from './race-instances.js'
import { resolveRace, type RaceOptions } from './race-options.js'
import type { RaceReport } from './race-report.js'
import { judgeRace } from './race-verdict.js'
import type { StoreTarget } from './store-target.js'

/**
 * The multi-instance race in this process: `instances` engines, each on its own store instance (its
 * own connections) over one database, start together, each submits every id `submitsPerId` times,
 * and the answers, launches and raw rows are judged.
 *
 * @example
 * ```ts
 * const report = await simulateRace({ target: harness, instances: 8, ids: 50, submitsPerId: 3 })
 * expect(report.violations).toEqual([])
 * ```
 */
export async function simulateRace(
  options: RaceOptions & { readonly target: Pick<StoreTarget, 'newStore' | 'rawBatches'> },
): Promise<RaceReport> {
  const race = resolveRace(options)
  let done = 0
  let raceStart: number | undefined
  const barrier = createBarrier(race.instances)
  const outcomes = await raceInstances(
    Array.from({ length: race.instances }, (_, i) => ({
      instanceId: `sim-${i}`,
      store: options.target.newStore(),
    })),
    {
      ids: race.ids,
      submitsPerId: race.submitsPerId,
      lookupBeforeInsert: race.lookupBeforeInsert,
      start: async () => {
        await barrier()
        // Timed from the barrier: opening engines and migrating are not part of the race.
        raceStart ??= performance.now()
      },
      onAnswer: () => options.onProgress?.({ done: ++done, total: race.submissions }),
    },
  )
  const durationMs = performance.now() - (raceStart ?? performance.now())
  return judgeRace({ ...race, processes: 1, durationMs }, outcomes, await options.target.rawBatches())
}
