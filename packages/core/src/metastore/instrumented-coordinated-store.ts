import { metastoreChannel } from '../diagnostics/metastore-channel.js'
import type {
  BatchClaim,
  BatchOwner,
  BatchTransfer,
  CoordinatedMetadataStore,
  LeaseGrant,
  LeaseListing,
  QueueQuery,
} from './coordination-store.js'
import { InstrumentedStore } from './instrumented-store.js'
import type { ListedBatch } from './unreadable-batch.js'

/** {@link InstrumentedStore} of a store with leases and the launch queue: those calls are traced too. */
export class InstrumentedCoordinatedStore extends InstrumentedStore implements CoordinatedMetadataStore {
  constructor(
    protected override readonly inner: CoordinatedMetadataStore,
    instanceId: string,
  ) {
    super(inner, instanceId)
  }

  acquireLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant> {
    if (!metastoreChannel.hasSubscribers) return this.inner.acquireLease(owner, durationMs)
    return this.traced('acquireLease', undefined, () => this.inner.acquireLease(owner, durationMs))
  }

  renewLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant | undefined> {
    if (!metastoreChannel.hasSubscribers) return this.inner.renewLease(owner, durationMs)
    return this.traced('renewLease', undefined, () => this.inner.renewLease(owner, durationMs))
  }

  releaseLease(owner: BatchOwner): Promise<void> {
    if (!metastoreChannel.hasSubscribers) return this.inner.releaseLease(owner)
    return this.traced('releaseLease', undefined, () => this.inner.releaseLease(owner))
  }

  listLeases(): Promise<LeaseListing> {
    if (!metastoreChannel.hasSubscribers) return this.inner.listLeases()
    return this.traced('listLeases', undefined, () => this.inner.listLeases())
  }

  dropLease(token: string): Promise<boolean> {
    if (!metastoreChannel.hasSubscribers) return this.inner.dropLease(token)
    return this.traced('dropLease', undefined, () => this.inner.dropLease(token))
  }

  queuedBatches(query: QueueQuery): Promise<ListedBatch[]> {
    if (!metastoreChannel.hasSubscribers) return this.inner.queuedBatches(query)
    return this.traced('queuedBatches', undefined, () => this.inner.queuedBatches(query))
  }

  claimBatch(id: string, claim: BatchClaim): Promise<boolean> {
    if (!metastoreChannel.hasSubscribers) return this.inner.claimBatch(id, claim)
    return this.traced('claimBatch', id, () => this.inner.claimBatch(id, claim))
  }

  transferBatch(id: string, transfer: BatchTransfer): Promise<boolean> {
    if (!metastoreChannel.hasSubscribers) return this.inner.transferBatch(id, transfer)
    return this.traced('transferBatch', id, () => this.inner.transferBatch(id, transfer))
  }
}
