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
 * publishAdoption(settings.instanceId, lost.instanceId, { adopted: 2, requeued: 1 })
 * ```
 */
export function publishAdoption(
  instanceId: string,
  fromInstance: string,
  counts: { readonly adopted: number; readonly requeued: number },
): void {
  if (!leaseChannel.hasSubscribers) return
  const message: LeaseEventMessage = { event: 'adopted', instanceId, fromInstance, ...counts }
  leaseChannel.publish(message)
}
