import type { BatchState } from '../batch/batch-state.js'
import type { MetadataStore } from './metadata-store.js'
import type { ListedBatch } from './unreadable-batch.js'

/**
 * Who owns a batch: an engine instance and the token of its lease (random per engine start, and new
 * after a lost lease). Writes conditioned on the token are fenced: they fail once the batch has moved
 * to another owner.
 *
 * @example
 * ```ts
 * const owner: BatchOwner = { instanceId: 'gw-1', token: randomUUID() }
 * ```
 */
export interface BatchOwner {
  readonly instanceId: string
  readonly token: string
}

/**
 * A lease as the store granted or renewed it. Both times are the **database's** clock, in epoch
 * milliseconds, so that instances with skewed clocks agree on who is alive.
 */
export interface LeaseGrant {
  /** When the lease ends unless renewed (database clock). */
  readonly expiresAt: number
  /** The database's time when it granted or renewed the lease. */
  readonly databaseNow: number
}

/** One lease row, as {@link CoordinatedMetadataStore.listLeases} reads it. */
export interface InstanceLease {
  readonly instanceId: string
  readonly token: string
  /** When the lease was first acquired (database clock, epoch ms). */
  readonly acquiredAt: number
  /** When the lease ends unless renewed (database clock, epoch ms). */
  readonly expiresAt: number
  /** `expiresAt <= ` the database's now: nobody renews it any more; its batches may be adopted. */
  readonly expired: boolean
  /** How many RUNNING batches this token owns. */
  readonly running: number
}

/** What {@link CoordinatedMetadataStore.listLeases} returns: every lease row and the database's time. */
export interface LeaseListing {
  readonly databaseNow: number
  readonly leases: readonly InstanceLease[]
}

/**
 * A claim of a PENDING batch: PENDING → RUNNING with `startTime`, owned by `owner`, applied only while
 * the batch is PENDING and owned under `expectedOwnerToken` (`null`: queued, owned by nobody).
 */
export interface BatchClaim {
  readonly expectedOwnerToken: string | null
  readonly owner: BatchOwner
  readonly startTime: number
}

/**
 * A move of a batch's ownership, applied only while the batch is in one of `states` and owned by
 * `fromInstance` under `fromToken` (`null` matches a batch written before leases existed). `to: null`
 * puts a PENDING batch back in the launch queue (owned by nobody). The state is not changed.
 */
export interface BatchTransfer {
  readonly fromInstance: string
  readonly fromToken: string | null
  readonly to: BatchOwner | null
  readonly states: readonly BatchState[]
}

/** What {@link CoordinatedMetadataStore.queuedBatches} reads. */
export interface QueueQuery {
  /** At most this many batches. */
  readonly limit: number
  /**
   * A PENDING batch owned by an instance (its creator, about to launch it) is listed too once it has
   * waited this long since it was queued (database clock): its owner could not go on.
   */
  readonly unlaunchedGraceMs: number
}

/**
 * The metastore port with instance leases, ownership and the launch queue: what high availability
 * needs (leases, adoption of a lost instance's batches, fencing, `maxRunningBatches`). Every SQL store
 * of this repository implements it (through `@batchgate/sql-store`); a store that does not runs
 * without leases, adoption and the queue.
 *
 * Contract (the testkit's conformance suite checks it):
 * - Lease times are the database's clock, never the caller's: `expired` means `expiresAt <=` the
 *   database's now when the statement ran.
 * - `insertBatch` stores `ownerInstance`, `ownerToken` and `priority` as given, and records when the
 *   batch was queued by the database's clock (for `unlaunchedGraceMs` and the queue's order).
 * - `updateBatchState` and `updateApplication` with an `ownerToken` apply only while the stored
 *   `ownerToken` equals it.
 * - Every compare-and-set is atomic across connections and processes: of two concurrent claims or
 *   transfers of one batch, at most one answers true.
 *
 * @example
 * ```ts
 * if (isCoordinatedStore(store)) await store.acquireLease(owner, 30_000)
 * ```
 */
export interface CoordinatedMetadataStore extends MetadataStore {
  /** Writes a new lease row for `owner.token`, expiring `durationMs` after the database's now. */
  acquireLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant>
  /**
   * Extends the lease to the database's now + `durationMs`, only while it has not expired;
   * `undefined` when it has (or its row is gone): the lease is lost and must not be renewed.
   */
  renewLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant | undefined>
  /** Ends the lease now (expires it at the database's now), if it is still live; idempotent. */
  releaseLease(owner: BatchOwner): Promise<void>
  /** Every lease row, with its state judged by the database's clock and its RUNNING count. */
  listLeases(): Promise<LeaseListing>
  /**
   * Deletes the lease row of `token` if it has expired and owns no PENDING or RUNNING batch;
   * resolves whether it did.
   */
  dropLease(token: string): Promise<boolean>
  /**
   * The launch queue, in claim order (priority descending, then oldest queued first, then id): PENDING
   * batches owned by nobody, and PENDING batches owned by an instance that were queued at least
   * `unlaunchedGraceMs` ago (database clock). Served by an index.
   */
  queuedBatches(query: QueueQuery): Promise<ListedBatch[]>
  /** The compare-and-set of a claim (see {@link BatchClaim}); whether this call claimed the batch. */
  claimBatch(id: string, claim: BatchClaim): Promise<boolean>
  /** The compare-and-set of an ownership move (see {@link BatchTransfer}); whether this call moved it. */
  transferBatch(id: string, transfer: BatchTransfer): Promise<boolean>
}

const COORDINATION_METHODS = [
  'acquireLease',
  'renewLease',
  'releaseLease',
  'listLeases',
  'dropLease',
  'queuedBatches',
  'claimBatch',
  'transferBatch',
] as const

/**
 * Whether the store implements {@link CoordinatedMetadataStore} (every one of its methods).
 *
 * @example
 * ```ts
 * if (!isCoordinatedStore(store)) console.warn('no leases: batches of a lost instance wait for it')
 * ```
 */
export function isCoordinatedStore(store: MetadataStore): store is CoordinatedMetadataStore {
  const methods = store as unknown as Record<string, unknown>
  return COORDINATION_METHODS.every((name) => typeof methods[name] === 'function')
}
