import type { BatchQuery, BatchRecord } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withStore } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** A varied set of batches: owners, types, states, creators, and equal create times (ties broken by id). */
function variedBatches(): BatchRecord[] {
  const states = ['PENDING', 'RUNNING', 'FINISHED', 'ERROR', 'CANCELED'] as const
  return Array.from({ length: 30 }, (_, i) =>
    sampleRecord({
      id: randomUUID(),
      owner: i % 3 === 0 ? 'alice' : 'bob',
      batchType: i % 4 === 0 ? 'FLINK' : 'SPARK',
      state: states[i % states.length] ?? 'PENDING',
      createdBy: i % 2 === 0 ? 'gw-1' : 'gw-2',
      createTime: 1_000 + Math.floor(i / 3) * 10,
    }),
  )
}

/** What a correct store answers, computed from the records in memory. */
function expected(records: readonly BatchRecord[], query: BatchQuery): string[] {
  return records
    .filter(
      (r) =>
        (query.owner === undefined || r.owner === query.owner) &&
        (query.batchType === undefined || r.batchType === query.batchType) &&
        (query.states === undefined || query.states.includes(r.state)) &&
        (query.createdBy === undefined || r.createdBy === query.createdBy) &&
        (query.ids === undefined || query.ids.includes(r.id)) &&
        (query.createdFrom === undefined || r.createTime >= query.createdFrom) &&
        (query.createdBefore === undefined || r.createTime < query.createdBefore),
    )
    .sort((a, b) => b.createTime - a.createTime || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, query.limit)
    .map((r) => r.id)
}

export const listingCases: readonly Case[] = [
  {
    group: 'listing',
    name: 'lists newest first (createTime, then id, descending) and applies every filter',
    run: async (fixture) => {
      const records = variedBatches()
      await withStore(fixture, async (store) => {
        for (const record of records) await store.insertBatch(record)
        const queries: BatchQuery[] = [
          { limit: 100 },
          { limit: 7 },
          { owner: 'alice', limit: 100 },
          { batchType: 'FLINK', limit: 100 },
          { states: ['RUNNING', 'PENDING'], limit: 100 },
          { createdBy: 'gw-2', states: ['PENDING', 'RUNNING'], limit: 100 },
          { ids: records.slice(3, 9).map((r) => r.id), limit: 100 },
          { createdFrom: 1_030, createdBefore: 1_070, limit: 100 },
          { owner: 'bob', batchType: 'SPARK', states: ['FINISHED'], createdFrom: 1_020, limit: 3 },
          { owner: 'nobody', limit: 10 },
          { states: [], limit: 10 },
          { ids: [], limit: 10 },
          { limit: 0 },
        ]
        for (const query of queries) {
          const listed = await store.listBatches(query)
          expect(
            listed.map((r) => r.id),
            JSON.stringify(query),
          ).toEqual(expected(records, query))
        }
        const [newest] = await store.listBatches({ limit: 1 })
        expect(newest).toEqual(records.find((r) => r.id === expected(records, { limit: 1 })[0]))
      })
    },
  },
  {
    group: 'listing',
    name: 'pages with a keyset: every batch exactly once, also while newer batches are inserted between pages',
    run: async (fixture) => {
      const records = variedBatches()
      await withStore(fixture, async (store) => {
        for (const record of records) await store.insertBatch(record)
        const seen: string[] = []
        let after: BatchQuery['after']
        for (let page = 0; page < 20; page++) {
          const rows = await store.listBatches({ limit: 4, ...(after === undefined ? {} : { after }) })
          seen.push(...rows.map((r) => r.id))
          // Newer batches arrive while the client pages: they must not shift or repeat the pages.
          await store.insertBatch(sampleRecord({ createTime: 99_000 + page }))
          const last = rows.at(-1)
          if (last === undefined) break
          after = { createTime: last.createTime, id: last.id }
        }
        expect(seen).toEqual(expected(records, { limit: 100 }))
      })
    },
  },
  {
    group: 'listing',
    name: 'filters by owner, batch type and creator exactly: a trailing space is a different value',
    run: async (fixture) => {
      const exact = sampleRecord({ owner: 'alice', batchType: 'SPARK', createdBy: 'gw-1', createTime: 1_000 })
      const spaced = sampleRecord({
        owner: 'alice ',
        batchType: 'SPARK ',
        createdBy: 'gw-1 ',
        createTime: 1_001,
      })
      await withStore(fixture, async (store) => {
        await store.insertBatch(exact)
        await store.insertBatch(spaced)
        const queries: [BatchQuery, BatchRecord][] = [
          [{ owner: 'alice', limit: 10 }, exact],
          [{ owner: 'alice ', limit: 10 }, spaced],
          [{ batchType: 'SPARK', limit: 10 }, exact],
          [{ batchType: 'SPARK ', limit: 10 }, spaced],
          [{ createdBy: 'gw-1', limit: 10 }, exact],
          [{ createdBy: 'gw-1 ', limit: 10 }, spaced],
          [{ createdBy: 'gw-1', states: [exact.state], limit: 10 }, exact],
        ]
        for (const [query, only] of queries) {
          expect(
            (await store.listBatches(query)).map((r) => r.id),
            JSON.stringify(query),
          ).toEqual([only.id])
        }
      })
    },
  },
]
