import { operationChannel, type OperationEventMessage } from '../diagnostics/operation-channel.js'
import type { StatementOperation } from './statement-operation.js'

/**
 * Publishes an operation's `started`, `ended` (with its final state) or `closed` on
 * `batchgate:operation`, building the message only when someone listens.
 *
 * @example
 * ```ts
 * publishOperationEvent(config.instanceId, operation, 'ended')
 * ```
 */
export function publishOperationEvent(
  instanceId: string,
  operation: StatementOperation,
  event: OperationEventMessage['event'],
): void {
  if (!operationChannel.hasSubscribers) return
  const message: OperationEventMessage = {
    event,
    instanceId,
    operationId: operation.handle,
    sessionId: operation.session.handle,
    user: operation.session.user,
    kind: operation.kind,
    ...(event === 'ended' ? { state: operation.state } : {}),
  }
  operationChannel.publish(message)
}
