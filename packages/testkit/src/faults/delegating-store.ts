import type {
  ApplicationUpdate,
  BatchQuery,
  BatchRecord,
  BatchStateChange,
  ListedBatch,
  MetadataStore,
  PurgeQuery,
} from '@batchgate/core/store'

/**
 * A store that passes every call to a real one: the base of the fault injectors, which override only
 * the calls they interfere with.
 *
 * @example
 * ```ts
 * class SlowReads extends DelegatingStore {
 *   override async getBatch(id: string) { await sleep(50); return super.getBatch(id) }
 * }
 * ```
 */
export class DelegatingStore implements MetadataStore {
  constructor(protected readonly real: MetadataStore) {}
  /** The real store's, so that a fault injector is seen as the database it wraps. */
  get dbSystem(): string | undefined {
    return this.real.dbSystem
  }
  open(): Promise<void> {
    return this.real.open()
  }
  insertBatch(record: BatchRecord): Promise<void> {
    return this.real.insertBatch(record)
  }
  getBatch(id: string): Promise<BatchRecord | undefined> {
    return this.real.getBatch(id)
  }
  updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    return this.real.updateBatchState(id, change)
  }
  updateApplication(id: string, update: ApplicationUpdate): Promise<boolean> {
    return this.real.updateApplication(id, update)
  }
  listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    return this.real.listBatches(query)
  }
  purgeBatches(query: PurgeQuery): Promise<number> {
    return this.real.purgeBatches(query)
  }
  close(): Promise<void> {
    return this.real.close()
  }
}
