import { afterEach, describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import { sampleRecord, waitUntil } from '@batchgate/testkit'
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

/** Leases long enough that no adoption sweep runs during the test: only the admin's call moves batches. */
const QUIET_LEASE = { durationMs: 60_000, renewIntervalMs: 20_000 } as const

async function withRawStore<T>(filename: string, use: (store: MetadataStore) => Promise<T>): Promise<T> {
  const store = await rawStore(filename)
  try {
    return await use(store)
  } finally {
    await store.close()
  }
}

describe('engine.instances() and batches.reassign()', () => {
  it('lists the lease rows for admins only; a closed engine hands its lease back at once', async () => {
    const filename = tempDatabase('instances')
    const a = await engines.open(filename, { instanceId: 'gw-a', admins: ['root'], lease: QUIET_LEASE })
    const b = await engines.open(filename, { instanceId: 'gw-b', admins: ['root'], lease: QUIET_LEASE })
    const listed = await a.instances({ user: 'root' })
    expect(
      listed
        .map(({ instanceId, live, running, self }) => ({ instanceId, live, running, self }))
        .sort((x, y) => x.instanceId.localeCompare(y.instanceId)),
    ).toEqual([
      { instanceId: 'gw-a', live: true, running: 0, self: true },
      { instanceId: 'gw-b', live: true, running: 0, self: false },
    ])
    await expect(a.instances({ user: 'alice' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' })
    await b.close()
    const after = await a.instances({ user: 'root' })
    expect(after.find((i) => i.instanceId === 'gw-b')).toMatchObject({ live: false })
    await expect(b.instances({ user: 'root' })).rejects.toMatchObject({ code: 'CLOSED' })
    const unleased = await engines.open(filename, { instanceId: 'gw-c', admins: ['root'], lease: false })
    await expect(unleased.instances({ user: 'root' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' })
  })

  it('reassign moves a stopped instance’s RUNNING batches here and its PENDING ones to the queue; refuses live ones', async () => {
    const filename = tempDatabase('reassign')
    const running = sampleRecord({
      createdBy: 'gw-gone',
      ownerToken: 'token-1',
      state: 'RUNNING',
      startTime: 5,
    })
    const unleased = sampleRecord({ createdBy: 'gw-gone', ownerToken: null, state: 'RUNNING', startTime: 5 })
    const pending = sampleRecord({ createdBy: 'gw-gone', ownerToken: 'token-2', state: 'PENDING' })
    const ended = sampleRecord({
      createdBy: 'gw-gone',
      ownerToken: 'token-1',
      state: 'FINISHED',
      startTime: 5,
      endTime: 6,
    })
    await withRawStore(filename, async (store) => {
      for (const record of [running, unleased, pending, ended]) await store.insertBatch(record)
    })
    const launcher = new HeldLauncher()
    // One slot, taken by nothing here: reassign adopts both RUNNING batches regardless.
    const here = await engines.open(filename, {
      instanceId: 'gw-here',
      admins: ['root'],
      lease: QUIET_LEASE,
      maxRunningBatches: 1,
      queue: { pollIntervalMs: 60_000 },
      launchers: { SPARK: launcher },
    })
    await engines.open(filename, { instanceId: 'gw-live', lease: QUIET_LEASE })
    await expect(here.batches.reassign('gw-gone', { user: 'alice' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    })
    await expect(here.batches.reassign('gw-here', { user: 'root' })).rejects.toMatchObject({
      code: 'INSTANCE_ALIVE',
    })
    const alive = here.batches.reassign('gw-live', { user: 'root' })
    await expect(alive).rejects.toMatchObject({
      code: 'INSTANCE_ALIVE',
      message: expect.stringMatching(/live lease until \d{4}-/),
    })
    const result = await here.batches.reassign('gw-gone', { user: 'root' })
    expect(result).toMatchObject({ originalInstance: 'gw-gone', instance: 'gw-here' })
    expect([...result.batchIds].sort()).toEqual([running.id, unleased.id, pending.id].sort())
    await waitUntil(() => launcher.calls.length >= 2)
    expect(
      launcher.calls
        .filter((c) => c.kind === 'recover')
        .map((c) => c.id)
        .sort(),
    ).toEqual([running.id, unleased.id].sort())
    await withRawStore(filename, async (store) => {
      expect(await row(store, running.id)).toMatchObject({ state: 'RUNNING', ownerInstance: 'gw-here' })
      expect(await row(store, pending.id)).toMatchObject({
        state: 'PENDING',
        ownerInstance: null,
        ownerToken: null,
      })
      expect(await row(store, ended.id)).toMatchObject({ state: 'FINISHED', ownerInstance: 'gw-gone' })
    })
    launcher.finish(running.id)
    launcher.finish(unleased.id)
    await here.launchesSettled()
    await withRawStore(filename, async (store) => {
      expect(await row(store, running.id)).toMatchObject({ state: 'FINISHED' })
    })
  })

  it('adopts a lost instance’s RUNNING batches only into free slots, and requeues its PENDING ones', async () => {
    const filename = tempDatabase('adopt-slots')
    const lostToken = 'lost-token'
    const first = sampleRecord({
      createdBy: 'gw-lost',
      ownerToken: lostToken,
      state: 'RUNNING',
      startTime: 5,
    })
    const second = sampleRecord({
      createdBy: 'gw-lost',
      ownerToken: lostToken,
      state: 'RUNNING',
      startTime: 5,
    })
    const pending = sampleRecord({
      createdBy: 'gw-lost',
      ownerToken: lostToken,
      state: 'PENDING',
      batchType: 'OTHER',
    })
    await withRawStore(filename, async (store) => {
      for (const record of [first, second, pending]) await store.insertBatch(record)
    })
    // The lost instance's lease, written by the store's own call and left to expire.
    await withRawStore(filename, async (store) => {
      const coordinated = store as unknown as {
        acquireLease: (owner: object, ms: number) => Promise<unknown>
      }
      await coordinated.acquireLease({ instanceId: 'gw-lost', token: lostToken }, 1)
    })
    const launcher = new HeldLauncher()
    await engines.open(filename, {
      instanceId: 'gw-survivor',
      lease: SHORT_LEASE,
      maxRunningBatches: 1,
      launchers: { SPARK: launcher },
    })
    await waitUntil(() => launcher.calls.length === 1)
    await withRawStore(filename, async (store) => {
      await waitUntil(async () => (await row(store, pending.id)).ownerToken === null)
      expect(await row(store, pending.id)).toMatchObject({ state: 'PENDING', ownerInstance: null })
      // Several sweeps later the second one still waits for the slot.
      await new Promise((resolve) => setTimeout(resolve, 400))
      const rows = [await row(store, first.id), await row(store, second.id)]
      expect(rows.filter((r) => r.ownerInstance === 'gw-survivor')).toHaveLength(1)
      expect(rows.filter((r) => r.ownerToken === lostToken)).toHaveLength(1)
      const [adopted] = launcher.calls
      launcher.finish(adopted?.id ?? '')
      await waitUntil(() => launcher.calls.length === 2)
      expect(launcher.calls.every((c) => c.kind === 'recover')).toBe(true)
      launcher.finish(launcher.calls[1]?.id ?? '')
      await waitUntil(
        async () =>
          (await row(store, first.id)).state === 'FINISHED' &&
          (await row(store, second.id)).state === 'FINISHED',
      )
    })
  })

  it('a restarted instance takes its earlier lives’ batches back by owner: PENDING launched once, RUNNING recovered or ERROR', async () => {
    const filename = tempDatabase('restart')
    const pending = sampleRecord({ createdBy: 'gw-r', ownerToken: 'old-life', state: 'PENDING' })
    const running = sampleRecord({
      createdBy: 'gw-other',
      ownerInstance: 'gw-r',
      ownerToken: 'old-life',
      state: 'RUNNING',
      startTime: 5,
    })
    const orphan = sampleRecord({
      createdBy: 'gw-r',
      ownerToken: null,
      state: 'RUNNING',
      startTime: 5,
      batchType: 'SHELL',
    })
    const foreign = sampleRecord({
      createdBy: 'gw-r',
      ownerInstance: 'gw-x',
      ownerToken: 'x',
      state: 'PENDING',
    })
    await withRawStore(filename, async (store) => {
      for (const record of [pending, running, orphan, foreign]) await store.insertBatch(record)
    })
    const launcher = new HeldLauncher()
    const engine = await engines.open(filename, {
      instanceId: 'gw-r',
      lease: SHORT_LEASE,
      launchers: { SPARK: launcher, SHELL: { launch: () => Promise.resolve() } },
    })
    expect(launcher.calls.map((c) => [c.kind, c.id]).sort()).toEqual(
      [
        ['launch', pending.id],
        ['recover', running.id],
      ].sort(),
    )
    launcher.finish(pending.id)
    launcher.finish(running.id)
    await engine.launchesSettled()
    await withRawStore(filename, async (store) => {
      expect(await row(store, pending.id)).toMatchObject({ state: 'FINISHED', ownerInstance: 'gw-r' })
      expect(await row(store, running.id)).toMatchObject({ state: 'FINISHED', ownerInstance: 'gw-r' })
      expect(await row(store, orphan.id)).toMatchObject({
        state: 'ERROR',
        diagnostic: expect.stringContaining('gw-r restarted'),
      })
      expect(await row(store, foreign.id)).toMatchObject({ state: 'PENDING', ownerInstance: 'gw-x' })
    })
  })

  it('after a lost lease (a renewal answered expired) the engine gets a new token and keeps its batches', async () => {
    const filename = tempDatabase('lost-lease')
    const launcher = new HeldLauncher()
    let expireNext = false
    const reported: unknown[] = []
    const engine = await engines.open(
      filename,
      {
        instanceId: 'gw-l',
        admins: ['root'],
        lease: SHORT_LEASE,
        launchers: { SPARK: launcher },
        onBackgroundError: (e) => reported.push(e),
      },
      (store) =>
        hookedStore(store, {
          // The database says the lease expired (as after a pause nobody adopted through).
          renewLease: (real, ...args) => {
            if (!expireNext) return real(...args)
            expireNext = false
            return Promise.resolve(undefined)
          },
        }),
    )
    const batch = await engine.batches.submit({ batchType: 'SPARK', resource: 'app.jar' }, { user: 'alice' })
    await waitUntil(() => launcher.launched().length === 1)
    await withRawStore(filename, async (store) => {
      const before = await row(store, batch.id)
      expireNext = true
      await waitUntil(async () => (await row(store, batch.id)).ownerToken !== before.ownerToken)
      expect(launcher.calls[0]?.signal.aborted).toBe(false)
      const instances = await engine.instances({ user: 'root' })
      expect(instances.filter((i) => i.self)).toHaveLength(1)
      expect(instances.find((i) => i.self)).toMatchObject({ live: true, running: 1 })
      launcher.finish(batch.id)
      await waitUntil(async () => (await row(store, batch.id)).state === 'FINISHED')
    })
    expect(
      reported.filter((e) => !(e instanceof BatchgateError && e.code === ErrorCode.METASTORE_UNAVAILABLE)),
    ).toEqual([])
  })
})
