import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BatchRecord } from '@batchgate/core/store'
import { sampleRecord } from '@batchgate/testkit'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DefaultsOnlyStore } from './helpers/defaults-only-store.js'

const HOUR = 3_600_000

/**
 * The kit's coordination defaults as a store that overrides nothing runs them (its insert is the kit's
 * kysely insert, not a prepared statement).
 */
describe('SqlMetadataStore coordination defaults', () => {
  let directory: string
  let filename: string
  const stores: DefaultsOnlyStore[] = []

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'batchgate-sql-store-'))
    filename = join(directory, 'batchgate.db')
    // Migrated once, before any test opens stores at the same moment (the minimal plan has no lock).
    await newStore().open()
  })
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()))
    rmSync(directory, { recursive: true, force: true })
  })

  function newStore(): DefaultsOnlyStore {
    const store = new DefaultsOnlyStore(filename)
    stores.push(store)
    return store
  }

  /** Runs `use` on a connection of the test's own. */
  function raw<T>(use: (database: Database.Database) => T): T {
    const database = new Database(filename, { timeout: 5000 })
    try {
      return use(database)
    } finally {
      database.close()
    }
  }

  const sqliteNow = (): number =>
    raw(
      (database) =>
        (
          database
            .prepare("select cast((julianday('now') - 2440587.5) * 86400000 as integer) as now")
            .get() as {
            now: number
          }
        ).now,
    )

  const setQueuedAt = (id: string, queuedAt: number): void => {
    raw((database) =>
      database.prepare('update batchgate_batch set queued_at = ? where id = ?').run(queuedAt, id),
    )
  }

  const queuedAtOf = (id: string): number =>
    raw(
      (database) =>
        (
          database.prepare('select queued_at from batchgate_batch where id = ?').get(id) as {
            queued_at: number
          }
        ).queued_at,
    )

  const queued = (overrides: Partial<BatchRecord> = {}): BatchRecord =>
    sampleRecord({ ownerInstance: null, ownerToken: null, ...overrides })

  /** A batch gw-1 attends under token-1. */
  const runningOnGw1 = (): BatchRecord =>
    sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1', state: 'RUNNING', startTime: 1 })

  it('stores the owner, its token and the priority as given, and queued_at by the database’s clock', async () => {
    const store = newStore()
    const owned = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1', priority: -5 })
    const waiting = queued({ priority: 2_147_483_647 })
    const before = sqliteNow()
    await store.insertBatch(owned)
    await store.insertBatch(waiting)
    const after = sqliteNow()
    expect(await store.getBatch(owned.id)).toEqual(owned)
    expect(await store.getBatch(waiting.id)).toEqual(waiting)
    for (const id of [owned.id, waiting.id]) {
      expect(queuedAtOf(id)).toBeGreaterThanOrEqual(before)
      expect(queuedAtOf(id)).toBeLessThanOrEqual(after)
    }
  })

  it('fences an owner’s state change and application report by its token; a cancel without one applies', async () => {
    const store = newStore()
    const first = runningOnGw1()
    const second = runningOnGw1()
    await store.insertBatch(first)
    await store.insertBatch(second)
    const info = { appId: 'app-1' }
    expect(await store.updateApplication(first.id, { from: 'RUNNING', info, ownerToken: 'token-old' })).toBe(
      false,
    )
    expect(await store.updateApplication(first.id, { from: 'RUNNING', info, ownerToken: 'token-1' })).toBe(
      true,
    )
    const finish = { from: 'RUNNING', to: 'FINISHED', endTime: 9 } as const
    expect(await store.updateBatchState(first.id, { ...finish, ownerToken: 'token-old' })).toBe(false)
    expect(await store.getBatch(first.id)).toMatchObject({ state: 'RUNNING', endTime: null, appId: 'app-1' })
    expect(await store.updateBatchState(first.id, { ...finish, ownerToken: 'token-1' })).toBe(true)
    expect(await store.getBatch(first.id)).toMatchObject({ state: 'FINISHED', endTime: 9 })
    // A user's cancel carries no token: any instance may make it.
    expect(await store.updateBatchState(second.id, { from: 'RUNNING', to: 'CANCELED', endTime: 9 })).toBe(
      true,
    )
  })

  it('lists the queue by priority, then oldest queued, then id; owned batches only past their grace', async () => {
    const store = newStore()
    const now = sqliteNow()
    const low = queued({ priority: 1 })
    const [highOld, highNew] = [queued({ priority: 20 }), queued({ priority: 20 })]
    const [tieA, tieB] = [
      queued({ id: '00000000-0000-4000-8000-00000000000a', priority: 20 }),
      queued({ id: '00000000-0000-4000-8000-00000000000b', priority: 20 }),
    ]
    const ownedLongAgo = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1', priority: 5 })
    const ownedJustNow = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1', priority: 50 })
    const writtenBeforeLeases = sampleRecord({ ownerInstance: 'gw-0', ownerToken: null, priority: 5 })
    const running = queued({ state: 'RUNNING', startTime: 1, priority: 99 })
    for (const record of [
      low,
      highOld,
      highNew,
      tieA,
      tieB,
      ownedLongAgo,
      ownedJustNow,
      writtenBeforeLeases,
      running,
    ]) {
      await store.insertBatch(record)
    }
    setQueuedAt(low.id, now - 5 * HOUR)
    setQueuedAt(highOld.id, now - 3 * HOUR)
    setQueuedAt(highNew.id, now - HOUR)
    setQueuedAt(tieA.id, now - 2 * HOUR)
    setQueuedAt(tieB.id, now - 2 * HOUR)
    setQueuedAt(ownedLongAgo.id, now - 2 * HOUR)
    setQueuedAt(writtenBeforeLeases.id, now - 4 * HOUR)
    const ids = async (limit: number, unlaunchedGraceMs: number) =>
      (await store.queuedBatches({ limit, unlaunchedGraceMs })).map((batch) => batch.id)

    // Every queued one in claim order; an owned one only once past its grace.
    const queue = [highOld.id, tieA.id, tieB.id, highNew.id, writtenBeforeLeases.id, ownedLongAgo.id, low.id]
    expect(await ids(10, 90 * 60_000)).toEqual(queue)
    expect(await ids(10, 3 * HOUR)).toEqual(queue.filter((id) => id !== ownedLongAgo.id))
    expect(await ids(10, 0)).toEqual([ownedJustNow.id, ...queue])
    expect(await ids(2, 0)).toEqual([ownedJustNow.id, highOld.id])
    expect(await ids(0, 0)).toEqual([])
  })

  it('lets exactly one of 8 instances claim a queued batch at once; the claim sets state, start and owner', async () => {
    const waiting = queued()
    await newStore().insertBatch(waiting)
    const claimers = Array.from({ length: 8 }, () => newStore())
    await Promise.all(claimers.map((store) => store.open()))
    const answers = await Promise.all(
      claimers.map((store, i) =>
        store.claimBatch(waiting.id, {
          expectedOwnerToken: null,
          owner: { instanceId: `gw-${i}`, token: `token-${i}` },
          startTime: 100 + i,
        }),
      ),
    )
    expect(answers.filter(Boolean)).toHaveLength(1)
    const winner = answers.indexOf(true)
    expect(await newStore().getBatch(waiting.id)).toEqual({
      ...waiting,
      state: 'RUNNING',
      startTime: 100 + winner,
      ownerInstance: `gw-${winner}`,
      ownerToken: `token-${winner}`,
    })
  })

  it('claims an owned batch only under its owner’s token, and never one that is not PENDING', async () => {
    const store = newStore()
    const owned = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1' })
    await store.insertBatch(owned)
    const owner = { instanceId: 'gw-2', token: 'token-2' }
    expect(await store.claimBatch(owned.id, { expectedOwnerToken: null, owner, startTime: 5 })).toBe(false)
    expect(await store.claimBatch(owned.id, { expectedOwnerToken: 'token-9', owner, startTime: 5 })).toBe(
      false,
    )
    expect(await store.claimBatch(owned.id, { expectedOwnerToken: 'token-1', owner, startTime: 5 })).toBe(
      true,
    )
    expect(await store.claimBatch(owned.id, { expectedOwnerToken: 'token-2', owner, startTime: 6 })).toBe(
      false,
    )
    expect(await store.getBatch(owned.id)).toMatchObject({
      state: 'RUNNING',
      startTime: 5,
      ownerToken: 'token-2',
    })
  })

  it('transfers a batch only from its owner and token in the given states; back to the queue keeps queued_at', async () => {
    const store = newStore()
    const pending = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1' })
    const legacy = sampleRecord({ ownerInstance: 'gw-1', ownerToken: null, state: 'RUNNING', startTime: 1 })
    await store.insertBatch(pending)
    await store.insertBatch(legacy)
    setQueuedAt(pending.id, 1234)
    const from = { fromInstance: 'gw-1', fromToken: 'token-1' }
    const adopter = { instanceId: 'gw-2', token: 'token-2' }
    expect(await store.transferBatch(pending.id, { ...from, to: adopter, states: [] })).toBe(false)
    expect(await store.transferBatch(pending.id, { ...from, to: adopter, states: ['RUNNING'] })).toBe(false)
    expect(
      await store.transferBatch(pending.id, { ...from, fromToken: 'token-0', to: null, states: ['PENDING'] }),
    ).toBe(false)
    expect(
      await store.transferBatch(pending.id, {
        ...from,
        fromInstance: 'gw-1 ',
        to: null,
        states: ['PENDING'],
      }),
    ).toBe(false)
    expect(
      await store.transferBatch(pending.id, { ...from, fromToken: null, to: null, states: ['PENDING'] }),
    ).toBe(false)
    expect(await store.transferBatch(pending.id, { ...from, to: null, states: ['PENDING'] })).toBe(true)
    expect(await store.getBatch(pending.id)).toEqual({ ...pending, ownerInstance: null, ownerToken: null })
    expect(queuedAtOf(pending.id)).toBe(1234)
    expect((await store.queuedBatches({ limit: 10, unlaunchedGraceMs: HOUR })).map((b) => b.id)).toEqual([
      pending.id,
    ])
    // A batch written before leases existed has an owner without a token.
    expect(await store.transferBatch(legacy.id, { ...from, to: adopter, states: ['RUNNING'] })).toBe(false)
    expect(
      await store.transferBatch(legacy.id, {
        ...from,
        fromToken: null,
        to: adopter,
        states: ['PENDING', 'RUNNING'],
      }),
    ).toBe(true)
    expect(await store.getBatch(legacy.id)).toMatchObject({
      state: 'RUNNING',
      ownerInstance: 'gw-2',
      ownerToken: 'token-2',
    })
  })

  it('lists batches by owning instance and by lease token, and counts each lease’s RUNNING ones', async () => {
    const store = newStore()
    const records = [
      sampleRecord({
        ownerInstance: 'gw-1',
        ownerToken: 'token-1',
        state: 'RUNNING',
        startTime: 1,
        createTime: 1,
      }),
      sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1', createTime: 2 }),
      sampleRecord({
        ownerInstance: 'gw-1',
        ownerToken: 'token-0',
        state: 'RUNNING',
        startTime: 1,
        createTime: 3,
      }),
      sampleRecord({
        ownerInstance: 'gw-2',
        ownerToken: 'token-2',
        state: 'RUNNING',
        startTime: 1,
        createTime: 4,
      }),
      sampleRecord({
        ownerInstance: 'gw-2',
        ownerToken: 'token-2',
        state: 'FINISHED',
        startTime: 1,
        endTime: 2,
        createTime: 5,
      }),
    ]
    for (const record of records) await store.insertBatch(record)
    const [r0, r1, r2, r3] = records.map((record) => record.id)
    const ids = async (query: Parameters<DefaultsOnlyStore['listBatches']>[0]) =>
      (await store.listBatches(query)).map((batch) => batch.id)
    expect(await ids({ ownerInstance: 'gw-1', limit: 10 })).toEqual([r2, r1, r0])
    expect(await ids({ ownerToken: 'token-1', states: ['PENDING', 'RUNNING'], limit: 10 })).toEqual([r1, r0])
    expect(
      await ids({ ownerInstance: 'gw-2', ownerToken: 'token-2', states: ['RUNNING'], limit: 10 }),
    ).toEqual([r3])
    await store.acquireLease({ instanceId: 'gw-1', token: 'token-1' }, HOUR)
    await store.acquireLease({ instanceId: 'gw-2', token: 'token-2' }, HOUR)
    await store.acquireLease({ instanceId: 'gw-3', token: 'token-3' }, HOUR)
    const listing = await store.listLeases()
    expect(listing.leases.map((lease) => [lease.token, lease.running])).toEqual([
      ['token-1', 1],
      ['token-2', 1],
      ['token-3', 0],
    ])
  })

  it('answers an acquire retried on its own token with the lease stored; refuses another instance’s token', async () => {
    const store = newStore()
    const owner = { instanceId: 'gw-1', token: 'token-1' }
    const grant = await store.acquireLease(owner, HOUR)
    expect(await store.acquireLease(owner, HOUR)).toEqual(grant)
    await expect(store.acquireLease({ instanceId: 'gw-2', token: 'token-1' }, HOUR)).rejects.toMatchObject({
      code: 'METASTORE_UNAVAILABLE',
    })
  })

  it('drops an expired lease only once it owns no PENDING or RUNNING batch', async () => {
    const store = newStore()
    const owner = { instanceId: 'gw-1', token: 'token-1' }
    const owned = runningOnGw1()
    await store.insertBatch(owned)
    await store.acquireLease(owner, 0)
    expect(await store.dropLease('token-1')).toBe(false)
    expect(
      await store.updateBatchState(owned.id, {
        from: 'RUNNING',
        to: 'ERROR',
        endTime: 2,
        ownerToken: 'token-1',
      }),
    ).toBe(true)
    expect(await store.dropLease('token-1')).toBe(true)
    expect(await store.dropLease('token-1')).toBe(false)
    // The ended batch keeps its owner, for display.
    expect(await store.getBatch(owned.id)).toMatchObject({ ownerInstance: 'gw-1', ownerToken: 'token-1' })
  })
})
