import type {
  BatchQuery,
  BatchRecord,
  BatchStateChange,
  ListedBatch,
  MetadataStore,
  PurgeQuery,
} from '@batchgate/core/store'
import { DelegatingStore } from './delegating-store.js'

/** What {@link failingStore} does to the calls it intercepts. */
export interface StoreFaults {
  /**
   * The next `failNext` store calls (any of open, insertBatch, getBatch, updateBatchState,
   * listBatches, purgeBatches; never close) reject with `error` before reaching the database.
   */
  readonly failNext?: number
  /** The error the failing calls reject with (default: a plain Error, like a lost connection). */
  readonly error?: () => Error
  /** Every call but close waits this long before reaching the database (or failing). */
  readonly delayMs?: number
}

/**
 * A store whose every call but `close` first goes through the faults: see {@link failingStore}.
 * `close` always reaches the real store, so a test can still release what it opened.
 */
export class FailingStore extends DelegatingStore {
  #remainingFailures: number

  constructor(
    real: MetadataStore,
    private readonly faults: StoreFaults,
  ) {
    super(real)
    this.#remainingFailures = faults.failNext ?? 0
  }

  /** How many of the `failNext` failures are still to come. */
  get remainingFailures(): number {
    return this.#remainingFailures
  }

  override async open(): Promise<void> {
    await this.#inject()
    return super.open()
  }

  override async insertBatch(record: BatchRecord): Promise<void> {
    await this.#inject()
    return super.insertBatch(record)
  }

  override async getBatch(id: string): Promise<BatchRecord | undefined> {
    await this.#inject()
    return super.getBatch(id)
  }

  override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
    await this.#inject()
    return super.updateBatchState(id, change)
  }

  override async listBatches(query: BatchQuery): Promise<ListedBatch[]> {
    await this.#inject()
    return super.listBatches(query)
  }

  override async purgeBatches(query: PurgeQuery): Promise<number> {
    await this.#inject()
    return super.purgeBatches(query)
  }

  async #inject(): Promise<void> {
    const { delayMs } = this.faults
    if (delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, delayMs))
    if (this.#remainingFailures > 0) {
      this.#remainingFailures -= 1
      throw this.faults.error?.() ?? new Error('injected metastore fault')
    }
  }
}

/**
 * A fault injector around a real store: fails the next N calls, or delays every call, while all other
 * calls reach the real database. Every call counts — open, insertBatch, getBatch, updateBatchState,
 * listBatches and purgeBatches — except close, which always reaches the real store. Use it to check
 * how an engine (or your host) behaves when the metastore hiccups.
 *
 * @example
 * ```ts
 * const store = failingStore(sqliteStore({ filename }), { failNext: 2 })
 * await expect(engine.batches.submit(request, { user })).rejects.toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
 * ```
 */
export function failingStore(real: MetadataStore, faults: StoreFaults): FailingStore {
  return new FailingStore(real, faults)
}
