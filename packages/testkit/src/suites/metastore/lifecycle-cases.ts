import { BatchgateError, ErrorCode } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

export const lifecycleCases: readonly Case[] = [
  {
    group: 'lifecycle',
    name: 'migrates a fresh database once when 8 instances open it at the same moment',
    run: async (fixture) => {
      await withStores(fixture, 8, async (stores) => {
        await Promise.all(stores.map((store) => store.insertBatch(sampleRecord())))
      })
      expect(await fixture.rawBatches()).toHaveLength(8)
    },
  },
  {
    group: 'lifecycle',
    name: 'close() is idempotent and every later call is rejected with CLOSED',
    run: async (fixture) => {
      const store = fixture.newStore()
      await store.open()
      await store.close()
      await store.close()
      const calls = [
        () => store.getBatch(sampleRecord().id),
        () => store.insertBatch(sampleRecord()),
        () => store.updateBatchState(sampleRecord().id, { from: 'PENDING', to: 'RUNNING' }),
      ]
      for (const call of calls) {
        const error = await call().catch((e: unknown) => e)
        expect(BatchgateError.is(error, ErrorCode.CLOSED), `expected CLOSED, got ${String(error)}`).toBe(true)
      }
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'lifecycle',
    name: 'keeps its rows across a close and a new instance (persistence)',
    run: async (fixture) => {
      const record = sampleRecord()
      const first = fixture.newStore()
      await first.open()
      await first.insertBatch(record)
      await first.close()
      const second = fixture.newStore()
      try {
        await second.open()
        expect(await second.getBatch(record.id)).toEqual(record)
      } finally {
        await second.close()
      }
    },
  },
]
