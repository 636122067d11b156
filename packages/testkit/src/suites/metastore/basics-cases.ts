import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

export const basicsCases: readonly Case[] = [
  {
    group: 'basics',
    name: 'opens a fresh database (open is idempotent) with no batches',
    run: async (fixture) => {
      await withStore(fixture, async (store) => {
        await store.open()
        expect(await fixture.rawBatches()).toEqual([])
      })
    },
  },
  {
    group: 'basics',
    name: 'stores a batch and reads back exactly what it stored, as the raw read-back confirms',
    run: async (fixture) => {
      const record = sampleRecord({ className: null, name: 'x', diagnostic: null })
      await withStore(fixture, async (store) => {
        await store.insertBatch(record)
        expect(await store.getBatch(record.id)).toEqual(record)
      })
      expect(await fixture.rawBatches()).toEqual([record])
    },
  },
  {
    group: 'basics',
    name: 'keeps unicode, empty strings and large conf and args intact',
    run: async (fixture) => {
      const conf = Object.fromEntries(
        Array.from({ length: 1000 }, (_, i) => [
          `spark.conf.${i}.ünïcødé`,
          `value ${i} ✓ ${'x'.repeat(100)}`,
        ]),
      )
      const args = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? '' : `--arg-${i}=日本語`))
      const record = sampleRecord({ conf, args, name: '🙂 nightly', resource: 's3://bucket/ö.jar' })
      await withStore(fixture, async (store) => {
        await store.insertBatch(record)
        expect(await store.getBatch(record.id)).toEqual(record)
      })
      expect(await fixture.rawBatches()).toEqual([record])
    },
  },
  {
    group: 'basics',
    name: 'keeps epoch-millisecond times beyond 2^32 seconds-range exactly',
    run: async (fixture) => {
      const record = sampleRecord({
        createTime: 4_102_444_800_123,
        startTime: 4_102_444_800_456,
        endTime: null,
      })
      await withStore(fixture, async (store) => {
        await store.insertBatch(record)
        expect(await store.getBatch(record.id)).toMatchObject({
          createTime: 4_102_444_800_123,
          startTime: 4_102_444_800_456,
        })
      })
      expect(await fixture.rawBatches()).toMatchObject([{ createTime: 4_102_444_800_123 }])
    },
  },
  {
    group: 'basics',
    name: 'answers undefined for an unknown id',
    run: async (fixture) => {
      await withStore(fixture, async (store) => {
        await store.insertBatch(sampleRecord())
        expect(await store.getBatch(sampleRecord().id)).toBeUndefined()
      })
    },
  },
]
