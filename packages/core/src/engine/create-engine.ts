import { Container } from 'inversify'
import { coreModule } from '../di/core-module.js'
import { METADATA_STORE } from '../metastore/metadata-store.js'
import { Engine } from './engine.js'
import type { EngineOptions } from './engine-options.js'

/**
 * Builds an engine over `options.store` and opens the store (creating or migrating its schema).
 *
 * @example
 * ```ts
 * import { createEngine } from '@batchgate/core'
 * import { sqliteStore } from '@batchgate/store-sqlite'
 *
 * const engine = await createEngine({ store: sqliteStore({ filename: './batchgate.db' }) })
 * ```
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const { store, ...core } = options
  const container = new Container()
  container.bind(METADATA_STORE).toConstantValue(store)
  container.load(coreModule(core))
  return openEngine(container)
}

/**
 * The engine of a container that has `coreModule(...)` loaded and a store bound to `METADATA_STORE`,
 * with the store opened and the engine started (unfinished batches of its `instanceId` recovered,
 * cancel watching and retention scheduled). If that fails the store is closed again.
 *
 * @example
 * ```ts
 * const engine = await openEngine(container)
 * ```
 */
export async function openEngine(container: Container): Promise<Engine> {
  const store = container.get(METADATA_STORE)
  try {
    // Built first: options the store cannot obey (a lease without coordination) fail before it opens.
    const engine = container.get(Engine)
    await store.open()
    await engine.start()
    return engine
  } catch (error) {
    await store.close()
    throw error
  }
}
