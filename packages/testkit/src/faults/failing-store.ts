import { InterceptingStore } from './intercepting-store.js'
import type { MetadataStore } from '@batchgate/core'

/** What {@link failingStore} does to the calls it intercepts. */
export interface StoreFaults {
  /** The next `failNext` store calls (insert, get, update) reject with `error` before reaching the database. */
  readonly failNext?: number
  /** The error the failing calls reject with (default: a plain Error, like a lost connection). */
  readonly error?: () => Error
  /** Every call waits this long before reaching the database. */
  readonly delayMs?: number
}

/**
 * A fault injector around a real store: fails the next N calls, or delays every call, while all other
 * calls reach the real database. Use it to check how an engine (or your host) behaves when the
 * metastore hiccups.
 *
 * @example
 * ```ts
 * const store = failingStore(sqliteStore({ filename }), { failNext: 2 })
 * await expect(engine.batches.submit(request, { user })).rejects.toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
 * ```
 */
export function failingStore(real: MetadataStore, faults: StoreFaults): InterceptingStore {
  let remainingFailures = faults.failNext ?? 0
  const inject = async (): Promise<void> => {
    if (faults.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, faults.delayMs))
    if (remainingFailures > 0) {
      remainingFailures -= 1
      throw faults.error?.() ?? new Error('injected metastore fault')
    }
  }
  return new InterceptingStore(real, { beforeGet: inject, beforeInsert: inject, beforeUpdate: inject })
}
