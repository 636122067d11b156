import type { BatchOwner, BatchRecord, InstanceLease } from '@batchgate/core/store'
import { expect } from 'vitest'
import { sampleRecord } from '../../../harness/fixtures.js'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import {
  CLOCK_TOLERANCE_MS,
  leaseOf,
  newOwner,
  pollUntil,
  withCoordinatedStore,
  withTwoStores,
} from './coordination-helpers.js'

type Case = ConformanceCase<StoreFixture>

/** A lease long enough never to expire during a case. */
const LONG_MS = 600_000
/** A lease short enough to expire while a case waits. */
const SHORT_MS = 400

/**
 * Asserts `time` is a database time read between `before` and `after` (this process's clock, which the
 * test machine's database shares), with {@link CLOCK_TOLERANCE_MS} either side.
 */
function expectDatabaseTime(time: number, before: number, after: number, what: string): void {
  expect(Number.isSafeInteger(time), `${what} (${time}) is an integer of epoch milliseconds`).toBe(true)
  expect(time, `${what}: a database time near this machine's clock`).toBeGreaterThanOrEqual(
    before - CLOCK_TOLERANCE_MS,
  )
  expect(time, `${what}: a database time near this machine's clock`).toBeLessThanOrEqual(
    after + CLOCK_TOLERANCE_MS,
  )
}

/** A batch in `state` owned by `owner`, with the times that state has. */
function owned(
  owner: BatchOwner,
  state: 'PENDING' | 'RUNNING' | 'FINISHED' | 'ERROR' | 'CANCELED',
): BatchRecord {
  return sampleRecord({
    state,
    startTime: state === 'PENDING' ? null : 1,
    endTime: state === 'PENDING' || state === 'RUNNING' ? null : 2,
    ownerInstance: owner.instanceId,
    ownerToken: owner.token,
  })
}

/** `expired` must say what the times say, in every listing. */
function expectConsistent(lease: InstanceLease, databaseNow: number): void {
  expect(lease.expired, `expired of ${JSON.stringify(lease)} at database time ${databaseNow}`).toBe(
    lease.expiresAt <= databaseNow,
  )
}

