import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createEngine, isDuplicatedSubmission, type EngineOptions } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { sparkRequest } from './helpers/batch-requests.js'
import { InterceptingStore, type StoreHooks } from './helpers/intercepting-store.js'
import { createBarrier, createLatch } from './helpers/latch.js'
import { countRowsById, readRawBatches } from './helpers/raw-sqlite.js'
import { RecordingLauncher } from './helpers/recording-launcher.js'
import { tempDatabasePath } from './helpers/temp-database.js'

/** Two engines on one file, each with its own connection behind an intercepting store. */
async function twoInstances(
  filename: string,
  hooks: [StoreHooks, StoreHooks],
  options: Partial<EngineOptions> = {},
) {
  const instance = async (index: number, storeHooks: StoreHooks) => {
    const launcher = new RecordingLauncher('hold')
    const store = new InterceptingStore(sqliteStore({ filename }), storeHooks)
    const engine = await createEngine({
      store,
      instanceId: `instance-${index}`,
      launchers: { SPARK: launcher },
      ...options,
    })
    return { engine, store, launcher }
  }
  const [a, b] = await Promise.all([instance(0, hooks[0]), instance(1, hooks[1])])
  return {
    a,
    b,
    settleAndClose: async () => {
      await Promise.all([a.engine.launchesSettled(), b.engine.launchesSettled()])
      await Promise.all([a.engine.close(), b.engine.close()])
    },
  }
}

describe('dedup under a forced interleaving', () => {
  it('both pass the pre-check, then both insert: one creates, the other returns the stored batch', async () => {
    const filename = tempDatabasePath()
    const id = randomUUID()
    const bothLookedUp = createBarrier(2)
    const winnerInserted = createLatch()
    const afterFirstGet = async (_id: string, _found: unknown, call: number) => {
      if (call === 1) await bothLookedUp()
    }
    const { a, b, settleAndClose } = await twoInstances(
      filename,
      [
        {
          afterGet: afterFirstGet,
          afterInsert: () => {
            winnerInserted.open()
          },
        },
        { afterGet: afterFirstGet, beforeInsert: () => winnerInserted.opened },
      ],
      { lookupBeforeInsert: true },
    )

    const [created, duplicate] = await Promise.all([
      a.engine.batches.submit(sparkRequest(id), { user: 'alice' }),
      b.engine.batches.submit(sparkRequest(id), { user: 'alice' }),
    ])

    // Both really passed the pre-check empty-handed before either inserted.
    expect(a.store.calls.slice(0, 2).map((c) => c.method)).toEqual(['getBatch', 'insertBatch'])
    expect(b.store.calls.slice(0, 3).map((c) => c.method)).toEqual(['getBatch', 'insertBatch', 'getBatch'])
    expect(isDuplicatedSubmission(created)).toBe(false)
    expect(isDuplicatedSubmission(duplicate)).toBe(true)
    expect(duplicate.createTime).toBe(created.createTime)
    expect(duplicate.createdBy).toBe('instance-0')
    expect(countRowsById(filename).get(id)).toBe(1)

    await waitFor(() => a.launcher.launchesOf(id) === 1)
    expect(b.launcher.launched).toHaveLength(0)
    // The loser never touched the winner's batch.
    expect(b.store.calls.filter((c) => c.method === 'updateBatchState')).toEqual([])
    a.launcher.finish(id)
    await settleAndClose()
    expect(readRawBatches(filename)[0]?.state).toBe('FINISHED')
  })

  it.each([
    [true, ['getBatch']],
    [false, ['insertBatch', 'getBatch']],
  ])(
    'a loser that arrives while the winner runs gets the RUNNING batch and changes nothing (lookupBeforeInsert: %s)',
    async (lookupBeforeInsert, loserCalls) => {
      const filename = tempDatabasePath()
      const id = randomUUID()
      const { a, b, settleAndClose } = await twoInstances(filename, [{}, {}], { lookupBeforeInsert })
      await a.engine.batches.submit(sparkRequest(id), { user: 'alice' })
      await waitFor(() => a.launcher.launchesOf(id) === 1)
      const before = readRawBatches(filename)

      const duplicate = await b.engine.batches.submit(sparkRequest(id), { user: 'alice' })
      expect(duplicate.state).toBe('RUNNING')
      await b.engine.launchesSettled()
      expect(readRawBatches(filename)).toEqual(before)
      expect(b.store.calls.map((c) => c.method)).toEqual(loserCalls)

      a.launcher.finish(id)
      await settleAndClose()
    },
  )

  it('inserts again when the existing row vanishes between the duplicate error and the read', async () => {
    const filename = tempDatabasePath()
    const id = randomUUID()
    const { a, b, settleAndClose } = await twoInstances(
      filename,
      [
        {},
        {
          // A purge (another party) deletes the row right after our insert lost to it.
          afterInsert: (_record, error, call) => {
            if (call === 1 && error !== undefined) deleteRaw(filename, id)
          },
        },
      ],
      { lookupBeforeInsert: false },
    )
    const first = await a.engine.batches.submit(sparkRequest(id), { user: 'alice' })
    await waitFor(() => a.launcher.launchesOf(id) === 1)
    a.launcher.finish(id)
    await a.engine.launchesSettled()

    const second = await b.engine.batches.submit(sparkRequest(id), { user: 'alice' })
    expect(isDuplicatedSubmission(second)).toBe(false)
    expect(second.createdBy).toBe('instance-1')
    expect(second.createTime).toBeGreaterThanOrEqual(first.createTime)
    expect(countRowsById(filename).get(id)).toBe(1)
    await waitFor(() => b.launcher.launchesOf(id) === 1)
    b.launcher.finish(id)
    await settleAndClose()
  })

  it('a store failure on insert is METASTORE_UNAVAILABLE and launches nothing', async () => {
    const filename = tempDatabasePath()
    const { a, settleAndClose } = await twoInstances(filename, [
      {
        beforeInsert: () => {
          throw new Error('disk I/O error')
        },
      },
      {},
    ])
    const error = await a.engine.batches.submit(sparkRequest(), { user: 'alice' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE', cause: { message: 'disk I/O error' } })
    expect(a.launcher.launched).toHaveLength(0)
    expect(readRawBatches(filename)).toHaveLength(0)
    await settleAndClose()
  })
})

function deleteRaw(filename: string, id: string): void {
  const database = new Database(filename)
  try {
    database.prepare('delete from batchgate_batch where id = ?').run(id)
  } finally {
    database.close()
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
