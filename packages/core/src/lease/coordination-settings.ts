import type { ServiceIdentifier } from 'inversify'
import type { LeaseConfig, QueueConfig } from '../engine/engine-options.js'
import type { Logger } from '../logging/logger.js'

/**
 * The lease option as resolved: `false` (turned off), or the settings with whether the host gave them
 * (an explicit lease needs a store with coordination; the default quietly turns off without one).
 */
export type LeaseSetting = false | { readonly config: LeaseConfig; readonly explicit: boolean }

/**
 * The settings of high availability (leases, adoption, the launch queue): the engine's slice that the
 * lease keeper, the launch supervisor, the adoption sweep and the queue claimer run with.
 *
 * @example
 * ```ts
 * const settings: CoordinationSettings = resolveEngineConfig({ instanceId: 'gw-1', maxRunningBatches: 4 })
 * ```
 */
export interface CoordinationSettings {
  /** Identifies this instance in the metastore (`ownerInstance`, the lease's `instance_id`). */
  readonly instanceId: string
  readonly lease: LeaseSetting
  /** How many batches this instance attends at once; `undefined`: unlimited. */
  readonly maxRunningBatches: number | undefined
  readonly queue: QueueConfig
  /** Users who may list instances and reassign batches. */
  readonly admins: ReadonlySet<string>
  /** Told about failed renewals, sweeps and claims. */
  readonly onBackgroundError: (error: unknown) => void
  /** Told about a lost lease (`warn`), one acquired again after it, and adoptions (`info`). */
  readonly logger: Logger
}

/** The DI token of the {@link CoordinationSettings}. */
export const COORDINATION_SETTINGS: ServiceIdentifier<CoordinationSettings> = Symbol.for(
  '@batchgate/core/CoordinationSettings',
)
