import type { ServiceIdentifier } from 'inversify'
import type { RequestLimits } from '../batch/request-limits.js'

/**
 * How long a finished operation is kept when nobody calls it.
 *
 * @example
 * ```ts
 * await createEngine({ store, operations: { idleTimeoutMs: 15 * 60_000 } })
 * ```
 */
export interface OperationConfig {
  /**
   * An operation in a terminal state with no call for this long is closed and forgotten (default 3 hours,
   * Kyuubi's `kyuubi.operation.idle.timeout`). A running operation, or one with a fetch in progress, is
   * never idled out.
   */
  readonly idleTimeoutMs: number
}

/**
 * The settings the `OperationManager` runs with: its slice of the engine's settings.
 *
 * @example
 * ```ts
 * const settings: OperationSettings = { instanceId: 'gw-1', limits, operations: { idleTimeoutMs: 3_600_000 }, onBackgroundError: console.error }
 * ```
 */
export interface OperationSettings {
  /** Named in the `batchgate:operation` and `batchgate:fetch` messages. */
  readonly instanceId: string
  /** Bounds of the caller's user name. */
  readonly limits: RequestLimits
  readonly operations: OperationConfig
  /** Told about failures nobody waits for (closing the cursor of an operation that idled out). */
  readonly onBackgroundError: (error: unknown) => void
}

/** The DI token of the {@link OperationSettings}. */
export const OPERATION_SETTINGS: ServiceIdentifier<OperationSettings> = Symbol.for(
  '@batchgate/core/OperationSettings',
)
