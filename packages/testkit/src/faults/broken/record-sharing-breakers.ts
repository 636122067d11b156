import {
  expectedStates,
  type BatchQuery,
  type BatchRecord,
  type BatchStateChange,
  type ListedBatch,
} from '@batchgate/core/store'
import { DelegatingStore } from '../delegating-store.js'

type Writable = { -readonly [K in keyof BatchRecord]: BatchRecord[K] }

/** The fields of a record a state change sets. */
function changed(change: BatchStateChange): Partial<Writable> {
  return {
    state: change.to,
    ...(change.startTime === undefined ? {} : { startTime: change.startTime }),
    ...(change.endTime === undefined ? {} : { endTime: change.endTime }),
    ...(change.diagnostic === undefined ? {} : { diagnostic: change.diagnostic }),
  }
}

/**
 * Keeps the very objects it was given and hands them out, as a map-backed store does with
 * `map.set(id, record)` and `return map.get(id)`: the caller's later changes to its object, or to a
 * record it read, become the store's. It keeps its own objects up to date with its own state changes.
 */
export class RecordsByReference extends DelegatingStore {
  readonly #kept = new Map<string, BatchRecord>()

  override async insertBatch(record: BatchRecord): Promise<void> {
    await super.insertBatch(record)
    this.#kept.set(record.id, record)
  }

  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    return this.#kept.get(id) ?? super.getBatch(id)
  }

  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    const applied = await super.updateBatchState(id, change)
    const kept = this.#kept.get(id)
    if (applied && kept !== undefined) Object.assign(kept as Writable, changed(change))
    return applied
  }

  override async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    return (await super.listBatches(query)).map((batch) => this.#kept.get(batch.id) ?? batch)
  }
}

/**
 * Caches every read per instance (found or missing) and trusts the cache afterwards, forgetting an
 * entry only on its own writes: another instance's update, purge or insert stays unseen. It hands out
 * copies, so only a second instance shows the staleness.
 */
export class CachedReadsPerInstance extends DelegatingStore {
  readonly #cache = new Map<string, BatchRecord | undefined>()

  override async insertBatch(record: BatchRecord): Promise<void> {
    this.#cache.delete(record.id)
    await super.insertBatch(record)
  }

  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    if (!this.#cache.has(id)) this.#cache.set(id, await super.getBatch(id))
    const cached = this.#cache.get(id)
    return cached === undefined ? undefined : structuredClone(cached)
  }

  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    // The check runs on the cached state, as a store that answers `false` early from its cache would.
    const cached = this.#cache.get(id)
    if (cached !== undefined && !expectedStates(change).includes(cached.state)) return false
    this.#cache.delete(id)
    return super.updateBatchState(id, change)
  }
}
