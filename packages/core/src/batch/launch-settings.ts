import type { ServiceIdentifier } from 'inversify'
import type { Logger } from '../logging/logger.js'

/**
 * The settings the `LaunchSupervisor` runs with: its slice of the engine's settings.
 *
 * @example
 * ```ts
 * const settings: LaunchSettings = { instanceId: 'gw-1', cancelPollIntervalMs: 2000, onBackgroundError: console.error, logger: quietConsoleLogger() }
 * ```
 */
export interface LaunchSettings {
  /** Identifies this instance in the metastore (`createdBy`), named in restart diagnostics. */
  readonly instanceId: string
  /** How often this instance checks the metastore for cancels of the batches it runs (ms). */
  readonly cancelPollIntervalMs: number
  /** Told about failures that happen after `submit` returned (recording a launch outcome). */
  readonly onBackgroundError: (error: unknown) => void
  /** Told about failed launches (`warn`) and, at `debug`, how the others settled. */
  readonly logger: Logger
}

/** The DI token of the {@link LaunchSettings}. */
export const LAUNCH_SETTINGS: ServiceIdentifier<LaunchSettings> = Symbol.for('@batchgate/core/LaunchSettings')
