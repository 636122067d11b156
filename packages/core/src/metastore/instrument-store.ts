import type { ServiceIdentifier } from 'inversify'
import { isCoordinatedStore } from './coordination-store.js'
import { InstrumentedCoordinatedStore } from './instrumented-coordinated-store.js'
import { InstrumentedStore } from './instrumented-store.js'
import type { MetadataStore } from './metadata-store.js'

/**
 * The store core's services call: the one bound to `METADATA_STORE`, each call traced on
 * `batchgate:metastore` (see {@link instrumentedStore}). A token of its own, so that
 * `container.get(METADATA_STORE)` stays the host's own object.
 */
export const INSTRUMENTED_METADATA_STORE: ServiceIdentifier<MetadataStore> = Symbol.for(
  '@batchgate/core/InstrumentedMetadataStore',
)

/**
 * `store` with every port call core makes traced on `batchgate:metastore`, whatever the store (a
 * host's own too): a coordinated store stays one (`isCoordinatedStore` answers as for `store`). Core's
 * DI wraps the store bound to `METADATA_STORE` with it, once per container.
 *
 * @example
 * ```ts
 * const store = instrumentedStore(sqliteStore({ filename: 'batchgate.db' }), 'gw-1')
 * ```
 */
export function instrumentedStore(store: MetadataStore, instanceId: string): MetadataStore {
  return isCoordinatedStore(store)
    ? new InstrumentedCoordinatedStore(store, instanceId)
    : new InstrumentedStore(store, instanceId)
}
