import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sqliteStore, type SqliteMetadataStore } from '@batchgate/store-sqlite'
import { sampleRecord } from '@batchgate/testkit'
import { tempDatabasePath } from './helpers/temp-database.js'

const HOUR = 3_600_000

/** SQLite's clock in epoch ms, read on a connection of the test's own. */
function sqliteNow(filename: string): number {
  const database = new Database(filename, { readonly: true })
  try {
    const row = database
      .prepare("select cast((julianday('now') - 2440587.5) * 86400000 as integer) as now")
      .get() as { now: number }
    return row.now
  } finally {
    database.close()
  }
}

/** Runs `call` with this process's `Date` (the caller's clock) moved by `skewMs`. */
async function withCallerClock<T>(skewMs: number, call: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() + skewMs)
  try {
    return await call()
  } finally {
    vi.useRealTimers()
  }
}

describe('leases and the launch queue run on the database clock, never the caller’s', () => {
  const stores: SqliteMetadataStore[] = []
  afterEach(async () => {
    vi.useRealTimers()
    await Promise.all(stores.splice(0).map((store) => store.close()))
  })

  /** Two stores on one file: two instances sharing a metastore. */
  async function twoInstances(): Promise<[string, SqliteMetadataStore, SqliteMetadataStore]> {
    const filename = tempDatabasePath()
    const first = sqliteStore({ filename })
    const second = sqliteStore({ filename })
    stores.push(first, second)
    await first.open()
    await second.open()
    return [filename, first, second]
  }

  it('grants and lists a lease by the database’s time, however far the callers’ clocks are off', async () => {
    const [filename, first, second] = await twoInstances()
    const owner = { instanceId: 'gw-1', token: 'token-1' }
    const before = sqliteNow(filename)
    const grant = await withCallerClock(2 * HOUR, () => first.acquireLease(owner, 60_000))
    const after = sqliteNow(filename)
    expect(grant.databaseNow).toBeGreaterThanOrEqual(before)
    expect(grant.databaseNow).toBeLessThanOrEqual(after)
    expect(grant.expiresAt).toBe(grant.databaseNow + 60_000)

    // An instance whose clock is two hours behind, or ahead, sees the same live lease.
    for (const skew of [-2 * HOUR, 2 * HOUR]) {
      const listing = await withCallerClock(skew, () => second.listLeases())
      expect(listing.databaseNow).toBeGreaterThanOrEqual(after)
      expect(listing.databaseNow).toBeLessThanOrEqual(sqliteNow(filename))
      expect(listing.leases).toEqual([
        {
          instanceId: 'gw-1',
          token: 'token-1',
          acquiredAt: grant.databaseNow,
          expiresAt: grant.expiresAt,
          expired: false,
          running: 0,
        },
      ])
    }
    const renewed = await withCallerClock(-2 * HOUR, () => first.renewLease(owner, 60_000))
    expect(renewed?.databaseNow).toBeGreaterThanOrEqual(grant.databaseNow)
    expect(renewed?.expiresAt).toBe((renewed?.databaseNow ?? 0) + 60_000)
  })

  it('two instances agree when a lease has expired, and an expired lease is never renewed', async () => {
    const [, first, second] = await twoInstances()
    const owner = { instanceId: 'gw-1', token: 'token-1' }
    await first.acquireLease(owner, 300)
    // Wait for the database's clock (not the test's) to pass the expiry, as the other instance sees it.
    await vi.waitFor(
      async () => {
        const listing = await second.listLeases()
        expect(listing.leases).toMatchObject([{ token: 'token-1', expired: true }])
      },
      { timeout: 10_000, interval: 50 },
    )
    // The owner's clock says the lease has an hour left: the database says it is gone.
    expect(await withCallerClock(-HOUR, () => first.renewLease(owner, 60_000))).toBeUndefined()
    const listing = await first.listLeases()
    expect(listing.leases).toMatchObject([{ token: 'token-1', expired: true }])
    const [lease] = listing.leases
    expect(lease?.expiresAt).toBeLessThanOrEqual(listing.databaseNow)
  })

  it('a released lease is expired at once for every instance; only then can it be dropped', async () => {
    const [, first, second] = await twoInstances()
    const owner = { instanceId: 'gw-1', token: 'token-1' }
    await first.acquireLease(owner, HOUR)
    expect(await second.dropLease('token-1')).toBe(false)
    await first.releaseLease(owner)
    await first.releaseLease(owner)
    expect((await second.listLeases()).leases).toMatchObject([{ token: 'token-1', expired: true }])
    expect(await first.renewLease(owner, HOUR)).toBeUndefined()
    expect(await second.dropLease('token-1')).toBe(true)
    expect((await first.listLeases()).leases).toEqual([])
  })

  it('stamps queued_at with the database’s time and judges the unlaunched grace by it', async () => {
    const [filename, first, second] = await twoInstances()
    const owned = sampleRecord({ ownerInstance: 'gw-1', ownerToken: 'token-1' })
    const before = sqliteNow(filename)
    await withCallerClock(-2 * HOUR, () => first.insertBatch(owned))
    const after = sqliteNow(filename)
    const raw = new Database(filename, { readonly: true })
    try {
      const { queued_at: queuedAt } = raw
        .prepare('select queued_at from batchgate_batch where id = ?')
        .get(owned.id) as { queued_at: number }
      expect(queuedAt).toBeGreaterThanOrEqual(before)
      expect(queuedAt).toBeLessThanOrEqual(after)
    } finally {
      raw.close()
    }
    // A caller whose clock runs two hours ahead does not take the batch from its owner within the grace.
    const queue = (graceMs: number) =>
      withCallerClock(2 * HOUR, () => second.queuedBatches({ limit: 10, unlaunchedGraceMs: graceMs }))
    expect(await queue(HOUR)).toEqual([])
    expect((await queue(0)).map((batch) => batch.id)).toEqual([owned.id])
  })
})
