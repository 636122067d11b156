import type { BatchOwner, BatchRecord, BatchTransfer } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import { rawRowsOf } from '../store-helpers.js'
import {
  CONTENDERS,
  ROUNDS,
  idsOf,
  newOwner,
  nextDatabaseMillisecond,
  withTwoStores,
} from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** What a transfer to `to` makes of `record`: the owner changes, nothing else. */
function ownedBy(record: BatchRecord, to: BatchOwner | null): BatchRecord {
  return { ...record, ownerInstance: to?.instanceId ?? null, ownerToken: to?.token ?? null }
}

export const transferCases: readonly Case[] = [
  {
    group: 'coordination',
    name: 'transferBatch moves the owner only when instance, token and state all match, and changes nothing else',
    run: async (fixture, context) => {
      const lost = newOwner('gw-a')
      const adopter = newOwner('gw-b')
      const batch = sampleRecord({
        state: 'RUNNING',
        startTime: 42,
        appId: 'application_1_0001',
        appState: 'RUNNING',
        ownerInstance: lost.instanceId,
        ownerToken: lost.token,
        priority: 4,
      })
      const from = { fromInstance: lost.instanceId, fromToken: lost.token }
      const mismatches: [string, BatchTransfer][] = [
        ['another instance', { ...from, fromInstance: 'gw-b', to: adopter, states: ['RUNNING'] }],
        ['another token', { ...from, fromToken: newOwner('gw-a').token, to: adopter, states: ['RUNNING'] }],
        [
          'a null token for a row with a token',
          { ...from, fromToken: null, to: adopter, states: ['RUNNING'] },
        ],
        ['another state', { ...from, to: adopter, states: ['PENDING'] }],
        ['no state', { ...from, to: adopter, states: [] }],
      ]
      await withTwoStores(fixture, context, async (writer, mover) => {
        await writer.insertBatch(batch)
        for (const [what, transfer] of mismatches) {
          expect(await mover.transferBatch(batch.id, transfer), what).toBe(false)
        }
        expect(
          await mover.transferBatch(sampleRecord().id, { ...from, to: adopter, states: ['RUNNING'] }),
        ).toBe(false)
        expect(await writer.getBatch(batch.id)).toEqual(batch)

        const move = { ...from, to: adopter, states: ['PENDING', 'RUNNING'] } as const
        expect(await mover.transferBatch(batch.id, move), 'everything matches').toBe(true)
        expect(await writer.getBatch(batch.id)).toEqual(ownedBy(batch, adopter))
        expect(await mover.transferBatch(batch.id, move), 'the same move again: no longer the owner').toBe(
          false,
        )
      })
      expect(await rawRowsOf(fixture, batch.id)).toEqual([ownedBy(batch, adopter)])
    },
  },
  {
    group: 'coordination',
    name: 'transferBatch with fromToken null matches a batch written with a null token (before leases), and only that',
    run: async (fixture, context) => {
      const adopter = newOwner('gw-b')
      const legacy = sampleRecord({ state: 'RUNNING', startTime: 1, ownerInstance: 'gw-a', ownerToken: null })
      await withTwoStores(fixture, context, async (writer, mover) => {
        await writer.insertBatch(legacy)
        const states = ['RUNNING'] as const
        expect(
          await mover.transferBatch(legacy.id, {
            fromInstance: 'gw-a',
            fromToken: newOwner('gw-a').token,
            to: adopter,
            states,
          }),
        ).toBe(false)
        expect(
          await mover.transferBatch(legacy.id, {
            fromInstance: 'gw-c',
            fromToken: null,
            to: adopter,
            states,
          }),
        ).toBe(false)
        expect(
          await mover.transferBatch(legacy.id, {
            fromInstance: 'gw-a',
            fromToken: null,
            to: adopter,
            states,
          }),
        ).toBe(true)
        expect(await writer.getBatch(legacy.id)).toEqual(ownedBy(legacy, adopter))
      })
    },
  },
  {
    group: 'coordination',
    name: 'transferBatch to null puts a PENDING batch back in the queue in its original place, where a claim expecting null takes it',
    run: async (fixture, context) => {
      const lost = newOwner('gw-a')
      const claimer = newOwner('gw-b')
      const pending = sampleRecord({ ownerInstance: lost.instanceId, ownerToken: lost.token })
      const later = sampleRecord({ ownerInstance: null, ownerToken: null })
      await withTwoStores(fixture, context, async (writer, mover) => {
        await writer.insertBatch(pending)
        await nextDatabaseMillisecond(writer)
        await writer.insertBatch(later)
        const queue = () => mover.queuedBatches({ limit: 10, unlaunchedGraceMs: 3_600_000 }).then(idsOf)
        expect(await queue()).toEqual([later.id])

        const requeue = {
          fromInstance: lost.instanceId,
          fromToken: lost.token,
          to: null,
          states: ['PENDING'],
        } as const
        expect(await mover.transferBatch(pending.id, requeue)).toBe(true)
        expect(await writer.getBatch(pending.id), 'still PENDING, owned by nobody').toEqual(
          ownedBy(pending, null),
        )
        expect(await queue(), 'queued when it was first inserted: ahead of the later batch').toEqual([
          pending.id,
          later.id,
        ])
        expect(
          await mover.claimBatch(pending.id, {
            expectedOwnerToken: lost.token,
            owner: claimer,
            startTime: 5,
          }),
        ).toBe(false)
        expect(
          await mover.claimBatch(pending.id, { expectedOwnerToken: null, owner: claimer, startTime: 5 }),
        ).toBe(true)
        expect(await writer.getBatch(pending.id)).toEqual({
          ...ownedBy(pending, claimer),
          state: 'RUNNING',
          startTime: 5,
        })
      })
    },
  },
  {
    group: 'coordination',
    name: `of ${CONTENDERS} concurrent transfers of one batch from two store instances exactly one wins (${ROUNDS} rounds)`,
    run: async (fixture, context) => {
      await withTwoStores(fixture, context, async (first, second) => {
        for (let round = 0; round < ROUNDS; round++) {
          const lost = newOwner('gw-lost')
          const batch = sampleRecord({
            state: 'RUNNING',
            startTime: 1,
            ownerInstance: lost.instanceId,
            ownerToken: lost.token,
          })
          await first.insertBatch(batch)
          const adopters = Array.from({ length: CONTENDERS }, (_, i) => newOwner(`gw-${i}`))
          const answers = await Promise.all(
            adopters.map((to, i) =>
              (i % 2 === 0 ? first : second).transferBatch(batch.id, {
                fromInstance: lost.instanceId,
                fromToken: lost.token,
                to,
                states: ['RUNNING'],
              }),
            ),
          )
          const story = `round ${round}: answers ${JSON.stringify(answers)}`
          expect(answers.filter(Boolean).length, story).toBe(1)
          const winner = adopters[answers.indexOf(true)] ?? null
          expect(await second.getBatch(batch.id), story).toEqual(ownedBy(batch, winner))
        }
      })
    },
  },
]
