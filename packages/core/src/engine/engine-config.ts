import type { ServiceIdentifier } from 'inversify'
import type { BatchLogSettings } from '../application/batch-log-settings.js'
import type { BatchServiceSettings } from '../batch/batch-service-settings.js'
import type { LaunchSettings } from '../batch/launch-settings.js'
import type { CoordinationSettings } from '../lease/coordination-settings.js'
import type { RetentionSettings } from '../batch/retention-settings.js'
import type { OperationSettings } from '../operation/operation-settings.js'
import type { SessionSettings } from '../session/session-settings.js'
import type { Logger } from '../logging/logger.js'

/**
 * The settings an engine runs with, after defaults are applied: the union of its services' slices
 * ({@link BatchServiceSettings}, {@link LaunchSettings}, {@link RetentionSettings},
 * {@link SessionSettings}, {@link OperationSettings}, {@link CoordinationSettings}). `coreModule` binds
 * each slice's token to this one object.
 *
 * @example
 * ```ts
 * container.bind(ENGINE_CONFIG).toConstantValue(resolveEngineConfig({ instanceId: 'gw-1' }))
 * ```
 */
export interface EngineConfig
  extends
    BatchServiceSettings,
    LaunchSettings,
    RetentionSettings,
    SessionSettings,
    OperationSettings,
    CoordinationSettings {
  /** Identifies this instance in the metastore (`createdBy`). */
  readonly instanceId: string
  /** The host's logger (or the quiet default), with `instanceId` bound. */
  readonly logger: Logger
  /** Told about failures that happen after `submit` returned (recording a launch outcome, a purge). */
  readonly onBackgroundError: (error: unknown) => void
  /** How batch logs are kept, or `undefined` when the host turned them off. */
  readonly batchLogs: BatchLogSettings | undefined
}

/** The DI token of the engine's resolved {@link EngineConfig}. */
export const ENGINE_CONFIG: ServiceIdentifier<EngineConfig> = Symbol.for('@batchgate/core/EngineConfig')
