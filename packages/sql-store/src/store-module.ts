import { METADATA_STORE } from '@batchgate/core/di'
import type { MetadataStore } from '@batchgate/core/store'
import { ContainerModule } from 'inversify'

/**
 * Binds the store `createStore` makes to core's `METADATA_STORE` token, one per container: the module
 * half of a store's factory-plus-module pair. Check the options before calling it, so that a bad option
 * fails where the module is made, not when the container first resolves the store.
 *
 * @example
 * ```ts
 * export function sqliteStoreModule(options: SqliteStoreOptions): ContainerModule {
 *   const resolved = resolveOptions(options)
 *   return metadataStoreModule(() => new SqliteMetadataStore(resolved))
 * }
 * ```
 */
export function metadataStoreModule(createStore: () => MetadataStore): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(METADATA_STORE).toDynamicValue(createStore).inSingletonScope()
  })
}