export const leaseCases: readonly Case[] = [
  {
    group: 'coordination',
    name: 'a lease is granted in database time, listed live with running 0 by every instance, and renewed further',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      await withTwoStores(fixture, context, async (holder, other) => {
        const before = Date.now()
        const grant = await holder.acquireLease(owner, LONG_MS)
        const after = Date.now()
        expectDatabaseTime(grant.databaseNow, before, after, 'databaseNow of the grant')
        expectDatabaseTime(grant.expiresAt - LONG_MS, before, after, 'expiresAt − durationMs of the grant')
        expect(
          Math.abs(grant.expiresAt - grant.databaseNow - LONG_MS),
          'expiresAt ≈ databaseNow + durationMs',
        ).toBeLessThanOrEqual(CLOCK_TOLERANCE_MS)

        const seen = await leaseOf(other, owner.token)
        expectDatabaseTime(seen.databaseNow, before, Date.now(), 'databaseNow of listLeases')
        expect(seen.lease).toEqual({
          instanceId: owner.instanceId,
          token: owner.token,
          acquiredAt: seen.lease?.acquiredAt,
          expiresAt: grant.expiresAt,
          expired: false,
          running: 0,
        })
        expectDatabaseTime(seen.lease?.acquiredAt ?? NaN, before, after, 'acquiredAt')

        const renewed = await holder.renewLease(owner, 2 * LONG_MS)
        expect(renewed, 'a live lease is renewed').toBeDefined()
        if (renewed === undefined) return
        expectDatabaseTime(renewed.databaseNow, before, Date.now(), 'databaseNow of the renewal')
        expect(renewed.expiresAt, 'the renewal extends the lease').toBeGreaterThan(grant.expiresAt)
        expect(Math.abs(renewed.expiresAt - renewed.databaseNow - 2 * LONG_MS)).toBeLessThanOrEqual(
          CLOCK_TOLERANCE_MS,
        )
        const after2 = await leaseOf(other, owner.token)
        expect(after2.lease).toMatchObject({
          acquiredAt: seen.lease?.acquiredAt,
          expiresAt: renewed.expiresAt,
          expired: false,
        })
      })
    },
  },
  {
    group: 'coordination',
    name: 'renewLease answers undefined for a token that has no lease, and creates none',
    run: async (fixture, context) => {
      await withCoordinatedStore(fixture, context, async (store) => {
        const stranger = newOwner('gw-x')
        expect(await store.renewLease(stranger, LONG_MS)).toBeUndefined()
        expect((await store.listLeases()).leases).toEqual([])
      })
    },
  },
  {
    group: 'coordination',
    name: "a short lease expires by the database's clock, and once expired renewLease answers undefined forever",
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const bystander = newOwner('gw-b')
      await withTwoStores(fixture, context, async (holder, other) => {
        const before = Date.now()
        const grant = await holder.acquireLease(owner, SHORT_MS)
        await holder.acquireLease(bystander, LONG_MS)
        const expired = await pollUntil(
          async () => {
            const seen = await leaseOf(other, owner.token)
            // A listing in another clock (the caller's, say) may never show the lease expired: fail
            // at the first one rather than at the end of the poll.
            expectDatabaseTime(seen.databaseNow, before, Date.now(), 'databaseNow of listLeases')
            if (seen.lease !== undefined) expectConsistent(seen.lease, seen.databaseNow)
            return seen
          },
          (seen) => seen.lease?.expired === true,
          `the ${SHORT_MS} ms lease expired in listLeases`,
        )
        expect(expired.lease?.expiresAt, 'expiry did not move on its own').toBe(grant.expiresAt)
        expect(expired.databaseNow).toBeGreaterThanOrEqual(grant.expiresAt)
        for (let attempt = 0; attempt < 3; attempt++) {
          expect(
            await holder.renewLease(owner, LONG_MS),
            `renewal ${attempt + 1} after expiry`,
          ).toBeUndefined()
          expect(
            await other.renewLease(owner, LONG_MS),
            `renewal ${attempt + 1} from another instance`,
          ).toBeUndefined()
        }
        const later = await leaseOf(other, owner.token)
        expect(later.lease, 'an expired lease stays expired, with its expiry').toMatchObject({
          expiresAt: grant.expiresAt,
          expired: true,
        })
        expect((await leaseOf(other, bystander.token)).lease?.expired, 'another lease is untouched').toBe(
          false,
        )
      })
    },
  },
  {
    group: 'coordination',
    name: 'releaseLease expires a lease at once (database time), leaves the others live, and is idempotent',
    run: async (fixture, context) => {
      const owner = newOwner('gw-a')
      const bystander = newOwner('gw-b')
      await withTwoStores(fixture, context, async (holder, other) => {
        const grant = await holder.acquireLease(owner, LONG_MS)
        await other.acquireLease(bystander, LONG_MS)
        const before = Date.now()
        await holder.releaseLease(owner)
        const after = Date.now()
        const released = await leaseOf(other, owner.token)
        expect(released.lease?.expired, 'released: expired at once').toBe(true)
        const expiresAt = released.lease?.expiresAt ?? NaN
        expect(expiresAt).toBeLessThan(grant.expiresAt)
        expect(expiresAt).toBeLessThanOrEqual(released.databaseNow)
        expectDatabaseTime(expiresAt, before, after, 'expiresAt of a released lease')
        expect(await holder.renewLease(owner, LONG_MS), 'a released lease is never renewed').toBeUndefined()

        await holder.releaseLease(owner)
        await other.releaseLease(owner)
        await other.releaseLease(newOwner('gw-x'))
        const listing = await other.listLeases()
        expect(listing.leases.map((lease) => lease.token).sort()).toEqual(
          [owner.token, bystander.token].sort(),
        )
        expect(listing.leases.find((lease) => lease.token === owner.token)).toMatchObject({
          expiresAt,
          expired: true,
        })
        expect(listing.leases.find((lease) => lease.token === bystander.token)?.expired).toBe(false)
      })
    },
  },
  {
    group: 'coordination',
    name: "running counts the RUNNING batches of the lease's own token only",
    run: async (fixture, context) => {
      const a = newOwner('gw-a')
      const aBefore = newOwner('gw-a')
      const b = newOwner('gw-b')
      const aRunning = [owned(a, 'RUNNING'), owned(a, 'RUNNING'), owned(a, 'RUNNING')]
      const records = [
        ...aRunning,
        owned(a, 'PENDING'),
        owned(a, 'FINISHED'),
        owned(a, 'ERROR'),
        owned(b, 'RUNNING'),
        owned(aBefore, 'RUNNING'),
        // The same instance without a token (written before leases): not this lease's.
        sampleRecord({ state: 'RUNNING', startTime: 1, ownerInstance: a.instanceId, ownerToken: null }),
      ]
      await withTwoStores(fixture, context, async (writer, reader) => {
        await writer.acquireLease(a, LONG_MS)
        await writer.acquireLease(b, LONG_MS)
        for (const record of records) await writer.insertBatch(record)
        const running = async () =>
          Object.fromEntries((await reader.listLeases()).leases.map((lease) => [lease.token, lease.running]))
        expect(await running()).toEqual({ [a.token]: 3, [b.token]: 1 })
        const [first] = aRunning
        if (first === undefined) throw new Error('three running batches')
        expect(await writer.updateBatchState(first.id, { from: 'RUNNING', to: 'FINISHED', endTime: 3 })).toBe(
          true,
        )
        expect(await running()).toEqual({ [a.token]: 2, [b.token]: 1 })
      })
    },
  },
  {
    group: 'coordination',
    name: 'dropLease refuses a live lease and an expired one still owning a PENDING or RUNNING batch, and deletes an expired one that owns nothing unfinished',
    run: async (fixture, context) => {
      const live = newOwner('gw-live')
      const withPending = newOwner('gw-p')
      const withRunning = newOwner('gw-r')
      const done = newOwner('gw-done')
      const empty = newOwner('gw-empty')
      const pending = owned(withPending, 'PENDING')
      const records = [
        owned(live, 'RUNNING'),
        pending,
        owned(withRunning, 'RUNNING'),
        owned(withRunning, 'FINISHED'),
        owned(done, 'FINISHED'),
        owned(done, 'ERROR'),
        owned(done, 'CANCELED'),
      ]
      await withTwoStores(fixture, context, async (first, second) => {
        for (const owner of [live, withPending, withRunning, done, empty])
          await first.acquireLease(owner, LONG_MS)
        for (const record of records) await first.insertBatch(record)
        for (const owner of [withPending, withRunning, done, empty]) await first.releaseLease(owner)
        const tokens = async () => (await second.listLeases()).leases.map((lease) => lease.token).sort()
        const all = [live, withPending, withRunning, done, empty].map((owner) => owner.token)

        expect(await second.dropLease(live.token), 'a live lease').toBe(false)
        expect(await second.dropLease(withPending.token), 'an expired lease owning a PENDING batch').toBe(
          false,
        )
        expect(await second.dropLease(withRunning.token), 'an expired lease owning a RUNNING batch').toBe(
          false,
        )
        expect(await tokens()).toEqual([...all].sort())

        expect(await second.dropLease(done.token), 'an expired lease owning only ended batches').toBe(true)
        expect(await first.dropLease(empty.token), 'an expired lease owning nothing').toBe(true)
        expect(await tokens()).toEqual([live.token, withPending.token, withRunning.token].sort())
        expect(await second.dropLease(done.token), 'a lease already dropped').toBe(false)
        expect(await second.dropLease(newOwner('gw-x').token), 'a token that never had a lease').toBe(false)

        // Once its PENDING batch has ended (a user's cancel), the expired lease owns nothing unfinished.
        expect(
          await first.updateBatchState(pending.id, { from: 'PENDING', to: 'CANCELED', endTime: 9 }),
        ).toBe(true)
        expect(await second.dropLease(withPending.token)).toBe(true)
        expect(await tokens()).toEqual([live.token, withRunning.token].sort())
      })
      // Dropping a lease deletes no batch.
      expect((await fixture.rawBatches()).map((row) => row.id).sort()).toEqual(
        records.map((r) => r.id).sort(),
      )
    },
  },
]
