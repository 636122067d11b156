import {
  isDuplicatedSubmission,
  KYUUBI_BATCH_DUPLICATED_KEY,
  KYUUBI_BATCH_ID_KEY,
  type Engine,
} from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { InterceptingStore } from '../../faults/intercepting-store.js'
import { withEngine, withEngines } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

export const submitCases: readonly Case[] = [
  {
    group: 'submit',
    name: 'creates the batch once; later submissions get the stored batch marked duplicated, one row, one launch',
    run: async (fixture) => {
      const launcher = new RecordingLauncher()
      const id = randomUUID()
      let now = 1_000
      await withEngine(
        fixture,
        { launchers: { SPARK: launcher }, clock: { now: () => now++ } },
        async (engine) => {
          const created = await engine.batches.submit(sampleRequest(id), alice)
          const again = await engine.batches.submit(sampleRequest(id), alice)
          await engine.launchesSettled()
          expect(created).toMatchObject({ id, user: 'alice', batchInfo: {} })
          expect(isDuplicatedSubmission(created)).toBe(false)
          expect(again.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY]).toBe('true')
          expect(again.createTime).toBe(created.createTime)
          expect(launcher.launchesOf(id)).toBe(1)
          expect(await fixture.rawBatches()).toMatchObject([
            {
              id,
              owner: 'alice',
              state: 'FINISHED',
              createTime: created.createTime,
              createdBy: 'conformance-0',
            },
          ])
        },
      )
    },
  },
  {
    group: 'submit',
    name: "answers a duplicate with the stored batch as it is now, not with the caller's input",
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        await waitUntil(async () => (await fixture.rawBatches())[0]?.state === 'RUNNING')
        const duplicate = await engine.batches.submit(sampleRequest(id), alice)
        expect(duplicate).toMatchObject({
          state: 'RUNNING',
          createTime: created.createTime,
          conf: sampleRequest(id).conf,
        })
        expect(duplicate.startTime).toBeTypeOf('number')
        launcher.finish(id)
      })
    },
  },
  {
    group: 'submit',
    name: 'folds an upper-case id to its canonical lower-case form: both spellings are one batch',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, {}, async (engine) => {
        const first = await engine.batches.submit(sampleRequest(id.toUpperCase()), alice)
        const second = await engine.batches.submit(sampleRequest(id), alice)
        expect(first.id).toBe(id)
        expect(first.conf[KYUUBI_BATCH_ID_KEY]).toBe(id)
        expect(isDuplicatedSubmission(second)).toBe(true)
      })
      expect((await fixture.rawBatches()).map((row) => row.id)).toEqual([id])
    },
  },
  {
    group: 'submit',
    name: 'generates a UUID when no id is given, and each such submission is a new batch',
    run: async (fixture) => {
      const request = sampleRequest(undefined, { conf: { 'spark.executor.memory': '4g' } })
      await withEngine(fixture, {}, async (engine) => {
        const a = await engine.batches.submit(request, alice)
        const b = await engine.batches.submit(request, alice)
        expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect(b.id).not.toBe(a.id)
        expect(isDuplicatedSubmission(b)).toBe(false)
      })
      expect(await fixture.rawBatches()).toHaveLength(2)
    },
  },
  {
    group: 'submit',
    name: 'answers duplicates the same way with and without the pre-insert lookup',
    run: async (fixture) => {
      for (const lookupBeforeInsert of [true, false, 'adaptive'] as const) {
        const id = randomUUID()
        await withEngine(fixture, { lookupBeforeInsert }, async (engine) => {
          const created = await engine.batches.submit(sampleRequest(id), alice)
          const again = await engine.batches.submit(sampleRequest(id), alice)
          expect(isDuplicatedSubmission(again), `lookupBeforeInsert ${lookupBeforeInsert}`).toBe(true)
          expect(again.createTime).toBe(created.createTime)
        })
      }
      expect(await fixture.rawBatches()).toHaveLength(3)
    },
  },
  {
    group: 'submit',
    name: 'by default reads a client id before inserting only while recent ids were often duplicates',
    run: async (fixture) => {
      let store: InterceptingStore | undefined
      /** What the engine asked of its store for one submission. */
      const submitCalls = async (engine: Engine, id: string): Promise<string[]> => {
        const calls = store?.calls ?? []
        calls.length = 0
        const batch = await engine.batches.submit(sampleRequest(id), alice)
        return [...calls.map((call) => call.method), isDuplicatedSubmission(batch) ? 'duplicate' : 'created']
      }
      const ids = Array.from({ length: 30 }, () => randomUUID())
      await withEngines(
        fixture,
        1,
        () => ({}),
        async ([engine]) => {
          if (engine === undefined) throw new Error('no engine')
          const firsts: string[][] = []
          for (const id of ids) firsts.push(await submitCalls(engine, id))
          // An engine starts out expecting retries; a run of new ids makes it insert straight away.
          expect(firsts[0]).toEqual(['getBatch', 'insertBatch', 'created'])
          expect(firsts.at(-1)).toEqual(['insertBatch', 'created'])
          const retries: string[][] = []
          for (const id of ids) retries.push(await submitCalls(engine, id))
          // A burst of retries is first answered after a failed insert, and soon by a read alone.
          expect(retries[0]).toEqual(['insertBatch', 'getBatch', 'duplicate'])
          expect(retries.at(-1)).toEqual(['getBatch', 'duplicate'])
        },
        (real) => (store = new InterceptingStore(real)),
      )
      expect(await fixture.rawBatches()).toHaveLength(ids.length)
    },
  },
  {
    group: 'submit',
    name: 'remembers batches across an engine restart on the same database',
    run: async (fixture) => {
      const id = randomUUID()
      const created = await withEngine(fixture, {}, (engine) =>
        engine.batches.submit(sampleRequest(id), alice),
      )
      await withEngine(fixture, {}, async (engine) => {
        const again = await engine.batches.submit(sampleRequest(id), alice)
        expect(isDuplicatedSubmission(again)).toBe(true)
        expect(again.createTime).toBe(created.createTime)
      })
    },
  },
  {
    group: 'submit',
    name: 'stores whole milliseconds even from a clock with fractions, and answers with exactly what is stored',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, { clock: { now: () => 1_700_000_000_000.7 } }, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        const again = await engine.batches.submit(sampleRequest(id), alice)
        expect(created.createTime).toBe(1_700_000_000_000)
        expect(again.createTime).toBe(created.createTime)
      })
      expect(await fixture.rawBatches()).toMatchObject([{ id, createTime: 1_700_000_000_000 }])
    },
  },
]
