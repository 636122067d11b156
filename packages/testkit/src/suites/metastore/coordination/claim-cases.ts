import type { BatchClaim, BatchOwner, BatchRecord } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import { rawRowsOf } from '../store-helpers.js'
import { CONTENDERS, ROUNDS, newOwner, withTwoStores } from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** A claim by `owner` of a batch expected under `expectedOwnerToken`. */
function claimBy(owner: BatchOwner, expectedOwnerToken: string | null, startTime = 1_234): BatchClaim {
  return { expectedOwnerToken, owner, startTime }
}

/** What a claim makes of `record`. */
function claimed(record: BatchRecord, claim: BatchClaim): BatchRecord {
  return {
    ...record,
    state: 'RUNNING',
    startTime: claim.startTime,
    ownerInstance: claim.owner.instanceId,
    ownerToken: claim.owner.token,
  }
}

export const claimCases: readonly Case[] = [
  {
    group: 'coordination',
    name: 'claimBatch of a queued batch (expecting null) makes it RUNNING with its startTime and the new owner, and leaves the queue',
    run: async (fixture, context) => {
      const batch = sampleRecord({ ownerInstance: null, ownerToken: null, priority: 3 })
      const claim = claimBy(newOwner('gw-b'), null)
      await withTwoStores(fixture, context, async (writer, claimer) => {
        await writer.insertBatch(batch)
        expect(await claimer.claimBatch(batch.id, claim)).toBe(true)
        expect(await writer.getBatch(batch.id)).toEqual(claimed(batch, claim))
        expect(await writer.queuedBatches({ limit: 10, unlaunchedGraceMs: 0 })).toEqual([])
        // Claimed once: no second claim, whatever token it expects.
        expect(await writer.claimBatch(batch.id, claimBy(newOwner('gw-c'), null, 9))).toBe(false)
        expect(await writer.claimBatch(batch.id, claimBy(newOwner('gw-c'), claim.owner.token, 9))).toBe(false)
      })
      expect(await rawRowsOf(fixture, batch.id)).toEqual([claimed(batch, claim)])
    },
  },
  {
    group: 'coordination',
    name: "claimBatch of an owned PENDING batch applies only expecting its owner's token (null or another token change nothing)",
    run: async (fixture, context) => {
      const creator = newOwner('gw-a')
      const batch = sampleRecord({ ownerInstance: creator.instanceId, ownerToken: creator.token })
      const adopter = newOwner('gw-b')
      await withTwoStores(fixture, context, async (writer, claimer) => {
        await writer.insertBatch(batch)
        expect(await claimer.claimBatch(batch.id, claimBy(adopter, null)), 'expecting nobody').toBe(false)
        expect(
          await claimer.claimBatch(batch.id, claimBy(adopter, newOwner('gw-a').token)),
          'another token',
        ).toBe(false)
        expect(await writer.getBatch(batch.id)).toEqual(batch)
        const claim = claimBy(adopter, creator.token, 777)
        expect(await claimer.claimBatch(batch.id, claim), "expecting the creator's token").toBe(true)
        expect(await writer.getBatch(batch.id)).toEqual(claimed(batch, claim))
        // The creator's own claim comes too late now.
        expect(await writer.claimBatch(batch.id, claimBy(creator, creator.token))).toBe(false)
        expect(await writer.getBatch(batch.id)).toEqual(claimed(batch, claim))
      })
    },
  },
  {
    group: 'coordination',
    name: 'claimBatch answers false and changes nothing for a batch that is not PENDING, and for an unknown id (creating nothing)',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const notPending = [
        sampleRecord({
          state: 'RUNNING',
          startTime: 1,
          ownerInstance: owner.instanceId,
          ownerToken: owner.token,
        }),
        sampleRecord({ state: 'RUNNING', startTime: 1, ownerInstance: null, ownerToken: null }),
        sampleRecord({ state: 'FINISHED', startTime: 1, endTime: 2, ownerInstance: null, ownerToken: null }),
        sampleRecord({
          state: 'ERROR',
          endTime: 2,
          ownerInstance: owner.instanceId,
          ownerToken: owner.token,
        }),
        sampleRecord({ state: 'CANCELED', endTime: 2, ownerInstance: null, ownerToken: null }),
      ]
      const unknown = sampleRecord().id
      await withTwoStores(fixture, context, async (writer, claimer) => {
        for (const record of notPending) await writer.insertBatch(record)
        for (const record of notPending) {
          const claim = claimBy(newOwner('gw-b'), record.ownerToken)
          expect(await claimer.claimBatch(record.id, claim), record.state).toBe(false)
        }
        expect(await claimer.claimBatch(unknown, claimBy(newOwner('gw-b'), null))).toBe(false)
      })
      const rows = await fixture.rawBatches()
      expect(rows.map((row) => row.id).sort()).toEqual(notPending.map((r) => r.id).sort())
      for (const record of notPending) expect(rows.find((row) => row.id === record.id)).toEqual(record)
    },
  },
  {
    group: 'coordination',
    name: `of ${CONTENDERS} concurrent claims of one batch from two store instances exactly one wins, and the row names its owner (${ROUNDS} rounds, queued and owned)`,
    run: async (fixture, context) => {
      await withTwoStores(fixture, context, async (first, second) => {
        for (let round = 0; round < ROUNDS; round++) {
          const creator = newOwner('gw-creator')
          // Even rounds: a queued batch (expect null); odd rounds: one its creator left (expect its token).
          const expected = round % 2 === 0 ? null : creator.token
          const batch = sampleRecord({
            ownerInstance: expected === null ? null : creator.instanceId,
            ownerToken: expected,
          })
          await first.insertBatch(batch)
          const claims = Array.from({ length: CONTENDERS }, (_, i) =>
            claimBy(newOwner(`gw-${i}`), expected, 1_000 + i),
          )
          const answers = await Promise.all(
            claims.map((claim, i) => (i % 2 === 0 ? first : second).claimBatch(batch.id, claim)),
          )
          const story = `round ${round}: answers ${JSON.stringify(answers)}`
          expect(answers.filter(Boolean).length, story).toBe(1)
          const winner = claims[answers.indexOf(true)]
          if (winner === undefined) throw new Error(story)
          expect(await second.getBatch(batch.id), story).toEqual(claimed(batch, winner))
        }
      })
    },
  },
]
