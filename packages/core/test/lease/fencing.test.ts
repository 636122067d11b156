import { afterEach, describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { waitUntil } from '@batchgate/testkit'
import {
  Engines,
  HeldLauncher,
  SHORT_LEASE,
  hookedStore,
  rawStore,
  row,
  tempDatabase,
} from './lease-helpers.js'

const engines = new Engines()
afterEach(() => engines.closeAll())

describe('adoption and fencing', () => {
  it('a live instance adopts the RUNNING batch of an instance whose renewals stall; that one, back, aborts its launch and writes nothing', async () => {
    const filename = tempDatabase('fencing')
    const stalled = new HeldLauncher()
    const survivor = new HeldLauncher()
    let renewalsFail = false
    const reported: unknown[] = []
    const writesAfterStall: string[] = []
    // The first instance's metastore stops answering its renewals (a partition) while its launch runs.
    const first = await engines.open(
      filename,
      {
        instanceId: 'gw-stalled',
        lease: SHORT_LEASE,
        launchers: { SPARK: stalled },
        onBackgroundError: (e) => reported.push(e),
      },
      (store) =>
        hookedStore(store, {
          renewLease: (real, ...args) =>
            renewalsFail
              ? Promise.reject(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'partitioned'))
              : real(...args),
          updateBatchState: (real, id, change) => {
            if (renewalsFail) writesAfterStall.push(JSON.stringify(change))
            return real(id, change)
          },
        }),
    )
    const batch = await first.batches.submit({ batchType: 'SPARK', resource: 'app.jar' }, { user: 'alice' })
    await waitUntil(() => stalled.launched().length === 1)
    const store = await rawStore(filename)
    try {
      const before = await row(store, batch.id)
      expect(before).toMatchObject({ state: 'RUNNING', ownerInstance: 'gw-stalled' })
      renewalsFail = true
      await engines.open(filename, {
        instanceId: 'gw-survivor',
        lease: SHORT_LEASE,
        launchers: { SPARK: survivor },
      })
      // Adopted by the survivor once the stalled lease expired by the database's clock.
      await waitUntil(() => survivor.calls.length === 1, 10_000, 'adoption')
      expect(survivor.calls[0]).toMatchObject({ kind: 'recover', id: batch.id })
      const adopted = await row(store, batch.id)
      expect(adopted).toMatchObject({ state: 'RUNNING', ownerInstance: 'gw-survivor' })
      expect(adopted.ownerToken).not.toBe(before.ownerToken)
      // Back: its renewal finds the lease expired; it takes a new token and aborts its own launch.
      renewalsFail = false
      const signal = stalled.calls[0]?.signal
      await waitUntil(() => signal?.aborted === true, 10_000, 'the stalled launch aborted')
      expect(String(signal?.reason)).toContain('lost its lease')
      expect(reported.some((e) => (e as { code?: string }).code === 'METASTORE_UNAVAILABLE')).toBe(true)
      // Its launcher rejected on the abort; nothing of it reached the row.
      await first.launchesSettled()
      expect(await row(store, batch.id)).toMatchObject({ state: 'RUNNING', ownerInstance: 'gw-survivor' })
      expect(writesAfterStall).toEqual([])
      survivor.finish(batch.id)
      await waitUntil(async () => (await row(store, batch.id)).state === 'FINISHED')
      expect(stalled.launched()).toEqual([batch.id])
    } finally {
      await store.close()
    }
  })
})
