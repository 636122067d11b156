import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rawRowsOf, withStore, withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

export const stateCases: readonly Case[] = [
  {
    group: 'state',
    name: 'changes the state only while it is the expected one (compare-and-set), with its times and diagnostic',
    run: async (fixture) => {
      const batch = sampleRecord()
      await withStore(fixture, async (store) => {
        await store.insertBatch(batch)
        expect(await store.updateBatchState(batch.id, { from: 'RUNNING', to: 'FINISHED', endTime: 9 })).toBe(
          false,
        )
        expect(await rawRowsOf(fixture, batch.id)).toMatchObject([{ state: 'PENDING', endTime: null }])
        expect(await store.updateBatchState(batch.id, { from: 'PENDING', to: 'RUNNING', startTime: 7 })).toBe(
          true,
        )
        expect(
          await store.updateBatchState(batch.id, {
            from: 'RUNNING',
            to: 'ERROR',
            endTime: 9,
            diagnostic: 'exit 1',
          }),
        ).toBe(true)
        expect(await store.getBatch(batch.id)).toMatchObject({
          state: 'ERROR',
          startTime: 7,
          endTime: 9,
          diagnostic: 'exit 1',
        })
      })
      expect(await rawRowsOf(fixture, batch.id)).toEqual([
        { ...batch, state: 'ERROR', startTime: 7, endTime: 9, diagnostic: 'exit 1' },
      ])
    },
  },
  {
    group: 'state',
    name: 'answers false for a state change of an unknown id and creates nothing',
    run: async (fixture) => {
      await withStore(fixture, async (store) => {
        expect(
          await store.updateBatchState(sampleRecord().id, { from: 'PENDING', to: 'RUNNING', startTime: 1 }),
        ).toBe(false)
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'state',
    name: 'lets exactly one of 8 instances win the same compare-and-set at once',
    run: async (fixture) => {
      const batch = sampleRecord()
      await withStores(fixture, 8, async (stores) => {
        await stores[0]?.insertBatch(batch)
        const moved = await Promise.all(
          stores.map((store, i) =>
            store.updateBatchState(batch.id, { from: 'PENDING', to: 'RUNNING', startTime: 100 + i }),
          ),
        )
        const winners = moved.flatMap((won, i) => (won ? [i] : []))
        expect(winners).toHaveLength(1)
        expect(await rawRowsOf(fixture, batch.id)).toMatchObject([
          { state: 'RUNNING', startTime: 100 + (winners[0] ?? 0) },
        ])
      })
    },
  },
]
