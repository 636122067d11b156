import type { BatchState } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

const CUTOFF = 1_000_000

/** The ids left in the database, sorted. */
async function remainingIds(fixture: StoreFixture): Promise<string[]> {
  return (await fixture.rawBatches()).map((row) => row.id).sort()
}

export const purgeBoundaryCases: readonly Case[] = [
  {
    group: 'purge',
    name: 'the cutoff is exclusive: a batch that ended at `endedBefore` stays, one that ended 1 ms earlier goes',
    run: async (fixture) => {
      const atCutoff = sampleRecord({ state: 'FINISHED', endTime: CUTOFF })
      const justBefore = sampleRecord({ state: 'FINISHED', endTime: CUTOFF - 1 })
      const justAfter = sampleRecord({ state: 'FINISHED', endTime: CUTOFF + 1 })
      await withStore(fixture, async (store) => {
        for (const record of [atCutoff, justBefore, justAfter]) await store.insertBatch(record)
        expect(await store.purgeBatches({ endedBefore: CUTOFF, limit: 10 })).toBe(1)
      })
      expect(await remainingIds(fixture)).toEqual([atCutoff.id, justAfter.id].sort())
    },
  },
  {
    group: 'purge',
    name: 'only FINISHED, ERROR and CANCELED batches go: never PENDING or RUNNING, even with an old endTime',
    run: async (fixture) => {
      const old = (state: BatchState) => sampleRecord({ state, startTime: 10, endTime: 20 })
      const terminal = [old('FINISHED'), old('ERROR'), old('CANCELED')]
      // An endTime on a live batch is odd but storable (a retried run, a manual fix): it must not make
      // the batch look expired.
      const live = [old('PENDING'), old('RUNNING')]
      // A terminal batch without an endTime has no age to compare: it is not "ended before" anything.
      const endless = sampleRecord({ state: 'CANCELED', endTime: null })
      await withStore(fixture, async (store) => {
        for (const record of [...terminal, ...live, endless]) await store.insertBatch(record)
        expect(await store.purgeBatches({ endedBefore: CUTOFF, limit: 100 })).toBe(3)
        expect(await store.purgeBatches({ endedBefore: Number.MAX_SAFE_INTEGER, limit: 100 })).toBe(0)
      })
      expect(await remainingIds(fixture)).toEqual([...live.map((r) => r.id), endless.id].sort())
    },
  },
  {
    group: 'purge',
    name: 'deletes exactly `limit` batches when more are expired, and answers how many it deleted',
    run: async (fixture) => {
      const expired = Array.from({ length: 7 }, (_, i) => sampleRecord({ state: 'ERROR', endTime: 100 + i }))
      await withStore(fixture, async (store) => {
        for (const record of expired) await store.insertBatch(record)
        const counts: number[] = []
        for (const limit of [1, 3, 5, 5]) {
          counts.push(await store.purgeBatches({ endedBefore: CUTOFF, limit }))
          expect(await fixture.rawBatches()).toHaveLength(7 - counts.reduce((a, b) => a + b, 0))
        }
        expect(counts).toEqual([1, 3, 3, 0])
      })
    },
  },
]
