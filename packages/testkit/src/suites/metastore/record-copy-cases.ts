import type { BatchRecord } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStore, withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

/**
 * What a careless caller does to a record it holds: changes fields, conf and args in place. A store may
 * hand out frozen records (then these writes throw, which is fine); it must not let them reach its rows.
 */
function scribbleOn(record: BatchRecord): void {
  const writable = record as { -readonly [K in keyof BatchRecord]: BatchRecord[K] }
  const attempts = [
    () => (writable.owner = 'mallory'),
    () => (writable.state = 'FINISHED'),
    () => ((writable.conf as Record<string, string>)['spark.executor.memory'] = '999g'),
    () => (writable.args as string[]).push('--scribbled'),
  ]
  for (const attempt of attempts) {
    try {
      attempt()
    } catch {
      // A frozen record refuses the write: that is one correct way to hand records out.
    }
  }
}

/** A fresh, equal copy of a record, taken before anyone scribbles on it. */
function copyOf(record: BatchRecord): BatchRecord {
  return structuredClone(record)
}

export const recordCopyCases: readonly Case[] = [
  {
    group: 'copies',
    name: 'keeps its own copy of an inserted record: changing the caller’s object afterwards changes nothing stored',
    run: async (fixture) => {
      const given = sampleRecord()
      const original = copyOf(given)
      await withStore(fixture, async (store) => {
        await store.insertBatch(given)
        scribbleOn(given)
        expect(await store.getBatch(original.id)).toEqual(original)
        expect(await store.listBatches({ ids: [original.id], limit: 1 })).toEqual([original])
      })
      expect(await fixture.rawBatches()).toEqual([original])
    },
  },
  {
    group: 'copies',
    name: 'hands out a new record on every read: changing one read’s result does not change the next',
    run: async (fixture) => {
      const record = sampleRecord()
      // Compared with a copy: a store that hands out the inserted object itself would change `record` too.
      const original = copyOf(record)
      await withStore(fixture, async (store) => {
        await store.insertBatch(record)
        const first = await store.getBatch(record.id)
        if (first === undefined) throw new Error(`batch ${record.id} was not found after its insert`)
        scribbleOn(first)
        const [listed] = await store.listBatches({ ids: [record.id], limit: 1 })
        if (listed === undefined) throw new Error(`batch ${record.id} was not listed after its insert`)
        scribbleOn(listed as BatchRecord)
        expect(await store.getBatch(record.id)).toEqual(original)
        expect(await store.listBatches({ ids: [record.id], limit: 1 })).toEqual([original])
      })
    },
  },
  {
    group: 'copies',
    name: 'reads what another instance wrote since: no per-instance cache of rows, found or missing',
    run: async (fixture) => {
      const changed = sampleRecord()
      const purged = sampleRecord({ state: 'FINISHED', endTime: 10 })
      const late = sampleRecord()
      await withStores(fixture, 2, async ([reader, writer]) => {
        if (reader === undefined || writer === undefined) throw new Error('two stores expected')
        await reader.insertBatch(changed)
        await reader.insertBatch(purged)
        // The reader has seen all three ids (one missing) before the other instance changes them.
        expect(await reader.getBatch(changed.id)).toEqual(changed)
        expect(await reader.getBatch(purged.id)).toEqual(purged)
        expect(await reader.getBatch(late.id)).toBeUndefined()
        expect(
          await writer.updateBatchState(changed.id, { from: 'PENDING', to: 'RUNNING', startTime: 5 }),
        ).toBe(true)
        expect(await writer.purgeBatches({ endedBefore: 100, limit: 10 })).toBe(1)
        await writer.insertBatch(late)
        expect(await reader.getBatch(changed.id)).toEqual({ ...changed, state: 'RUNNING', startTime: 5 })
        expect(await reader.getBatch(purged.id)).toBeUndefined()
        expect(await reader.getBatch(late.id)).toEqual(late)
        // And a compare-and-set on the reader goes by the stored state, not by what it read before.
        expect(
          await reader.updateBatchState(changed.id, { from: 'PENDING', to: 'CANCELED', endTime: 6 }),
        ).toBe(false)
      })
    },
  },
]
