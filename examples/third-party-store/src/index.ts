import type { MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '@batchgate/store-sqlite'

/**
 * The "tiny" store: batchgate's metastore in one SQLite file of the host's choosing. It re-uses a
 * public store factory — the point of this example is how a store outside the repository is tested.
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: tinyStore('/var/lib/gateway/jobs.db') })
 * ```
 */
export function tinyStore(filename: string): MetadataStore {
  return sqliteStore({ filename })
}
