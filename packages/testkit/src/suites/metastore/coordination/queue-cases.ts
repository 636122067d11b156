import type { BatchRecord, CoordinatedMetadataStore } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import {
  idsOf,
  newOwner,
  nextDatabaseMillisecond,
  pollUntil,
  readable,
  withTwoStores,
} from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** A grace no case outlives: owned PENDING batches stay out of the queue. */
const LONG_GRACE_MS = 3_600_000

/** A PENDING batch in the launch queue: owned by nobody. */
function queued(overrides: Partial<BatchRecord> = {}): BatchRecord {
  return sampleRecord({ ownerInstance: null, ownerToken: null, ...overrides })
}

/** Inserts `records` in order, each queued strictly later (database clock) than the one before. */
async function insertInOrder(
  store: CoordinatedMetadataStore,
  records: readonly BatchRecord[],
): Promise<void> {
  for (const record of records) {
    await nextDatabaseMillisecond(store)
    await store.insertBatch(record)
  }
}

/** Two fresh ids, the greater first. */
function idsDescending(): [string, string] {
  const [a, b] = [randomUUID(), randomUUID()].sort()
  if (a === undefined || b === undefined) throw new Error('two ids')
  return [b, a]
}

export const queueCases: readonly Case[] = [
  {
    group: 'coordination',
    name: "queuedBatches lists PENDING batches owned by nobody, highest priority first, then in the order they were queued (the database's insert time, not createTime nor id), at most limit",
    run: async (fixture, context) => {
      const [greaterId, lesserId] = idsDescending()
      const low = queued({ priority: 1, createTime: 5_000 })
      const high = queued({ priority: 20, createTime: 4_000 })
      // Queued first, yet created later and with the greater id: only the queue time puts it first.
      const firstTen = queued({ id: greaterId, priority: 10, createTime: 3_000 })
      const secondTen = queued({ id: lesserId, priority: 10, createTime: 1_000 })
      const negative = queued({ priority: -5, createTime: 500 })
      const owner = newOwner('gw-a')
      const notQueued = [
        queued({ state: 'RUNNING', startTime: 1, priority: 99 }),
        queued({ state: 'FINISHED', startTime: 1, endTime: 2, priority: 99 }),
        queued({ state: 'CANCELED', endTime: 2, priority: 99 }),
        sampleRecord({ ownerInstance: owner.instanceId, ownerToken: owner.token, priority: 99 }),
      ]
      await withTwoStores(fixture, context, async (writer, reader) => {
        await insertInOrder(writer, [low, high, firstTen, ...notQueued, secondTen, negative])
        const order = [high, firstTen, secondTen, low, negative]
        const listed = readable(await reader.queuedBatches({ limit: 100, unlaunchedGraceMs: LONG_GRACE_MS }))
        expect(idsOf(listed)).toEqual(order.map((r) => r.id))
        expect(listed, 'the queue hands out the stored records').toEqual(order)
        for (const limit of [1, 2, 4]) {
          const page = await reader.queuedBatches({ limit, unlaunchedGraceMs: LONG_GRACE_MS })
          expect(idsOf(page), `limit ${limit}`).toEqual(order.slice(0, limit).map((r) => r.id))
        }
      })
    },
  },
  {
    group: 'coordination',
    name: "an owned PENDING batch joins the queue (in its place) once unlaunchedGraceMs has passed since it was queued, by the database's clock",
    run: async (fixture, context) => {
      const creator = newOwner('gw-a')
      const ownedPending = sampleRecord({ ownerInstance: creator.instanceId, ownerToken: creator.token })
      const unowned = queued()
      const ownedRunning = sampleRecord({
        state: 'RUNNING',
        startTime: 1,
        ownerInstance: creator.instanceId,
        ownerToken: creator.token,
      })
      const ownedDone = sampleRecord({
        state: 'FINISHED',
        startTime: 1,
        endTime: 2,
        ownerInstance: creator.instanceId,
        ownerToken: creator.token,
      })
      await withTwoStores(fixture, context, async (writer, reader) => {
        await insertInOrder(writer, [ownedPending, unowned, ownedRunning, ownedDone])
        const withGrace = (unlaunchedGraceMs: number) =>
          reader.queuedBatches({ limit: 100, unlaunchedGraceMs }).then(idsOf)
        expect(await withGrace(LONG_GRACE_MS), 'within the grace: only the unowned batch').toEqual([
          unowned.id,
        ])
        expect(await withGrace(0), 'grace 0: the owned PENDING batch too, queued first').toEqual([
          ownedPending.id,
          unowned.id,
        ])
        // A grace that passes while the case waits: the batch joins by the database's clock alone.
        const joined = await pollUntil(
          () => withGrace(500),
          (ids) => ids.includes(ownedPending.id),
          'the owned PENDING batch in the queue after a 500 ms grace',
        )
        expect(joined).toEqual([ownedPending.id, unowned.id])
        expect(await withGrace(LONG_GRACE_MS), 'a longer grace still leaves it out').toEqual([unowned.id])
      })
    },
  },
]
