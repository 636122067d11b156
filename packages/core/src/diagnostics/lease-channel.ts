import { channel, type Channel } from 'node:diagnostics_channel'

/**
 * The message of {@link leaseChannel}: this instance's lease was `acquired` (at start, or again after
 * a loss under a new token), `lost` (it expired in the database, or no renewal succeeded within its
 * duration), or batches of a lost instance were `adopted` here (RUNNING ones adopted, PENDING ones put
 * back in the launch queue): one `adopted` per lost instance and adoption sweep that took at least one
 * batch. Published only with leases on (a store with coordination, `lease` not `false`).
 */
export interface LeaseEventMessage {
  readonly event: 'acquired' | 'lost' | 'adopted'
  readonly instanceId: string
  /** `adopted`: the lost instance. */
  readonly fromInstance?: string | undefined
  /** `adopted`: RUNNING batches adopted by this instance. */
  readonly adopted?: number | undefined
  /** `adopted`: PENDING batches put back in the queue. */
  readonly requeued?: number | undefined
}

/**
 * `batchgate:lease`: lease and adoption events of an engine with coordination. Public API.
 *
 * @example
 * ```ts
 * import { leaseChannel } from '@batchgate/core/diagnostics'
 * leaseChannel.subscribe((message) => console.log((message as LeaseEventMessage).event))
 * ```
 */
export const leaseChannel: Channel = channel('batchgate:lease')
