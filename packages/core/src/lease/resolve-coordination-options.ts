import { invalidOption, optionObject, positive, timerDelay } from '../engine/option-checks.js'
import type { CoreOptions, LeaseConfig, QueueConfig } from '../engine/engine-options.js'
import type { LeaseSetting } from './coordination-settings.js'

const DEFAULT_LEASE: LeaseConfig = { durationMs: 30_000, renewIntervalMs: 10_000 }
const DEFAULT_QUEUE: QueueConfig = { pollIntervalMs: 1000, unlaunchedGraceMs: 30_000, adoptionBatchSize: 100 }

/**
 * The `lease`, `maxRunningBatches` and `queue` options with their defaults, checked (`INVALID_OPTIONS`
 * naming the option). Whether the store can coordinate is judged later, when the store is known.
 *
 * @example
 * ```ts
 * resolveCoordinationOptions({ lease: { durationMs: 300, renewIntervalMs: 100 } }).lease
 * ```
 */
export function resolveCoordinationOptions(
  options: Pick<CoreOptions, 'lease' | 'maxRunningBatches' | 'queue'>,
): { lease: LeaseSetting; maxRunningBatches: number | undefined; queue: QueueConfig } {
  return {
    lease: resolveLease(options.lease),
    maxRunningBatches:
      options.maxRunningBatches === undefined
        ? undefined
        : positive('maxRunningBatches', options.maxRunningBatches),
    queue: resolveQueue(options.queue),
  }
}

function resolveLease(given: CoreOptions['lease']): LeaseSetting {
  if (given === false) return false
  if (given === undefined) return { config: DEFAULT_LEASE, explicit: false }
  const fields = optionObject('lease', given)
  const durationMs = timerDelay('lease.durationMs', fields.durationMs ?? DEFAULT_LEASE.durationMs)
  const renewIntervalMs = timerDelay(
    'lease.renewIntervalMs',
    fields.renewIntervalMs ??
      Math.max(1, Math.min(DEFAULT_LEASE.renewIntervalMs, Math.floor(durationMs / 3))),
  )
  // One failed renewal must not lose the lease: the next one still comes before it expires.
  if (renewIntervalMs * 2 >= durationMs) {
    throw invalidOption(
      `lease.renewIntervalMs (${renewIntervalMs}) must be less than half of lease.durationMs (${durationMs})`,
    )
  }
  return { config: { durationMs, renewIntervalMs }, explicit: true }
}

function resolveQueue(given: CoreOptions['queue']): QueueConfig {
  if (given === undefined) return DEFAULT_QUEUE
  const fields = optionObject('queue', given)
  return {
    pollIntervalMs: timerDelay('queue.pollIntervalMs', fields.pollIntervalMs ?? DEFAULT_QUEUE.pollIntervalMs),
    unlaunchedGraceMs: positive(
      'queue.unlaunchedGraceMs',
      fields.unlaunchedGraceMs ?? DEFAULT_QUEUE.unlaunchedGraceMs,
    ),
    adoptionBatchSize: positive(
      'queue.adoptionBatchSize',
      fields.adoptionBatchSize ?? DEFAULT_QUEUE.adoptionBatchSize,
    ),
  }
}
