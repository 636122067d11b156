import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rawRowsOf, withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

export const purgeCases: readonly Case[] = [
  {
    group: 'purge',
    name: 'deletes only terminal batches that ended before the cutoff, at most `limit` at a time',
    run: async (fixture) => {
      const old = [
        sampleRecord({ state: 'FINISHED', endTime: 100 }),
        sampleRecord({ state: 'ERROR', endTime: 200 }),
        sampleRecord({ state: 'CANCELED', endTime: 300 }),
      ]
      const kept = [
        sampleRecord({ state: 'FINISHED', endTime: 5_000 }),
        sampleRecord({ state: 'RUNNING', startTime: 50, endTime: null }),
        sampleRecord({ state: 'PENDING', createTime: 10 }),
      ]
      await withStore(fixture, async (store) => {
        for (const record of [...old, ...kept]) await store.insertBatch(record)
        expect(await store.purgeBatches({ endedBefore: 1_000, limit: 2 })).toBe(2)
        expect(await store.purgeBatches({ endedBefore: 1_000, limit: 2 })).toBe(1)
        expect(await store.purgeBatches({ endedBefore: 1_000, limit: 2 })).toBe(0)
        // The id of a purged batch is free again.
        await store.insertBatch(sampleRecord({ id: old[0]?.id ?? '' }))
      })
      const remaining = (await fixture.rawBatches()).map((r) => r.id).sort()
      expect(remaining).toEqual([...kept.map((r) => r.id), old[0]?.id ?? ''].sort())
    },
  },
  {
    group: 'purge',
    name: 'a compare-and-set may name several expected states',
    run: async (fixture) => {
      const pending = sampleRecord({ state: 'PENDING' })
      const finished = sampleRecord({ state: 'FINISHED', endTime: 9 })
      await withStore(fixture, async (store) => {
        await store.insertBatch(pending)
        await store.insertBatch(finished)
        const cancel = { from: ['PENDING', 'RUNNING'] as const, to: 'CANCELED' as const, endTime: 50 }
        expect(await store.updateBatchState(pending.id, cancel)).toBe(true)
        expect(await store.updateBatchState(finished.id, cancel)).toBe(false)
      })
      expect(await rawRowsOf(fixture, pending.id)).toMatchObject([{ state: 'CANCELED', endTime: 50 }])
      expect(await rawRowsOf(fixture, finished.id)).toMatchObject([{ state: 'FINISHED', endTime: 9 }])
    },
  },
]
