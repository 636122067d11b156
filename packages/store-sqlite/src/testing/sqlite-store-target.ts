import type { MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '../sqlite-store.js'
import { readRawSqliteBatches, type RawSqliteBatch } from './raw-sqlite-reader.js'

const PREFIX = 'sqlite:'

/** A SQLite file as the race simulator's target (structurally a testkit `StoreTarget`). */
export interface SqliteStoreTarget {
  readonly description: string
  newStore(): MetadataStore
  rawBatches(): Promise<RawSqliteBatch[]>
  close(): Promise<void>
}

/**
 * The target `batchgate-simulate --store sqlite:<file>` races on: stores on that file, and a raw
 * read-back through its own connection. The file is created if missing and never deleted.
 *
 * @example
 * ```ts
 * const target = createStoreTarget('sqlite:/var/lib/gateway/batchgate.db')
 * ```
 */
export function createStoreTarget(spec: string): SqliteStoreTarget {
  if (!spec.startsWith(PREFIX) || spec.length === PREFIX.length) {
    throw new Error(`a SQLite target is named sqlite:<file>, got ${spec}`)
  }
  const filename = spec.slice(PREFIX.length)
  return {
    description: spec,
    newStore: () => sqliteStore({ filename }),
    rawBatches: () => Promise.resolve(readRawSqliteBatches(filename)),
    close: () => Promise.resolve(),
  }
}
