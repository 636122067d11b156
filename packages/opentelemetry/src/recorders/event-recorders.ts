import { subscribe, unsubscribe, type Channel } from 'node:diagnostics_channel'
import { diag } from '@opentelemetry/api'
import {
  leaseChannel,
  operationChannel,
  sessionChannel,
  type LeaseEventMessage,
  type OperationEventMessage,
  type SessionEventMessage,
} from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'

/**
 * Subscribes the metrics of batchgate's plain channels: `batchgate.sessions.open` and
 * `batchgate.operations.open` (up-down counters), `batchgate.operations` by final state,
 * `batchgate.lease.lost` and `batchgate.adoptions` by kind. Returns the unsubscriber.
 *
 * @example
 * ```ts
 * const stop = subscribeEventMetrics(instruments)
 * ```
 */
export function subscribeEventMetrics(instruments: BatchgateInstruments): () => void {
  const onSession = guarded('session', (message: SessionEventMessage) => {
    instruments.sessionsOpen.add(message.event === 'opened' ? 1 : -1)
  })
  const onOperation = guarded('operation', (message: OperationEventMessage) => {
    switch (message.event) {
      case 'started':
        instruments.operationsOpen.add(1)
        break
      case 'ended':
        instruments.operations.add(1, { [ATTR.operationState]: message.state ?? 'UNKNOWN' })
        break
      case 'closed':
        instruments.operationsOpen.add(-1)
        break
    }
  })
  const onLease = guarded('lease', (message: LeaseEventMessage) => {
    if (message.event === 'lost') instruments.leaseLost.add(1)
    if (message.event !== 'adopted') return
    if ((message.adopted ?? 0) > 0)
      instruments.adoptions.add(message.adopted ?? 0, { [ATTR.adoptionKind]: 'adopted' })
    if ((message.requeued ?? 0) > 0) {
      instruments.adoptions.add(message.requeued ?? 0, { [ATTR.adoptionKind]: 'requeued' })
    }
  })
  const subscriptions: [Channel, (message: unknown) => void][] = [
    [sessionChannel, onSession],
    [operationChannel, onOperation],
    [leaseChannel, onLease],
  ]
  for (const [channel, listener] of subscriptions) subscribe(channel.name, listener)
  return () => {
    for (const [channel, listener] of subscriptions) unsubscribe(channel.name, listener)
  }
}

/** A listener that reports its failure to OpenTelemetry's `diag` rather than throwing into the publisher. */
function guarded(channel: string, record: (message: never) => void): (message: unknown) => void {
  return (message) => {
    try {
      record(message as never)
    } catch (error) {
      diag.error(`@batchgate/opentelemetry: recording batchgate:${channel} failed`, error)
    }
  }
}
