import { BatchgateError, ErrorCode } from '@batchgate/core'
import type { BatchRecord, BatchStateChange, MetadataStore, PurgeQuery } from '@batchgate/core/store'
import { DelegatingStore } from '../delegating-store.js'

/** Writes in flight on every store broken this way in this process: one database, as in the suites. */
let writesInFlight = 0

/**
 * Passes contention to the caller instead of retrying it (SQLite without a busy timeout, MySQL without
 * a deadlock retry): a write that starts while another is in flight fails as the database's lock error
 * would, with `SQLITE_BUSY` as its cause. Alone, every call still works. With `onlyPurge`, only the purge
 * gives up — the store whose author added the retry where the submit race showed it was missing.
 */
export class GiveUpWhenBusy extends DelegatingStore {
  readonly #onlyPurge: boolean

  constructor(real: MetadataStore, options: { onlyPurge: boolean }) {
    super(real)
    this.#onlyPurge = options.onlyPurge
  }

  override insertBatch(record: BatchRecord): Promise<void> {
    if (this.#onlyPurge) return this.#counted(() => super.insertBatch(record))
    return this.#write(() => super.insertBatch(record))
  }

  override updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    if (this.#onlyPurge) return this.#counted(() => super.updateBatchState(id, change))
    return this.#write(() => super.updateBatchState(id, change))
  }

  override purgeBatches(query: PurgeQuery): Promise<number> {
    return this.#write(() => super.purgeBatches(query))
  }

  async #write<T>(operation: () => Promise<T>): Promise<T> {
    if (writesInFlight > 0) {
      const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })
      throw new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'the metastore is busy', { cause: busy })
    }
    return this.#counted(operation)
  }

  /** Runs a write that does not give up, counted so that others see it in flight. */
  async #counted<T>(operation: () => Promise<T>): Promise<T> {
    writesInFlight += 1
    try {
      return await operation()
    } finally {
      writesInFlight -= 1
    }
  }
}
