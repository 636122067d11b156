import { BatchgateError, ErrorCode } from '@batchgate/core'
import { isDuplicateKeyError } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rawRowsOf, withStore, withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

export const duplicateCases: readonly Case[] = [
  {
    group: 'duplicates',
    name: 'rejects a second insert of an id with DuplicateKeyError and keeps the first row as it was',
    run: async (fixture) => {
      const first = sampleRecord({ owner: 'alice' })
      await withStore(fixture, async (store) => {
        await store.insertBatch(first)
        const error = await store.insertBatch(sampleRecord({ id: first.id, owner: 'bob' })).then(
          () => undefined,
          (e: unknown) => e,
        )
        expect(error, 'the second insert must be rejected').toBeDefined()
        expect(isDuplicateKeyError(error), 'the rejection must be a DuplicateKeyError').toBe(true)
        expect(BatchgateError.is(error, ErrorCode.DUPLICATE_KEY)).toBe(true)
        expect((error as Error).cause, 'the driver error must be kept as cause').toBeDefined()
      })
      expect(await rawRowsOf(fixture, first.id)).toEqual([first])
    },
  },
  {
    group: 'duplicates',
    name: 'lets exactly one of 8 instances inserting one id at once succeed; the others get DuplicateKeyError',
    run: async (fixture) => {
      const id = sampleRecord().id
      await withStores(fixture, 8, async (stores) => {
        const outcomes = await Promise.allSettled(
          stores.map((store, i) => store.insertBatch(sampleRecord({ id, owner: `user-${i}` }))),
        )
        const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []))
        expect(winners).toHaveLength(1)
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(isDuplicateKeyError(outcome.reason)).toBe(true)
        }
        expect(await rawRowsOf(fixture, id)).toMatchObject([{ owner: `user-${winners[0] ?? -1}` }])
      })
    },
  },
  {
    group: 'duplicates',
    name: "a read right after losing the insert race sees the winner's committed row",
    run: async (fixture) => {
      const winner = sampleRecord({ createdBy: 'winner' })
      await withStores(fixture, 2, async ([a, b]) => {
        if (a === undefined || b === undefined) throw new Error('two stores expected')
        // Read first on the loser, so a store that pins a snapshot on its connection would be caught.
        expect(await b.getBatch(winner.id)).toBeUndefined()
        await a.insertBatch(winner)
        const lost = await b
          .insertBatch(sampleRecord({ id: winner.id, createdBy: 'loser' }))
          .catch((e: unknown) => e)
        expect(isDuplicateKeyError(lost)).toBe(true)
        expect(await b.getBatch(winner.id)).toEqual(winner)
      })
    },
  },
]
