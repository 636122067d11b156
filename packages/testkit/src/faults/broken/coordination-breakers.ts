import {
  isUnreadableBatch,
  type ApplicationUpdate,
  type BatchClaim,
  type BatchOwner,
  type BatchStateChange,
  type BatchTransfer,
  type CoordinatedMetadataStore,
  type LeaseGrant,
  type LeaseListing,
  type ListedBatch,
  type QueueQuery,
} from '@batchgate/core/store'
import { DelegatingCoordinatedStore } from '../delegating-coordinated-store.js'

/**
 * Drops the fencing token from state changes and application reports (`where id = ? and state = ?`
 * without `and owner_token = ?`): an instance whose batches were adopted still overwrites them.
 */
export class IgnoresFencingToken extends DelegatingCoordinatedStore {
  override updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const { ownerToken: _ignored, ...unfenced } = change
    return super.updateBatchState(id, unfenced)
  }
  override updateApplication(id: string, update: ApplicationUpdate): Promise<boolean> {
    const { ownerToken: _ignored, ...unfenced } = update
    return super.updateApplication(id, unfenced)
  }
}

/**
 * Claims by check-then-act: reads the batch, checks state and token in JavaScript, then writes the new
 * owner whatever happened since (as `update … where id = ?` would). One caller at a time sees every
 * answer right; two at once both answer true and the last write wins.
 */
export class ClaimCheckThenAct extends DelegatingCoordinatedStore {
  override async claimBatch(id: string, claim: BatchClaim): Promise<boolean> {
    const read = await super.getBatch(id)
    if (read?.state !== 'PENDING' || read.ownerToken !== claim.expectedOwnerToken) return false
    if (await super.claimBatch(id, claim)) return true
    // Another claim got in between the read and the write: the unconditional write overwrites it.
    return overwriteOwner(this.coordinated, id, claim.owner)
  }
}

/** Transfers by check-then-act, like {@link ClaimCheckThenAct}: concurrent transfers all "win". */
export class TransferCheckThenAct extends DelegatingCoordinatedStore {
  override async transferBatch(id: string, transfer: BatchTransfer): Promise<boolean> {
    const read = await super.getBatch(id)
    const matches =
      read !== undefined &&
      transfer.states.includes(read.state) &&
      read.ownerInstance === transfer.fromInstance &&
      read.ownerToken === transfer.fromToken
    if (!matches) return false
    if (await super.transferBatch(id, transfer)) return true
    return transfer.to === null ? false : overwriteOwner(this.coordinated, id, transfer.to)
  }
}

/** Sets the owner of `id` to `to` whoever owns it now: the write of a store that lost its compare. */
async function overwriteOwner(store: CoordinatedMetadataStore, id: string, to: BatchOwner): Promise<boolean> {
  const now = await store.getBatch(id)
  if (now?.ownerInstance == null) return false
  return store.transferBatch(id, {
    fromInstance: now.ownerInstance,
    fromToken: now.ownerToken,
    to,
    states: [now.state],
  })
}

/**
 * Judges leases by the caller's clock, on a host whose clock is a minute behind: grants and listings
 * report that clock's time, `expired` compares with it, and a renewal applies while the lease looks
 * live to it (`where expires_at > :callerNow`) — so an expired lease comes back to life.
 */
export class LeaseByCallerClock extends DelegatingCoordinatedStore {
  static readonly SKEW_MS = -60_000

  #callerNow(): number {
    return Date.now() + LeaseByCallerClock.SKEW_MS
  }

  #grant(durationMs: number): LeaseGrant {
    const now = this.#callerNow()
    return { expiresAt: now + durationMs, databaseNow: now }
  }

  override async acquireLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant> {
    await super.acquireLease(owner, durationMs)
    return this.#grant(durationMs)
  }

  override async renewLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant | undefined> {
    if ((await super.renewLease(owner, durationMs)) !== undefined) return this.#grant(durationMs)
    const row = (await super.listLeases()).leases.find((lease) => lease.token === owner.token)
    return row !== undefined && row.expiresAt > this.#callerNow() ? this.#grant(durationMs) : undefined
  }

  override async listLeases(): Promise<LeaseListing> {
    const listing = await super.listLeases()
    const now = this.#callerNow()
    return {
      databaseNow: now,
      leases: listing.leases.map((lease) => ({ ...lease, expired: lease.expiresAt <= now })),
    }
  }
}

/** Lists owned PENDING batches in the queue at once, whatever `unlaunchedGraceMs` says. */
export class QueueIgnoresGrace extends DelegatingCoordinatedStore {
  override queuedBatches(query: QueueQuery): Promise<ListedBatch[]> {
    return super.queuedBatches({ ...query, unlaunchedGraceMs: 0 })
  }
}

/**
 * Orders the queue by the caller's `createTime` (then id) within a priority, not by when the database
 * queued each batch (`order by priority desc, create_time, id`).
 */
export class QueueByCreateTime extends DelegatingCoordinatedStore {
  override async queuedBatches(query: QueueQuery): Promise<ListedBatch[]> {
    const all = await super.queuedBatches({ ...query, limit: query.limit + 1_000 })
    const priority = (batch: ListedBatch) => (isUnreadableBatch(batch) ? 0 : batch.priority)
    return all
      .sort(
        (a, b) =>
          priority(b) - priority(a) ||
          a.createTime - b.createTime ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(0, query.limit)
  }
}

/** Counts a lease's unfinished batches (PENDING too) as `running`. */
export class RunningCountsPending extends DelegatingCoordinatedStore {
  override async listLeases(): Promise<LeaseListing> {
    const listing = await super.listLeases()
    const leases = await Promise.all(
      listing.leases.map(async (lease) => {
        const query = { ownerToken: lease.token, states: ['PENDING', 'RUNNING'], limit: 10_000 } as const
        return { ...lease, running: (await super.listBatches(query)).length }
      }),
    )
    return { ...listing, leases }
  }
}
