import type {
  BatchClaim,
  BatchOwner,
  BatchTransfer,
  CoordinatedMetadataStore,
  LeaseGrant,
  LeaseListing,
  ListedBatch,
  QueueQuery,
} from '@batchgate/core/store'
import { DelegatingStore } from './delegating-store.js'

/**
 * A {@link DelegatingStore} over a store with the coordination port, passing the port's calls on too:
 * the base of fault injectors and contract breakers that keep a store coordinated (a plain
 * `DelegatingStore` hides the port, so an engine over it runs without leases).
 *
 * @example
 * ```ts
 * class SlowClaims extends DelegatingCoordinatedStore {
 *   override async claimBatch(id: string, claim: BatchClaim) { await sleep(50); return super.claimBatch(id, claim) }
 * }
 * ```
 */
export class DelegatingCoordinatedStore extends DelegatingStore implements CoordinatedMetadataStore {
  constructor(protected readonly coordinated: CoordinatedMetadataStore) {
    super(coordinated)
  }
  acquireLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant> {
    return this.coordinated.acquireLease(owner, durationMs)
  }
  renewLease(owner: BatchOwner, durationMs: number): Promise<LeaseGrant | undefined> {
    return this.coordinated.renewLease(owner, durationMs)
  }
  releaseLease(owner: BatchOwner): Promise<void> {
    return this.coordinated.releaseLease(owner)
  }
  listLeases(): Promise<LeaseListing> {
    return this.coordinated.listLeases()
  }
  dropLease(token: string): Promise<boolean> {
    return this.coordinated.dropLease(token)
  }
  queuedBatches(query: QueueQuery): Promise<ListedBatch[]> {
    return this.coordinated.queuedBatches(query)
  }
  claimBatch(id: string, claim: BatchClaim): Promise<boolean> {
    return this.coordinated.claimBatch(id, claim)
  }
  transferBatch(id: string, transfer: BatchTransfer): Promise<boolean> {
    return this.coordinated.transferBatch(id, transfer)
  }
}
