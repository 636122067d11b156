import { isDuplicatedSubmission, type Engine } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { InterceptingStore, type StoreHooks } from '../../faults/intercepting-store.js'
import { sampleRequest } from '../../harness/fixtures.js'
import { createBarrier, createLatch } from '../../harness/latch.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { rawDeleteOf } from '../../fixture/required-hooks.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import { waitUntil } from '../../harness/wait-until.js'
import { simulateRace } from '../../simulator/simulate-race.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngines, type CaseEngineOptions } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

/** Two engines, each behind an intercepting store with its own hooks and a holding launcher. */
async function withTwoInstances(
  fixture: StoreFixture,
  hooks: readonly [StoreHooks, StoreHooks],
  options: CaseEngineOptions,
  use: (a: Instance, b: Instance) => Promise<void>,
): Promise<void> {
  const launchers = [new RecordingLauncher('hold'), new RecordingLauncher('hold')] as const
  const stores: InterceptingStore[] = []
  await withEngines(
    fixture,
    2,
    (i) => ({ ...options, launchers: { SPARK: launchers[i === 0 ? 0 : 1] } }),
    async ([a, b]) => {
      if (a === undefined || b === undefined) throw new Error('two engines expected')
      const [storeA, storeB] = stores as [InterceptingStore, InterceptingStore]
      await use(
        { engine: a, store: storeA, launcher: launchers[0] },
        { engine: b, store: storeB, launcher: launchers[1] },
      )
    },
    (store, i) => {
      const intercepted = new InterceptingStore(store, hooks[i === 0 ? 0 : 1])
      stores.push(intercepted)
      return intercepted
    },
  )
}

interface Instance {
  readonly engine: Engine
  readonly store: InterceptingStore
  readonly launcher: RecordingLauncher
}

export const raceCases: readonly Case[] = [
  {
    group: 'races',
    name: 'both instances pass the pre-insert lookup, then both insert: one creates, the other gets the stored batch',
    run: async (fixture) => {
      const id = randomUUID()
      const bothLookedUp = createBarrier(2)
      const winnerInserted = createLatch()
      const afterFirstGet = async (_id: string, _found: unknown, call: number): Promise<void> => {
        if (call === 1) await bothLookedUp()
      }
      const hooks = [
        {
          afterGet: afterFirstGet,
          afterInsert: () => {
            winnerInserted.open()
          },
        },
        { afterGet: afterFirstGet, beforeInsert: () => winnerInserted.opened },
      ] as const
      await withTwoInstances(fixture, hooks, { lookupBeforeInsert: true }, async (a, b) => {
        const [created, duplicate] = await Promise.all([
          a.engine.batches.submit(sampleRequest(id), alice),
          b.engine.batches.submit(sampleRequest(id), alice),
        ])
        expect(a.store.calls.slice(0, 2).map((c) => c.method)).toEqual(['getBatch', 'insertBatch'])
        expect(b.store.calls.slice(0, 3).map((c) => c.method)).toEqual([
          'getBatch',
          'insertBatch',
          'getBatch',
        ])
        expect(isDuplicatedSubmission(created)).toBe(false)
        expect(duplicate).toMatchObject({ createTime: created.createTime, createdBy: 'conformance-0' })
        expect(isDuplicatedSubmission(duplicate)).toBe(true)
        await waitUntil(() => a.launcher.launchesOf(id) === 1)
        expect(b.launcher.launched).toEqual([])
        expect(b.store.calls.filter((c) => c.method === 'updateBatchState')).toEqual([])
        a.launcher.finish(id)
        await a.engine.launchesSettled()
      })
      expect(await fixture.rawBatches()).toMatchObject([
        { id, state: 'FINISHED', createdBy: 'conformance-0' },
      ])
    },
  },
  {
    group: 'races',
    name: "a loser arriving while the winner's batch runs gets it RUNNING and changes nothing (both lookup modes)",
    run: async (fixture) => {
      for (const [lookupBeforeInsert, loserCalls] of [
        [true, ['getBatch']],
        [false, ['insertBatch', 'getBatch']],
      ] as const) {
        const id = randomUUID()
        await withTwoInstances(fixture, [{}, {}], { lookupBeforeInsert }, async (a, b) => {
          await a.engine.batches.submit(sampleRequest(id), alice)
          await waitUntil(() => a.launcher.launchesOf(id) === 1)
          await waitUntil(
            async () => (await fixture.rawBatches()).find((r) => r.id === id)?.state === 'RUNNING',
          )
          const before = await fixture.rawBatches()
          const duplicate = await b.engine.batches.submit(sampleRequest(id), alice)
          expect(duplicate.state).toBe('RUNNING')
          await b.engine.launchesSettled()
          expect(await fixture.rawBatches()).toEqual(before)
          expect(b.store.calls.map((c) => c.method)).toEqual(loserCalls)
          a.launcher.finish(id)
        })
      }
    },
  },
  {
    group: 'races',
    name: 'creates the batch again when the existing row vanishes between the duplicate error and the read',
    run: async (fixture, context) => {
      const rawDelete = rawDeleteOf(fixture, context)
      const id = randomUUID()
      const purgeAfterLostInsert: StoreHooks = {
        afterInsert: async (_record, error, call) => {
          if (call === 1 && error !== undefined) await rawDelete(id)
        },
      }
      await withTwoInstances(
        fixture,
        [{}, purgeAfterLostInsert],
        { lookupBeforeInsert: false },
        async (a, b) => {
          const first = await a.engine.batches.submit(sampleRequest(id), alice)
          await waitUntil(() => a.launcher.launchesOf(id) === 1)
          a.launcher.finish(id)
          await a.engine.launchesSettled()
          const second = await b.engine.batches.submit(sampleRequest(id), alice)
          expect(isDuplicatedSubmission(second)).toBe(false)
          expect(second.createdBy).toBe('conformance-1')
          expect(second.createTime).toBeGreaterThanOrEqual(first.createTime)
          await waitUntil(() => b.launcher.launchesOf(id) === 1)
          b.launcher.finish(id)
        },
      )
      expect(await fixture.rawBatches()).toMatchObject([{ id, createdBy: 'conformance-1' }])
    },
  },
  {
    group: 'races',
    name: 'a store failure on insert is METASTORE_UNAVAILABLE with the cause, and launches nothing',
    run: async (fixture) => {
      const failInsert: StoreHooks = {
        beforeInsert: () => {
          throw new Error('disk I/O error')
        },
      }
      await withTwoInstances(fixture, [failInsert, {}], {}, async (a) => {
        const error = await rejectionOf(a.engine.batches.submit(sampleRequest(), alice))
        expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE', cause: { message: 'disk I/O error' } })
        expect(a.launcher.launched).toEqual([])
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'races',
    name: '6 engines submit the same 25 ids 3 times each at once: one row, one launch, the stored batch for everyone',
    run: async (fixture) => {
      for (const lookupBeforeInsert of [true, false, 'adaptive'] as const) {
        const report = await simulateRace({
          fixture,
          instances: 6,
          ids: 25,
          submitsPerId: 3,
          lookupBeforeInsert,
        })
        expect(report.violations, `lookupBeforeInsert ${lookupBeforeInsert}`).toEqual([])
        expect(report).toMatchObject({ submissions: 450, created: 25, duplicated: 425, errors: 0 })
      }
    },
  },
]
