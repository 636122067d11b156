import type { ServiceIdentifier } from 'inversify'
import type { BatchLauncher } from '../batch/batch-launcher.js'
import type { BatchService } from '../batch/batch-service.js'
import type { LaunchSupervisor } from '../batch/launch-supervisor.js'
import type { RetentionSweeper } from '../batch/retention-sweeper.js'
import type { EngineConfig } from '../engine/engine-config.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import type { Clock } from '../ports/clock.js'
import type { IdSource } from '../ports/id-source.js'

/**
 * The DI tokens of core. A host with its own inversify container loads `coreModule(...)` and binds its
 * own parts to these (a store to `METADATA_STORE`, a clock to `CLOCK`, …).
 *
 * @example
 * ```ts
 * container.bind(METADATA_STORE).toConstantValue(sqliteStore({ filename: 'batchgate.db' }))
 * container.load(coreModule({ instanceId: 'gw-1' }))
 * ```
 */
export const METADATA_STORE: ServiceIdentifier<MetadataStore> = Symbol.for('@batchgate/core/MetadataStore')
/** The {@link Clock} core reads time from. */
export const CLOCK: ServiceIdentifier<Clock> = Symbol.for('@batchgate/core/Clock')
/** The {@link IdSource} for batches submitted without an id. */
export const ID_SOURCE: ServiceIdentifier<IdSource> = Symbol.for('@batchgate/core/IdSource')
/** `batchType` → launcher, or `undefined` when the host configured none (then nothing is launched). */
export const BATCH_LAUNCHERS: ServiceIdentifier<LauncherRegistry> = Symbol.for(
  '@batchgate/core/BatchLaunchers',
)
/** The engine's resolved settings. */
export const ENGINE_CONFIG: ServiceIdentifier<EngineConfig> = Symbol.for('@batchgate/core/EngineConfig')
/** The service that runs launchers and records their outcome. */
export const LAUNCH_SUPERVISOR: ServiceIdentifier<LaunchSupervisor> = Symbol.for(
  '@batchgate/core/LaunchSupervisor',
)
/** Purges expired terminal batches. */
export const RETENTION_SWEEPER: ServiceIdentifier<RetentionSweeper> = Symbol.for(
  '@batchgate/core/RetentionSweeper',
)
/** The {@link BatchService}. */
export const BATCH_SERVICE: ServiceIdentifier<BatchService> = Symbol.for('@batchgate/core/BatchService')

/** The launchers by `batchType`; `configured` is false when the host gave none. */
export interface LauncherRegistry {
  readonly configured: boolean
  get(batchType: string): BatchLauncher | undefined
}
