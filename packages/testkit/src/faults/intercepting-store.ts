import type { BatchRecord, BatchStateChange, MetadataStore } from '@batchgate/core/store'
import { DelegatingStore } from './delegating-store.js'

/** Hooks run around the real store's calls; a hook may wait on a latch, throw, or change the database. */
export interface StoreHooks {
  beforeGet?: (id: string, call: number) => Promise<void> | void
  afterGet?: (id: string, result: BatchRecord | undefined, call: number) => Promise<void> | void
  beforeInsert?: (record: BatchRecord, call: number) => Promise<void> | void
  afterInsert?: (record: BatchRecord, error: unknown, call: number) => Promise<void> | void
  beforeUpdate?: (id: string, change: BatchStateChange) => Promise<void> | void
}

/**
 * A fault injector around a real store: every call reaches the real database; the hooks only decide
 * when (latches) or add a fault. `calls` records what the engine asked of its store.
 */
export class InterceptingStore extends DelegatingStore {
  readonly calls: { method: string; id: string }[] = []
  #gets = 0
  #inserts = 0

  constructor(
    real: MetadataStore,
    private readonly hooks: StoreHooks = {},
  ) {
    super(real)
  }

  override async insertBatch(record: BatchRecord): Promise<void> {
    const call = ++this.#inserts
    this.calls.push({ method: 'insertBatch', id: record.id })
    await this.hooks.beforeInsert?.(record, call)
    const failure = await this.real.insertBatch(record).then(
      () => undefined,
      (error: unknown) => ({ error }),
    )
    await this.hooks.afterInsert?.(record, failure?.error, call)
    if (failure !== undefined) throw failure.error as Error
  }

  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    const call = ++this.#gets
    this.calls.push({ method: 'getBatch', id })
    await this.hooks.beforeGet?.(id, call)
    const result = await this.real.getBatch(id)
    await this.hooks.afterGet?.(id, result, call)
    return result
  }

  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    this.calls.push({ method: 'updateBatchState', id })
    await this.hooks.beforeUpdate?.(id, change)
    return this.real.updateBatchState(id, change)
  }
}
