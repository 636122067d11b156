import { leaseChannel, type LeaseEventMessage } from '../diagnostics/lease-channel.js'

/**
 * Publishes `acquired` or `lost` on `batchgate:lease`, building the message only when someone listens.
 *
 * @example
 * ```ts
 * publishLeaseEvent('lost', settings.instanceId)
 * ```
 */
export function publishLeaseEvent(event: 'acquired' | 'lost', instanceId: string): void {
  if (!leaseChannel.hasSubscribers) return
  const message: LeaseEventMessage = { event, instanceId }
  leaseChannel.publish(message)
}

/**
 * Publishes `adopted` on `batchgate:lease`: what one sweep took of a lost instance's batches.
 *
 * @example
 * ```ts
 * publishAdoption(settings.instanceId, lost.instanceId, 2, 1)
 * ```
 */
export function publishAdoption(
  instanceId: string,
  fromInstance: string,
  adopted: number,
  requeued: number,
): void {
  if (!leaseChannel.hasSubscribers) return
  const message: LeaseEventMessage = { event: 'adopted', instanceId, fromInstance, adopted, requeued }
  leaseChannel.publish(message)
}
