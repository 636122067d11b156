import type { BatchOwner, BatchRecord } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import { rawRowsOf } from '../store-helpers.js'
import { newOwner, withTwoStores } from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** A RUNNING batch owned by `owner` (or by nobody). */
function runningOf(owner: BatchOwner | null): BatchRecord {
  return sampleRecord({
    state: 'RUNNING',
    startTime: 1,
    ownerInstance: owner?.instanceId ?? null,
    ownerToken: owner?.token ?? null,
  })
}

const FINISH = { from: 'RUNNING', to: 'FINISHED', endTime: 9, diagnostic: 'done' } as const
const REPORT = { from: 'RUNNING', info: { appId: 'application_1_0002', appState: 'RUNNING' } } as const

export const fencingCases: readonly Case[] = [
  {
    group: 'coordination',
    name: 'updateBatchState with an ownerToken applies only while the stored ownerToken equals it (also after an adoption), and keeps the owner',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const adopter = newOwner('gw-b')
      const mine = runningOf(owner)
      const adopted = runningOf(owner)
      const queuedRunning = runningOf(null)
      await withTwoStores(fixture, context, async (ownerStore, adopterStore) => {
        for (const record of [mine, adopted, queuedRunning]) await ownerStore.insertBatch(record)

        const otherToken = newOwner('gw-a').token
        expect(
          await ownerStore.updateBatchState(mine.id, { ...FINISH, ownerToken: otherToken }),
          'another token',
        ).toBe(false)
        expect(await ownerStore.getBatch(mine.id)).toEqual(mine)
        expect(
          await ownerStore.updateBatchState(mine.id, { ...FINISH, ownerToken: owner.token }),
          'its token',
        ).toBe(true)
        expect(await adopterStore.getBatch(mine.id)).toEqual({
          ...mine,
          state: 'FINISHED',
          endTime: 9,
          diagnostic: 'done',
        })

        // Adopted by another instance meanwhile: the old owner's write is fenced off, the new owner's applies.
        const adoption = {
          fromInstance: owner.instanceId,
          fromToken: owner.token,
          to: adopter,
          states: ['RUNNING'],
        } as const
        expect(await adopterStore.transferBatch(adopted.id, adoption)).toBe(true)
        expect(
          await ownerStore.updateBatchState(adopted.id, { ...FINISH, ownerToken: owner.token }),
          'the old owner',
        ).toBe(false)
        const owned = { ...adopted, ownerInstance: adopter.instanceId, ownerToken: adopter.token }
        expect(await ownerStore.getBatch(adopted.id)).toEqual(owned)
        expect(
          await adopterStore.updateBatchState(adopted.id, {
            from: 'RUNNING',
            to: 'ERROR',
            endTime: 8,
            ownerToken: adopter.token,
          }),
        ).toBe(true)
        expect(await ownerStore.getBatch(adopted.id)).toEqual({ ...owned, state: 'ERROR', endTime: 8 })

        // A token never matches a batch owned by nobody.
        expect(
          await ownerStore.updateBatchState(queuedRunning.id, { ...FINISH, ownerToken: owner.token }),
        ).toBe(false)
        expect(await ownerStore.getBatch(queuedRunning.id)).toEqual(queuedRunning)
      })
      expect(await rawRowsOf(fixture, mine.id)).toEqual([
        { ...mine, state: 'FINISHED', endTime: 9, diagnostic: 'done' },
      ])
    },
  },
  {
    group: 'coordination',
    name: "updateBatchState without an ownerToken (a user's cancel) applies whoever owns the batch, as before",
    run: async (fixture, context) => {
      const batches = [
        runningOf(newOwner('gw-a')),
        runningOf(null),
        sampleRecord({ ownerInstance: 'gw-a', ownerToken: newOwner('gw-a').token }),
      ]
      await withTwoStores(fixture, context, async (writer, canceller) => {
        for (const record of batches) await writer.insertBatch(record)
        for (const record of batches) {
          const cancel = { from: ['PENDING', 'RUNNING'], to: 'CANCELED', endTime: 7 } as const
          expect(await canceller.updateBatchState(record.id, cancel), record.ownerToken ?? 'no owner').toBe(
            true,
          )
          expect(await writer.getBatch(record.id)).toEqual({ ...record, state: 'CANCELED', endTime: 7 })
        }
      })
    },
  },
  {
    group: 'coordination',
    name: 'updateApplication with an ownerToken applies only while the stored ownerToken equals it; without one, whoever owns the batch',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const adopter = newOwner('gw-b')
      const batch = runningOf(owner)
      const unowned = runningOf(null)
      await withTwoStores(fixture, context, async (ownerStore, adopterStore) => {
        await ownerStore.insertBatch(batch)
        await ownerStore.insertBatch(unowned)
        expect(
          await ownerStore.updateApplication(batch.id, { ...REPORT, ownerToken: adopter.token }),
          'another token',
        ).toBe(false)
        expect(await ownerStore.getBatch(batch.id)).toEqual(batch)
        expect(
          await ownerStore.updateApplication(batch.id, { ...REPORT, ownerToken: owner.token }),
          'its token',
        ).toBe(true)
        const reported = { ...batch, appId: 'application_1_0002', appState: 'RUNNING' }
        expect(await adopterStore.getBatch(batch.id)).toEqual(reported)

        const adoption = {
          fromInstance: owner.instanceId,
          fromToken: owner.token,
          to: adopter,
          states: ['RUNNING'],
        } as const
        expect(await adopterStore.transferBatch(batch.id, adoption)).toBe(true)
        const late = { from: 'RUNNING', info: { appState: 'KILLED' }, ownerToken: owner.token } as const
        expect(await ownerStore.updateApplication(batch.id, late), 'the old owner, after the adoption').toBe(
          false,
        )
        const adopterReport = {
          from: 'RUNNING',
          info: { appState: 'FINISHED' },
          ownerToken: adopter.token,
        } as const
        expect(await adopterStore.updateApplication(batch.id, adopterReport), 'the adopter').toBe(true)
        expect(
          await adopterStore.updateApplication(batch.id, { from: 'RUNNING', info: { appDiagnostic: 'x' } }),
          'no token',
        ).toBe(true)
        const final = {
          ...reported,
          appState: 'FINISHED',
          appDiagnostic: 'x',
          ownerInstance: adopter.instanceId,
          ownerToken: adopter.token,
        }
        expect(await ownerStore.getBatch(batch.id)).toEqual(final)

        expect(
          await ownerStore.updateApplication(unowned.id, { ...REPORT, ownerToken: owner.token }),
          'owned by nobody',
        ).toBe(false)
        expect(await ownerStore.updateApplication(unowned.id, REPORT), 'owned by nobody, no token').toBe(true)
      })
      expect(await rawRowsOf(fixture, unowned.id)).toEqual([
        { ...unowned, appId: 'application_1_0002', appState: 'RUNNING' },
      ])
    },
  },
]
