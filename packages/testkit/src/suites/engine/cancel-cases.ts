import { createEngine, type BatchLauncher } from '@batchgate/core'
import type { BatchStateChange, MetadataStore } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { DelegatingStore } from '../../faults/delegating-store.js'
import { sampleRequest } from '../../harness/fixtures.js'
import { createLatch, type Latch } from '../../harness/latch.js'
import { RecordingLauncher } from '../../harness/recording-launcher.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { rejectionOf, withEngine, withEngines } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

/** A launcher whose jobs run until their signal is aborted, then (late) resolve as if they finished. */
function untilAborted(): BatchLauncher & { started: string[]; aborted: string[] } {
  const started: string[] = []
  const aborted: string[] = []
  return {
    started,
    aborted,
    launch: (batch, { signal }) =>
      new Promise<void>((resolve) => {
        started.push(batch.id)
        signal.addEventListener('abort', () => {
          aborted.push(batch.id)
          resolve()
        })
      }),
  }
}

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

export const cancelCases: readonly Case[] = [
  {
    group: 'cancel',
    name: 'cancels a RUNNING batch: its signal is aborted here, it ends CANCELED, and a late outcome never overwrites it',
    run: async (fixture) => {
      const launcher = untilAborted()
      const id = randomUUID()
      await withEngine(fixture, { launchers: { SPARK: launcher } }, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        await waitUntil(() => launcher.started.includes(id))
        await waitUntil(async () => (await fixture.rawBatches())[0]?.state === 'RUNNING')
        const canceled = await engine.batches.cancel(id, alice)
        expect(canceled).toMatchObject({ id, state: 'CANCELED' })
        expect(canceled.endTime).toBeTypeOf('number')
        expect(launcher.aborted).toEqual([id])
        await engine.launchesSettled()
      })
      expect(await fixture.rawBatches()).toMatchObject([{ id, state: 'CANCELED' }])
    },
  },
  {
    group: 'cancel',
    name: 'a cancel made on another instance aborts the launcher within the poll interval',
    run: async (fixture) => {
      const launcher = untilAborted()
      const id = randomUUID()
      await withEngines(
        fixture,
        2,
        (i) => ({ cancelPollIntervalMs: 20, ...(i === 0 ? { launchers: { SPARK: launcher } } : {}) }),
        async ([runner, other]) => {
          await runner?.batches.submit(sampleRequest(id), alice)
          await waitUntil(() => launcher.started.includes(id))
          await waitUntil(async () => (await fixture.rawBatches())[0]?.state === 'RUNNING')
          await other?.batches.cancel(id, alice)
          await waitUntil(() => launcher.aborted.includes(id), 5_000, 'the runner aborting its launcher')
          await runner?.launchesSettled()
        },
      )
      expect(await fixture.rawBatches()).toMatchObject([{ id, state: 'CANCELED' }])
    },
  },
  {
    group: 'cancel',
    name: 'cancels a PENDING batch, and returns a batch that already ended unchanged',
    run: async (fixture) => {
      const pendingId = randomUUID()
      const finishedId = randomUUID()
      await withEngine(fixture, {}, async (engine) => {
        await engine.batches.submit(sampleRequest(pendingId), alice)
        expect(await engine.batches.cancel(pendingId, alice)).toMatchObject({ state: 'CANCELED' })
      })
      await withEngine(
        fixture,
        { launchers: { SPARK: { launch: () => Promise.resolve() } } },
        async (engine) => {
          await engine.batches.submit(sampleRequest(finishedId), alice)
          await engine.launchesSettled()
          const before = await engine.batches.get(finishedId, alice)
          expect(before?.state).toBe('FINISHED')
          expect(await engine.batches.cancel(finishedId, alice)).toEqual(before)
        },
      )
      const rows = await fixture.rawBatches()
      expect(rows.find((r) => r.id === pendingId)?.state).toBe('CANCELED')
      expect(rows.find((r) => r.id === finishedId)?.state).toBe('FINISHED')
    },
  },
  {
    group: 'cancel',
    name: 'only the owner or an admin may cancel; an unknown id is BATCH_NOT_FOUND',
    run: async (fixture) => {
      const id = randomUUID()
      await withEngine(fixture, { admins: ['root'] }, async (engine) => {
        await engine.batches.submit(sampleRequest(id), alice)
        expect((await rejectionOf(engine.batches.cancel(id, { user: 'mallory' }))).code).toBe(
          'PERMISSION_DENIED',
        )
        expect((await engine.batches.get(id, { user: 'root' }))?.id).toBe(id)
        expect((await engine.batches.cancel(id, { user: 'root' })).state).toBe('CANCELED')
        expect((await rejectionOf(engine.batches.cancel(randomUUID(), alice))).code).toBe('BATCH_NOT_FOUND')
      })
      expect(await fixture.rawBatches()).toMatchObject([{ id, state: 'CANCELED' }])
    },
  },
  {
    group: 'cancel',
    name: 'a cancel that lands while this instance is claiming the batch stops it before the launcher is called',
    run: async (fixture) => {
      const release = createLatch()
      const store = new SlowClaimAck(fixture.newStore(), release)
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
      expect(await fixture.rawBatches()).toMatchObject([{ id, state: 'CANCELED' }])
    },
  },
]
