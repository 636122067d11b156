import { createEngine, isDuplicatedSubmission } from '@batchgate/core'
import { type BatchStateChange, type MetadataStore } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { DelegatingStore } from '../../faults/delegating-store.js'
import { sampleRequest } from '../../harness/fixtures.js'
import { createLatch, type Latch } from '../../harness/latch.js'
import type { MetastoreHarness } from '../../harness/metastore-harness.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine } from './engine-helpers.js'

type Case = ConformanceCase<MetastoreHarness>
const alice = { user: 'alice' }

/** Holds the answer of the first claim (PENDING → RUNNING) after it is written, until `release` opens. */
class SlowClaimAck extends DelegatingStore {
  readonly claimWritten = createLatch()
  constructor(
    real: MetadataStore,
    private readonly release: Latch,
  ) {
    super(real)
  }
  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const moved = await super.updateBatchState(id, change)
    if (change.to === 'RUNNING') {
      this.claimWritten.open()
      await this.release.opened
    }
    return moved
  }
}

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

export const hardeningCases: readonly Case[] = [
  {
    group: 'cancel',
    name: 'a cancel that lands while this instance is claiming the batch stops it before the launcher is called',
    run: async (harness) => {
      const release = createLatch()
      const store = new SlowClaimAck(harness.newStore(), release)
      const launcher = new RecordingLauncher()
      const engine = await createEngine({ store, instanceId: 'claiming', launchers: { SPARK: launcher } })
      const id = randomUUID()
      try {
        await engine.batches.submit(sampleRequest(id), alice)
        await store.claimWritten.opened
        expect((await engine.batches.cancel(id, alice)).state).toBe('CANCELED')
        release.open()
        await engine.launchesSettled()
        expect(launcher.launched).toEqual([])
      } finally {
        release.open()
        await engine.close()
      }
      expect(await harness.rawBatches()).toMatchObject([{ id, state: 'CANCELED' }])
    },
  },
  {
    group: 'launch',
    name: 'close() while a submission is under way lets it finish: the batch it created is launched',
    run: async (harness) => {
      const release = createLatch()
      const store = new SlowInsertAck(harness.newStore(), release)
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
      expect(['RUNNING', 'FINISHED']).toContain((await harness.rawBatches())[0]?.state)
    },
  },
  {
    group: 'validation',
    name: 'rejects users and batch types with white space around them (stores disagree on trailing spaces)',
    run: async (harness) => {
      await withEngine(harness, {}, async (engine) => {
        for (const user of ['alice ', ' alice', 'alice\t']) {
          expect(
            (await rejectionOf(engine.batches.submit(sampleRequest(), { user }))).code,
            JSON.stringify(user),
          ).toBe('INVALID_REQUEST')
          expect((await rejectionOf(engine.batches.list({}, { user }))).code).toBe('INVALID_REQUEST')
        }
        const spaced = sampleRequest(undefined, { batchType: 'SPARK ' })
        expect((await rejectionOf(engine.batches.submit(spaced, alice))).code).toBe('INVALID_REQUEST')
      })
      expect(await harness.rawBatches()).toEqual([])
      await expect(createEngine({ store: harness.newStore(), instanceId: 'gw-1 ' })).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
      })
    },
  },
  {
    group: 'submit',
    name: 'stores whole milliseconds even from a clock with fractions, and answers with exactly what is stored',
    run: async (harness) => {
      const id = randomUUID()
      await withEngine(harness, { clock: { now: () => 1_700_000_000_000.7 } }, async (engine) => {
        const created = await engine.batches.submit(sampleRequest(id), alice)
        const again = await engine.batches.submit(sampleRequest(id), alice)
        expect(created.createTime).toBe(1_700_000_000_000)
        expect(again.createTime).toBe(created.createTime)
      })
      expect(await harness.rawBatches()).toMatchObject([{ id, createTime: 1_700_000_000_000 }])
    },
  },
]
