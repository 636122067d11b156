import type { StoreFixture } from '../fixture/store-fixture.js'
import { createBarrier } from '../harness/latch.js'
import { raceInstances } from './race-instances.js'
import { resolveRace, type RaceOptions } from './race-options.js'
import type { RaceReport } from './race-report.js'
import { judgeRace } from './race-verdict.js'

/**
 * The multi-instance race in this process: `instances` engines, each on its own store instance (its
 * own connections) over the fixture's database, start together, each submits every id `submitsPerId`
 * times, and the answers, launches and the fixture's raw rows are judged. The fixture stays open: its
 * owner disposes of it.
 *
 * @example
 * ```ts
 * const report = await simulateRace({ fixture,  instances: 8, ids: 50, submitsPerId: 3 })
 * expect(report.violations).toEqual([])
 * ```
 */
export async function simulateRace(
  options: RaceOptions & { readonly fixture: Pick<StoreFixture, 'newStore' | 'rawBatches'> },
): Promise<RaceReport> {
  const race = resolveRace(options)
  let done = 0
  let raceStart: number | undefined
  const barrier = createBarrier(race.instances)
  const outcomes = await raceInstances(
    Array.from({ length: race.instances }, (_, i) => ({
      instanceId: `sim-${i}`,
      store: options.fixture.newStore(),
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
  return judgeRace({ ...race, processes: 1, durationMs }, outcomes, await options.fixture.rawBatches())
}
