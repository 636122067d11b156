import { BatchState, createEngine, isDuplicatedSubmission } from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { DelegatingStore } from '../../faults/delegating-store.js'
import { sampleRequest } from '../../harness/fixtures.js'
import { createLatch, type Latch } from '../../harness/latch.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

/** Holds the answer of an insert after it is committed, until `release` opens. */
class SlowInsertAck extends DelegatingStore {
  readonly inserted = createLatch()
  constructor(
    real: MetadataStore,
    private readonly release: Latch,
  ) {
    super(real)
  }
  override async insertBatch(record: Parameters<MetadataStore['insertBatch']>[0]): Promise<void> {
    await super.insertBatch(record)
    this.inserted.open()
    await this.release.opened
  }
}

export const launchCases: readonly Case[] = [
  {
    group: 'launch',
    name: 'persists RUNNING while the launcher runs and FINISHED with an end time when it resolves',
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const id = randomUUID()
      let now = 5_000
      await withEngine(
        fixture,
        { launchers: { SPARK: launcher }, clock: { now: () => (now += 10) } },
        async (engine) => {
          const created = await engine.batches.submit(sampleRequest(id), alice)
          expect(created.state).toBe(BatchState.PENDING)
          await waitUntil(() => launcher.launchesOf(id) === 1)
          expect(launcher.launched[0]?.state).toBe(BatchState.RUNNING)
          await waitUntil(async () => (await fixture.rawBatches())[0]?.state === 'RUNNING')
          launcher.finish(id)
          await engine.launchesSettled()
        },
      )
      const [row] = await fixture.rawBatches()
      expect(row).toMatchObject({ state: 'FINISHED', diagnostic: null })
      expect(row?.endTime).toBeGreaterThan(row?.startTime ?? Infinity)
      expect(row?.startTime).toBeGreaterThan(row?.createTime ?? Infinity)
    },
  },
  {
    group: 'launch',
    name: "persists ERROR with the launcher's error message as diagnostic",
    run: async (fixture) => {
      const launcher = new RecordingLauncher('hold')
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        await waitUntil(() => launcher.launchesOf(id) === 1)
        launcher.fail(id, new Error('spark-submit exited with 1'))
        await engine.launchesSettled()
        expect((await engine.batches.get(id, alice))?.diagnostic).toBe('spark-submit exited with 1')
      })
      expect(await fixture.rawBatches()).toMatchObject([
        { state: 'ERROR', diagnostic: 'spark-submit exited with 1' },
      ])
    },
  },
  {
    group: 'launch',
    name: 'treats a launcher that throws synchronously as a failed launch',
    run: async (fixture) => {
      const throwing = {
        launch: (): Promise<void> => {
          throw new Error('no SPARK_HOME')
        },
      }
      await withEngine(fixture, { launchers: { SPARK: throwing } }, async (engine) => {
        await engine.batches.submit(sampleRequest(), alice)
        await engine.launchesSettled()
      })
      expect(await fixture.rawBatches()).toMatchObject([{ state: 'ERROR', diagnostic: 'no SPARK_HOME' }])
    },
  },
  {
    group: 'launch',
    name: 'rejects a batchType without a launcher (when launchers are configured) and stores nothing',
    run: async (fixture) => {
      await withEngine(fixture, { launchers: { SPARK: new RecordingLauncher() } }, async (engine) => {
        const error = await rejectionOf(
          engine.batches.submit(sampleRequest(undefined, { batchType: 'FLINK' }), alice),
        )
        expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('FLINK') })
      })
      expect(await fixture.rawBatches()).toEqual([])
    },
  },
  {
    group: 'launch',
    name: 'stores batches as PENDING when the engine has no launchers',
    run: async (fixture) => {
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(sampleRequest(), alice)
      })
      expect(await fixture.rawBatches()).toMatchObject([{ state: 'PENDING', startTime: null }])
    },
  },
  {
    group: 'launch',
    name: 'close() while a submission is under way lets it finish: the batch it created is launched',
    run: async (fixture) => {
      const release = createLatch()
      const store = new SlowInsertAck(fixture.newStore(), release)
      const launcher = new RecordingLauncher()
      const engine = await createEngine({ store, instanceId: 'closing', launchers: { SPARK: launcher } })
      const id = randomUUID()
      const submitted = engine.batches.submit(sampleRequest(id), alice)
      await store.inserted.opened
      const closed = engine.close()
      // A call made after close() began is refused.
      expect((await rejectionOf(engine.batches.get(id, alice))).code).toBe('CLOSED')
      release.open()
      const batch = await submitted
      await closed
      expect(isDuplicatedSubmission(batch)).toBe(false)
      expect(launcher.launchesOf(id)).toBe(1)
      expect(['RUNNING', 'FINISHED']).toContain((await fixture.rawBatches())[0]?.state)
    },
  },
]
