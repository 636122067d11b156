import { afterEach, describe, expect, it } from 'vitest'
import { KYUUBI_BATCH_PRIORITY_KEY } from '@batchgate/core'
import { waitUntil } from '@batchgate/testkit'
import { Engines, HeldLauncher, hookedStore, rawStore, row, tempDatabase } from './lease-helpers.js'

const engines = new Engines()
/**
 * These tests are about the queue, not the lease: a lease long enough that a test process stalled by a
 * loaded machine (the whole suite runs at once) keeps it, so no hand-over interleaves with the claims.
 */
const QUEUE_LEASE = { durationMs: 5000, renewIntervalMs: 1000 } as const
afterEach(() => engines.closeAll())

function request(priority?: number): { batchType: string; resource: string; conf: Record<string, string> } {
  return {
    batchType: 'SPARK',
    resource: 'app.jar',
    conf: priority === undefined ? {} : { [KYUUBI_BATCH_PRIORITY_KEY]: String(priority) },
  }
}

describe('the launch queue', () => {
  it('runs at most maxRunningBatches at once and claims the queue highest priority first, oldest first', async () => {
    const filename = tempDatabase('queue')
    const launcher = new HeldLauncher()
    const engine = await engines.open(filename, {
      instanceId: 'gw-q',
      lease: QUEUE_LEASE,
      maxRunningBatches: 1,
      queue: { pollIntervalMs: 50 },
      launchers: { SPARK: launcher },
    })
    const first = await engine.batches.submit(request(), { user: 'alice' })
    await waitUntil(() => launcher.launched().length === 1)
    // Queued behind the running one, in this order: low, default, high, high (later).
    // Each in a later millisecond of the database's clock: two batches of one priority queued in the
    // same millisecond are ordered by id (random), and this test checks the order by age.
    const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3))
    const low = await engine.batches.submit(request(1), { user: 'alice' })
    await nextMillisecond()
    const normal = await engine.batches.submit(request(), { user: 'alice' })
    await nextMillisecond()
    const high = await engine.batches.submit(request(20), { user: 'alice' })
    await nextMillisecond()
    const laterHigh = await engine.batches.submit(request(20), { user: 'alice' })
    const store = await rawStore(filename)
    try {
      for (const queued of [low, normal, high, laterHigh]) {
        expect(queued.state).toBe('PENDING')
        expect(await row(store, queued.id)).toMatchObject({
          state: 'PENDING',
          ownerInstance: null,
          ownerToken: null,
        })
      }
      expect(await row(store, first.id)).toMatchObject({ state: 'RUNNING', ownerInstance: 'gw-q' })
      const order = [first.id, high.id, laterHigh.id, normal.id, low.id]
      for (let i = 0; i < order.length; i++) {
        await waitUntil(() => launcher.launched().length === i + 1, 10_000, `launch ${i + 1}`)
        launcher.finish(order[i] ?? '')
      }
      await waitUntil(async () => (await row(store, low.id)).state === 'FINISHED')
      expect(launcher.launched()).toEqual(order)
      expect(launcher.maxRunning).toBe(1)
      for (const id of order)
        expect(await row(store, id)).toMatchObject({ state: 'FINISHED', ownerInstance: 'gw-q' })
    } finally {
      await store.close()
    }
  })

  it('spreads a queue over two instances, each within its limit, launching every batch once', async () => {
    const filename = tempDatabase('queue-spread')
    const launchers = [new HeldLauncher(), new HeldLauncher()]
    const both = await Promise.all(
      launchers.map((launcher, i) =>
        engines.open(filename, {
          instanceId: `gw-${i}`,
          lease: QUEUE_LEASE,
          maxRunningBatches: 2,
          queue: { pollIntervalMs: 20 },
          launchers: { SPARK: launcher },
        }),
      ),
    )
    const ids: string[] = []
    for (let i = 0; i < 10; i++) {
      const engine = both[i % 2]
      if (engine === undefined) throw new Error('two engines were opened')
      ids.push((await engine.batches.submit(request(), { user: 'u' })).id)
    }
    const launched = (): string[] => launchers.flatMap((launcher) => launcher.launched())
    // Finish whatever runs until all ten ran.
    await waitUntil(() => {
      for (const launcher of launchers) for (const id of launcher.launched()) launcher.finish(id)
      return launched().length === 10
    }, 20_000)
    for (const launcher of launchers) for (const id of launcher.launched()) launcher.finish(id)
    expect([...launched()].sort()).toEqual([...ids].sort())
    for (const launcher of launchers) expect(launcher.maxRunning).toBeLessThanOrEqual(2)
    expect(launchers.every((launcher) => launcher.launched().length > 0)).toBe(true)
  })

  it('lets anyone claim a batch its creator inserted but could not claim, after unlaunchedGraceMs', async () => {
    const filename = tempDatabase('unlaunched')
    const creatorLauncher = new HeldLauncher()
    const otherLauncher = new HeldLauncher()
    let failedClaims = 0
    // The creator's own claim fails after its insert committed (its metastore went away, say).
    const creator = await engines.open(
      filename,
      {
        instanceId: 'gw-creator',
        lease: QUEUE_LEASE,
        maxRunningBatches: 1,
        launchers: { SPARK: creatorLauncher },
        onBackgroundError: () => undefined,
      },
      (store) =>
        hookedStore(store, {
          claimBatch: (real, id, claim) => {
            if (
              (claim as { expectedOwnerToken: string | null }).expectedOwnerToken !== null &&
              failedClaims === 0
            ) {
              failedClaims++
              return Promise.reject(new Error('connection lost'))
            }
            return real(id, claim)
          },
        }),
    )
    const batch = await creator.batches.submit(request(), { user: 'alice' })
    const store = await rawStore(filename)
    try {
      await waitUntil(() => failedClaims === 1)
      expect(await row(store, batch.id)).toMatchObject({ state: 'PENDING', ownerInstance: 'gw-creator' })
      await engines.open(filename, {
        instanceId: 'gw-other',
        lease: QUEUE_LEASE,
        queue: { pollIntervalMs: 20, unlaunchedGraceMs: 300 },
        launchers: { SPARK: otherLauncher },
      })
      await waitUntil(() => creatorLauncher.launched().length + otherLauncher.launched().length === 1)
      const launcher = creatorLauncher.launched().length === 1 ? creatorLauncher : otherLauncher
      launcher.finish(batch.id)
      await waitUntil(async () => (await row(store, batch.id)).state === 'FINISHED')
      expect([...creatorLauncher.launched(), ...otherLauncher.launched()]).toEqual([batch.id])
    } finally {
      await store.close()
    }
  })
})
