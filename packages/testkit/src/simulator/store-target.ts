import type { MetadataStore } from '@batchgate/core/store'
import type { RawBatchRow } from '../harness/raw-batch-row.js'

/**
 * A deployment's database as the race simulator sees it: new store instances on it, and a raw
 * read-back that does not go through the store. Unlike a test harness it never drops anything.
 *
 * @example
 * ```ts
 * const target: StoreTarget = {
 *   description: 'sqlite:/var/lib/gw/batchgate.db',
 *   newStore: () => sqliteStore({ filename }),
 *   rawBatches: () => readRowsWithMyOwnConnection(),
 *   close: async () => {},
 * }
 * ```
 */
export interface StoreTarget {
  /** How the target was named (for reports). */
  readonly description: string
  /** A new store instance with its own connection(s), not yet opened. */
  newStore(): MetadataStore
  /** Batch rows read with a raw query, not through the store. */
  rawBatches(): Promise<RawBatchRow[]>
  /**
   * Optional: checks the database answers (it may create the tables), within the options'
   * `connectTimeoutMs`; rejects with the driver's error (its code: `ECONNREFUSED`, `ENOTFOUND`,
   * `ER_ACCESS_DENIED_ERROR`, …) in the `cause` chain otherwise. The simulator calls it before a race,
   * so an unreachable database fails in seconds with its reason, not after a store's long retries.
   */
  checkReachable?(): Promise<void>
  /** Releases what the target holds (not the database). */
  close(): Promise<void>
}

/**
 * How a target connects, from `batchgate-simulate`'s options. A target may ignore what does not
 * apply to its store (a SQLite file has nothing to connect to).
 *
 * @example
 * ```ts
 * const target = await createStoreTarget('mysql://gw@db/gw', { connectTimeoutMs: 5000 })
 * await target.checkReachable?.()
 * ```
 */
export interface StoreTargetOptions {
  /**
   * How long reaching the database may take, retries included: the budget of
   * {@link StoreTarget.checkReachable}, and the connect timeout of the race's stores.
   */
  readonly connectTimeoutMs?: number
}

/**
 * What a module must export for `batchgate-simulate --store-module` (and for child-process races):
 * store packages export it from their `./testing` entry.
 *
 * @example
 * ```ts
 * export async function createStoreTarget(spec: string, options?: StoreTargetOptions): Promise<StoreTarget> { ... }
 * ```
 */
export interface StoreTargetModule {
  createStoreTarget(spec: string, options?: StoreTargetOptions): Promise<StoreTarget> | StoreTarget
}

/** Loads a target module by specifier (a package name or a file URL) and checks its shape. */
export async function loadStoreTargetModule(specifier: string): Promise<StoreTargetModule> {
  const loaded = (await import(specifier)) as Partial<StoreTargetModule>
  if (typeof loaded.createStoreTarget !== 'function') {
    throw new Error(`${specifier} does not export createStoreTarget(spec)`)
  }
  return loaded as StoreTargetModule
}
