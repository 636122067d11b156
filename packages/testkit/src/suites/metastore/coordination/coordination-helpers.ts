import {
  isCoordinatedStore,
  isUnreadableBatch,
  type BatchOwner,
  type CoordinatedMetadataStore,
  type InstanceLease,
  type ListedBatch,
} from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { CaseContext } from '../../conformance-case.js'
import { withStores } from '../store-helpers.js'

/**
 * How far the database's clock may be from this process's `Date.now()`. The suite's databases run on
 * the test machine, so both read the same wall clock; the bound only absorbs the time a statement takes
 * on a loaded machine. A store that puts the caller's (skewed) clock in lease times is far outside it.
 */
export const CLOCK_TOLERANCE_MS = 10_000

/** How many rounds the concurrency cases play, and how many contenders each round. */
export const ROUNDS = 5
export const CONTENDERS = 8

/** How long a case polls for something the database's clock brings (a short lease's expiry). */
export const POLL_LIMIT_MS = 15_000

/**
 * Opens `count` store instances on the fixture's database, as {@link withStores} does, for a case of
 * the `coordination` group. A store without the coordination port makes the case **not applicable**:
 * it is reported as skipped with that reason under vitest (and throws the reason when a case is run
 * directly), never passed silently.
 */
export async function withCoordinatedStores<T>(
  fixture: StoreFixture,
  count: number,
  context: CaseContext | undefined,
  use: (stores: CoordinatedMetadataStore[]) => Promise<T>,
): Promise<T> {
  return withStores(fixture, count, async (stores) => {
    const coordinated = stores.filter(isCoordinatedStore)
    if (coordinated.length !== stores.length) {
      const reason = `not applicable: ${fixture.description ?? 'the store'} does not implement CoordinatedMetadataStore (isCoordinatedStore is false), so it runs without leases, adoption and the launch queue`
      if (context !== undefined) context.skip(reason)
      throw new Error(reason)
    }
    return use(coordinated)
  })
}

/** One opened coordinated store instance for `use` (see {@link withCoordinatedStores}). */
export async function withCoordinatedStore<T>(
  fixture: StoreFixture,
  context: CaseContext | undefined,
  use: (store: CoordinatedMetadataStore) => Promise<T>,
): Promise<T> {
  return withCoordinatedStores(fixture, 1, context, async ([store]) => {
    if (store === undefined) throw new Error('one store was opened')
    return use(store)
  })
}

/** Two opened instances on one database, as two gateway instances would have. */
export async function withTwoStores<T>(
  fixture: StoreFixture,
  context: CaseContext | undefined,
  use: (first: CoordinatedMetadataStore, second: CoordinatedMetadataStore) => Promise<T>,
): Promise<T> {
  return withCoordinatedStores(fixture, 2, context, async ([first, second]) => {
    if (first === undefined || second === undefined) throw new Error('two stores were opened')
    return use(first, second)
  })
}

/** A new owner: an instance id and a fresh lease token, as an engine start makes. */
export function newOwner(instanceId: string): BatchOwner {
  return { instanceId, token: randomUUID() }
}

/** The ids of a listing, in its order. */
export function idsOf(batches: readonly ListedBatch[]): string[] {
  return batches.map((batch) => batch.id)
}

/** The decoded batches of a listing (a row the store could not decode fails the case). */
export function readable(batches: readonly ListedBatch[]): ListedBatch[] {
  const unreadable = batches.filter(isUnreadableBatch)
  if (unreadable.length > 0) throw new Error(`unreadable rows: ${JSON.stringify(unreadable)}`)
  return [...batches]
}

/** The lease row of `token` as `listLeases` reads it now (with the database's time), or undefined. */
export async function leaseOf(
  store: CoordinatedMetadataStore,
  token: string,
): Promise<{ lease: InstanceLease | undefined; databaseNow: number }> {
  const listing = await store.listLeases()
  return { lease: listing.leases.find((lease) => lease.token === token), databaseNow: listing.databaseNow }
}

/**
 * Waits until the database's clock (as `listLeases` reads it) has passed the time it reads now, so
 * that a row inserted afterwards is queued strictly later than one inserted before. The queue's order
 * is the database's insert time; without this, two inserts in one millisecond would tie.
 */
export async function nextDatabaseMillisecond(store: CoordinatedMetadataStore): Promise<void> {
  const start = (await store.listLeases()).databaseNow
  const deadline = Date.now() + POLL_LIMIT_MS
  while ((await store.listLeases()).databaseNow <= start) {
    if (Date.now() > deadline)
      throw new Error(`the database's clock stayed at ${start} for ${POLL_LIMIT_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

/**
 * Polls `probe` until it answers a value `done` accepts, within {@link POLL_LIMIT_MS}; answers that
 * value. For what the database's clock brings about, never to assert how long it took.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + POLL_LIMIT_MS
  for (;;) {
    const value = await probe()
    if (done(value)) return value
    if (Date.now() > deadline) {
      throw new Error(`${what} not seen within ${POLL_LIMIT_MS} ms; last: ${JSON.stringify(value)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Sorted copies, to compare sets of ids. */
export function sorted(ids: readonly string[]): string[] {
  return [...ids].sort()
}
