import {
  createEngine,
  isDuplicatedSubmission,
  type BatchgateError,
  type LookupBeforeInsert,
} from '@batchgate/core'
import { type MetadataStore } from '@batchgate/core/store'
import { sampleRequest } from '../harness/fixtures.js'
import { openAll } from './open-all.js'
import type { InstanceOutcome, RaceAnswer } from './race-outcome.js'

/**
 * Ids each instance has in flight at once (each submitted `submitsPerId` times at once). Every instance
 * walks the ids in the same order from the same start, so each id is still raced by all instances at
 * about the same moment; but answers now come in all along the race (live progress, meaningful
 * latencies) instead of all at its end, as they did with every submission started at once.
 */
const IDS_IN_FLIGHT = 8

/** How each instance of a race behaves. */
export interface InstanceRaceSettings {
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert?: LookupBeforeInsert | undefined
  /** Resolves when every instance of the race is ready: the start barrier. */
  readonly start: () => Promise<void>
  /** Told after each answer. */
  readonly onAnswer?: () => void
}

/**
 * Runs one engine per store, all submitting every id `submitsPerId` times at once after the start
 * barrier, and reports each answer and each launcher call. Engines are opened before the barrier so
 * that migrations and connections are not part of the race.
 */
export async function raceInstances(
  instances: readonly { readonly instanceId: string; readonly store: MetadataStore }[],
  settings: InstanceRaceSettings,
): Promise<InstanceOutcome[]> {
  // A failed open closes the engines that did open, so a race that cannot start leaks nothing.
  const engines = await openAll(
    instances.map(async ({ instanceId, store }) => {
      const launchedIds: string[] = []
      const engine = await createEngine({
        store,
        instanceId,
        ...(settings.lookupBeforeInsert === undefined
          ? {}
          : { lookupBeforeInsert: settings.lookupBeforeInsert }),
        launchers: { SPARK: { launch: (batch) => Promise.resolve(void launchedIds.push(batch.id)) } },
      })
      return { engine, launchedIds }
    }),
    ({ engine }) => engine.close(),
  )
  try {
    return await Promise.all(
      engines.map(async ({ engine, launchedIds }) => {
        await settings.start()
        const submitOnce = async (id: string): Promise<RaceAnswer> => {
          const started = performance.now()
          const answer = await engine.batches.submit(sampleRequest(id), { user: 'simulator' }).then(
            (batch): RaceAnswer => ({
              id,
              outcome: isDuplicatedSubmission(batch) ? 'duplicated' : 'created',
              createTime: batch.createTime,
              createdBy: batch.createdBy,
              latencyMs: performance.now() - started,
            }),
            (error: unknown): RaceAnswer => ({
              id,
              outcome: 'error',
              error: { code: (error as BatchgateError).code, message: (error as Error).message },
              latencyMs: performance.now() - started,
            }),
          )
          settings.onAnswer?.()
          return answer
        }
        const answers = await inLanes(settings.ids, IDS_IN_FLIGHT, (id) =>
          Promise.all(Array.from({ length: settings.submitsPerId }, () => submitOnce(id))),
        )
        await engine.launchesSettled()
        return { answers: answers.flat(), launchedIds }
      }),
    )
  } finally {
    await Promise.all(engines.map(({ engine }) => engine.close()))
  }
}

/**
 * `run` for every item, at most `lanes` at once, each lane taking the next item as it finishes one;
 * the results in the items' order.
 */
async function inLanes<T, R>(items: readonly T[], lanes: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  // One iterator shared by every lane: each loop step takes the next item nobody has taken yet.
  const queue = items.entries()
  const lane = async (): Promise<void> => {
    for (const [index, item] of queue) results[index] = await run(item)
  }
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane))
  return results
}
