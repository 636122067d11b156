import type { Batch, Engine } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** Every page of a listing, following `next`, as ids. */
async function listAll(engine: Engine, user: string, filter: Parameters<Engine['batches']['list']>[0] = {}) {
  const ids: string[] = []
  let next: string | undefined
  for (let page = 0; page < 100; page++) {
    const result = await engine.batches.list({ ...filter, ...(next === undefined ? {} : { next }) }, { user })
    ids.push(...result.batches.map((batch) => batch.id))
    next = result.next
    if (next === undefined) break
  }
  return ids
}

/** Submits `count` batches as `user`, one per tick of the test clock, newest last. */
async function submitMany(engine: Engine, user: string, count: number, type = 'SPARK'): Promise<Batch[]> {
  const batches: Batch[] = []
  for (let i = 0; i < count; i++)
    batches.push(await engine.batches.submit(sampleRequest(randomUUID(), { batchType: type }), { user }))
  return batches
}

const newestFirst = (batches: readonly Batch[]): string[] => [...batches].reverse().map((batch) => batch.id)

export const listingCases: readonly Case[] = [
  {
    group: 'listing',
    name: 'lists newest first in pages: users see their own batches, admins everyone’s',
    run: async (fixture) => {
      let now = 10_000
      await withEngine(fixture, { admins: ['root'], clock: { now: () => (now += 5) } }, async (engine) => {
        const alice = await submitMany(engine, 'alice', 7)
        const bob = await submitMany(engine, 'bob', 3, 'FLINK')
        const firstPage = await engine.batches.list({ pageSize: 3 }, { user: 'alice' })
        expect(firstPage.batches.map((b) => b.id)).toEqual(newestFirst(alice).slice(0, 3))
        expect(firstPage.next).toBeTypeOf('string')
        expect(await listAll(engine, 'alice', { pageSize: 3 })).toEqual(newestFirst(alice))
        expect(await listAll(engine, 'bob')).toEqual(newestFirst(bob))
        expect(await listAll(engine, 'root', { pageSize: 4 })).toEqual(newestFirst([...alice, ...bob]))
        expect(await listAll(engine, 'root', { owner: 'bob' })).toEqual(newestFirst(bob))
        expect(await listAll(engine, 'root', { batchType: 'FLINK' })).toEqual(newestFirst(bob))
        expect(
          await listAll(engine, 'alice', {
            createdFrom: alice[2]?.createTime ?? 0,
            createdBefore: alice[5]?.createTime ?? 0,
          }),
        ).toEqual(newestFirst(alice.slice(2, 5)))
        expect(await listAll(engine, 'alice', { state: ['RUNNING', 'FINISHED'] })).toEqual([])
        expect(await listAll(engine, 'alice', { state: 'PENDING' })).toEqual(newestFirst(alice))
        expect((await rejectionOf(engine.batches.list({ owner: 'bob' }, { user: 'alice' }))).code).toBe(
          'PERMISSION_DENIED',
        )
      })
    },
  },
  {
    group: 'listing',
    name: 'keeps pages stable while new batches are submitted between them',
    run: async (fixture) => {
      let now = 10_000
      await withEngine(fixture, { clock: { now: () => (now += 5) } }, async (engine) => {
        const older = await submitMany(engine, 'alice', 6)
        const first = await engine.batches.list({ pageSize: 4 }, { user: 'alice' })
        await submitMany(engine, 'alice', 3)
        const second = await engine.batches.list({ pageSize: 4, next: first.next ?? '' }, { user: 'alice' })
        expect([...first.batches, ...second.batches].map((b) => b.id)).toEqual(newestFirst(older))
        expect(second.next).toBeUndefined()
      })
    },
  },
  {
    group: 'listing',
    name: 'rejects a bad page size, state or page token with INVALID_REQUEST',
    run: async (fixture) => {
      await withEngine(fixture, { pageSize: { max: 100 } }, async (engine) => {
        const bad = [
          { pageSize: 0 },
          { pageSize: 101 },
          { pageSize: 2.5 },
          { state: 'DONE' },
          { state: [] },
          { next: 'not-a-token' },
          { createdFrom: 'yesterday' },
        ]
        for (const filter of bad) {
          const error = await rejectionOf(engine.batches.list(filter as never, { user: 'alice' }))
          expect(error.code, JSON.stringify(filter)).toBe('INVALID_REQUEST')
        }
      })
    },
  },
]
