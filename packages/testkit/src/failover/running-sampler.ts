import type { StoreFixture } from '../fixture/store-fixture.js'

/** What {@link sampleRunning} saw. */
export interface RunningSamples {
  /** How many reads of the metastore were taken. */
  readonly samples: number
  /** The most RUNNING batches one owner instance had in any one read, per instance. */
  readonly maxRunningPerInstance: Readonly<Record<string, number>>
}

/** A sampler started by {@link sampleRunning}. */
export interface RunningSampler {
  /** Stops sampling (after the read under way) and resolves with what was seen. */
  stop(): Promise<RunningSamples>
}

/**
 * Reads the metastore raw (the fixture's `rawBatches`) every `intervalMs` until stopped and keeps the
 * largest count of RUNNING batches per owner instance: what `maxRunningBatches` bounds.
 *
 * @example
 * ```ts
 * const sampler = sampleRunning(fixture, 50)
 * // … the burst …
 * expect(Math.max(...Object.values((await sampler.stop()).maxRunningPerInstance))).toBeLessThanOrEqual(5)
 * ```
 */
export function sampleRunning(fixture: StoreFixture, intervalMs = 50): RunningSampler {
  const max: Record<string, number> = {}
  let samples = 0
  const state = { stopped: false }
  const loop = (async () => {
    while (!state.stopped) {
      const running: Record<string, number> = {}
      for (const row of await fixture.rawBatches()) {
        if (row.state !== 'RUNNING') continue
        const owner = row.ownerInstance ?? '(none)'
        running[owner] = (running[owner] ?? 0) + 1
      }
      samples += 1
      for (const [owner, count] of Object.entries(running)) max[owner] = Math.max(max[owner] ?? 0, count)
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  })()
  return {
    async stop() {
      state.stopped = true
      await loop
      return { samples, maxRunningPerInstance: { ...max } }
    },
  }
}
