import { metastoreChannel } from '../diagnostics/metastore-channel.js'
import type { BatchQuery, PurgeQuery } from './batch-query.js'
import type { ApplicationUpdate, BatchRecord, BatchStateChange } from './batch-record.js'
import type { MetadataStore } from './metadata-store.js'
import { traceStoreCall } from './traced-store-call.js'
import type { ListedBatch } from './unreadable-batch.js'

/**
 * A {@link MetadataStore} that publishes each port call of `inner` on `batchgate:metastore`. With no
 * subscriber a call goes straight to `inner` (its own promise, no closure, no async layer). `open`,
 * `close` and `dbSystem` are forwarded untraced.
 */
export class InstrumentedStore implements MetadataStore {
  constructor(
    protected readonly inner: MetadataStore,
    protected readonly instanceId: string,
  ) {}

  get dbSystem(): string | undefined {
    return this.inner.dbSystem
  }

  open(): Promise<void> {
    return this.inner.open()
  }

  close(): Promise<void> {
    return this.inner.close()
  }

  insertBatch(record: BatchRecord): Promise<void> {
    if (!metastoreChannel.hasSubscribers) return this.inner.insertBatch(record)
    return this.traced('insertBatch', record.id, () => this.inner.insertBatch(record))
  }

  getBatch(id: string): Promise<BatchRecord | undefined> {
    if (!metastoreChannel.hasSubscribers) return this.inner.getBatch(id)
    return this.traced('getBatch', id, () => this.inner.getBatch(id))
  }

  updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    if (!metastoreChannel.hasSubscribers) return this.inner.updateBatchState(id, change)
    return this.traced('updateBatchState', id, () => this.inner.updateBatchState(id, change))
  }

  updateApplication(id: string, update: ApplicationUpdate): Promise<boolean> {
    if (!metastoreChannel.hasSubscribers) return this.inner.updateApplication(id, update)
    return this.traced('updateApplication', id, () => this.inner.updateApplication(id, update))
  }

  listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    if (!metastoreChannel.hasSubscribers) return this.inner.listBatches(query)
    return this.traced('listBatches', undefined, () => this.inner.listBatches(query))
  }

  purgeBatches(query: PurgeQuery): Promise<number> {
    if (!metastoreChannel.hasSubscribers) return this.inner.purgeBatches(query)
    return this.traced('purgeBatches', undefined, () => this.inner.purgeBatches(query))
  }

  /** One call on the channel (which has subscribers). */
  protected traced<T>(operation: string, batchId: string | undefined, call: () => Promise<T>): Promise<T> {
    const { instanceId, inner } = this
    // Read per call: a store may learn its database only once connected (MySQL or MariaDB).
    return traceStoreCall({ instanceId, operation, dbSystem: inner.dbSystem, batchId }, call)
  }
}
