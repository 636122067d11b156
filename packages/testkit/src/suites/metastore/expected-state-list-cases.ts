import { BatchState } from '@batchgate/core'
import type { BatchStateChange } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

const ALL_STATES = Object.values(BatchState)

/** One batch in each state, each with its own times, so that a change to the wrong one shows. */
function oneInEachState() {
  return ALL_STATES.map((state, i) => sampleRecord({ state, startTime: 10 + i, endTime: null }))
}

export const expectedStateListCases: readonly Case[] = [
  {
    group: 'state',
    name: 'a compare-and-set from a list of states applies from each listed state, and from no other',
    run: async (fixture) => {
      const lists: readonly (readonly BatchState[])[] = [
        ['PENDING', 'RUNNING'],
        ['RUNNING', 'PENDING'],
        ['FINISHED', 'ERROR', 'PENDING'],
        ['CANCELED'],
      ]
      for (const from of lists) {
        const batches = oneInEachState()
        const change: BatchStateChange = { from, to: 'CANCELED', endTime: 99, diagnostic: 'stopped' }
        await withStore(fixture, async (store) => {
          for (const batch of batches) await store.insertBatch(batch)
          for (const batch of batches) {
            expect(
              await store.updateBatchState(batch.id, change),
              `from ${JSON.stringify(from)} with the stored state ${batch.state}`,
            ).toBe(from.includes(batch.state))
          }
        })
        const rows = await fixture.rawBatches()
        for (const batch of batches) {
          const applies = from.includes(batch.state)
          expect(
            rows.find((row) => row.id === batch.id),
            `from ${JSON.stringify(from)}, stored ${batch.state}`,
          ).toEqual(applies ? { ...batch, state: 'CANCELED', endTime: 99, diagnostic: 'stopped' } : batch)
        }
        for (const batch of batches) await fixture.rawDeleteBatch?.(batch.id)
      }
    },
  },
  {
    group: 'state',
    name: 'a compare-and-set from an empty list of states changes nothing',
    run: async (fixture) => {
      const batches = oneInEachState()
      await withStore(fixture, async (store) => {
        for (const batch of batches) await store.insertBatch(batch)
        for (const batch of batches) {
          expect(await store.updateBatchState(batch.id, { from: [], to: 'ERROR', endTime: 1 })).toBe(false)
        }
      })
      expect((await fixture.rawBatches()).sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0))).toEqual(
        batches,
      )
    },
  },
]
