import type { BatchQuery, BatchRecord } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import { rawRowsOf } from '../store-helpers.js'
import { idsOf, newOwner, readable, sorted, withTwoStores } from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** The ownership fields of a record. */
function ownershipOf(record: BatchRecord): Pick<BatchRecord, 'ownerInstance' | 'ownerToken' | 'priority'> {
  return { ownerInstance: record.ownerInstance, ownerToken: record.ownerToken, priority: record.priority }
}

export const ownershipCases: readonly Case[] = [
  {
    group: 'coordination',
    name: 'stores ownerInstance, ownerToken and priority as given (null owners, 32-bit priorities), read back by getBatch, listBatches, another instance and the raw row',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const records = [
        sampleRecord({ ownerInstance: owner.instanceId, ownerToken: owner.token, priority: 7 }),
        sampleRecord({ ownerInstance: null, ownerToken: null, priority: -3 }),
        sampleRecord({ ownerInstance: 'gw-b', ownerToken: null, priority: 2_147_483_647 }),
        sampleRecord({
          state: 'RUNNING',
          startTime: 5,
          ownerInstance: owner.instanceId,
          ownerToken: owner.token,
          priority: -2_147_483_648,
        }),
        sampleRecord({ state: 'FINISHED', startTime: 5, endTime: 6, ownerInstance: 'gw-c', priority: 0 }),
      ]
      await withTwoStores(fixture, context, async (writer, reader) => {
        for (const record of records) await writer.insertBatch(record)
        for (const record of records) {
          expect(await writer.getBatch(record.id)).toEqual(record)
          expect(ownershipOf((await reader.getBatch(record.id)) ?? record)).toEqual(ownershipOf(record))
        }
        const listed = await reader.listBatches({ ids: records.map((r) => r.id), limit: 10 })
        expect(sorted(idsOf(listed))).toEqual(sorted(records.map((r) => r.id)))
        for (const record of records) expect(listed.find((b) => b.id === record.id)).toEqual(record)
      })
      for (const record of records) expect(await rawRowsOf(fixture, record.id)).toEqual([record])
    },
  },
  {
    group: 'coordination',
    name: 'listBatches filters by ownerInstance and by ownerToken exactly, alone and with the other filters',
    run: async (fixture, context) => {
      const a = newOwner('gw-a')
      const aBefore = newOwner('gw-a')
      const b = newOwner('gw-b')
      const records = [
        sampleRecord({ ownerInstance: a.instanceId, ownerToken: a.token, createTime: 100 }),
        sampleRecord({
          ownerInstance: a.instanceId,
          ownerToken: a.token,
          state: 'RUNNING',
          startTime: 1,
          createTime: 101,
        }),
        sampleRecord({
          ownerInstance: aBefore.instanceId,
          ownerToken: aBefore.token,
          state: 'RUNNING',
          startTime: 1,
          createTime: 102,
        }),
        sampleRecord({ ownerInstance: a.instanceId, ownerToken: null, createTime: 103 }),
        sampleRecord({ ownerInstance: b.instanceId, ownerToken: b.token, createTime: 104 }),
        // Another instance whose name starts like gw-a's: a prefix match is not a match.
        sampleRecord({ ownerInstance: 'gw-a2', ownerToken: `${a.token}x`, createTime: 105 }),
        sampleRecord({ ownerInstance: null, ownerToken: null, createTime: 106 }),
        sampleRecord({
          ownerInstance: a.instanceId,
          ownerToken: a.token,
          state: 'FINISHED',
          startTime: 1,
          endTime: 2,
          createTime: 107,
        }),
      ]
      const expected = (query: BatchQuery): string[] =>
        records
          .filter(
            (r) =>
              (query.ownerInstance === undefined || r.ownerInstance === query.ownerInstance) &&
              (query.ownerToken === undefined || r.ownerToken === query.ownerToken) &&
              (query.states === undefined || query.states.includes(r.state)),
          )
          .sort((x, y) => y.createTime - x.createTime)
          .map((r) => r.id)
      const queries: BatchQuery[] = [
        { ownerInstance: a.instanceId, limit: 50 },
        { ownerToken: a.token, limit: 50 },
        { ownerToken: aBefore.token, limit: 50 },
        { ownerToken: a.token, states: ['PENDING', 'RUNNING'], limit: 50 },
        { ownerInstance: a.instanceId, states: ['PENDING', 'RUNNING'], limit: 50 },
        { ownerInstance: a.instanceId, ownerToken: b.token, limit: 50 },
        { ownerInstance: b.instanceId, ownerToken: b.token, limit: 50 },
        { ownerInstance: 'gw-nobody', limit: 50 },
        { ownerToken: 'no-such-token', limit: 50 },
      ]
      await withTwoStores(fixture, context, async (writer, reader) => {
        for (const record of records) await writer.insertBatch(record)
        for (const query of queries) {
          const listed = readable(await reader.listBatches(query))
          expect(idsOf(listed), JSON.stringify(query)).toEqual(expected(query))
        }
      })
    },
  },
]
