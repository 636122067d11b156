/**
 * `@batchgate/core/di`: for a host with its own inversify container — `coreModule`, `openEngine`, the
 * tokens and the engine's resolved settings. Load `coreModule(...)` and a store's module, then
 * `openEngine(container)`.
 *
 * @example
 * ```ts
 * import { Container } from 'inversify'
 * import { CLOCK, coreModule, openEngine } from '@batchgate/core/di'
 * import { sqliteStoreModule } from '@batchgate/store-sqlite'
 *
 * const container = new Container()
 * container.load(coreModule({ instanceId: 'gw-1' }), sqliteStoreModule({ filename: './batchgate.db' }))
 * container.rebind(CLOCK).toConstantValue(myClock)
 * const engine = await openEngine(container)
 * ```
 */
// inversify's decorators on core's classes need the Reflect metadata API before those classes load.
import 'reflect-metadata'

export { coreModule } from './core-module.js'
export { openEngine } from '../engine/create-engine.js'
export * from './tokens.js'
export { resolveEngineConfig } from '../engine/resolve-engine-config.js'
export type { EngineConfig } from '../engine/engine-config.js'
export type { CoreOptions } from '../engine/engine-options.js'
export type { LauncherRegistry } from '../batch/batch-launcher.js'
export type { BatchServiceSettings } from '../batch/batch-service-settings.js'
export type { LaunchSettings } from '../batch/launch-settings.js'
export type { RetentionSettings } from '../batch/retention-settings.js'
export type { SessionSettings } from '../session/session-settings.js'
export type { OperationSettings } from '../operation/operation-settings.js'
export type { BatchLogStore } from '../application/batch-log-store.js'
export type { BatchLogSettings } from '../application/batch-log-settings.js'
export { FileBatchLogStore } from '../application/file-batch-log-store.js'
export { MemoryBatchLogStore } from '../application/memory-batch-log-store.js'
