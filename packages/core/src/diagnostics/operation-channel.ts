import { channel, type Channel } from 'node:diagnostics_channel'

/**
 * The message of {@link operationChannel}: an operation started (before its executor is called), ended
 * (it left RUNNING: once, synchronously, with its final state) or closed (after its cursor was closed;
 * an operation closed while running publishes `ended` with state `CLOSED` first) on this instance.
 */
export interface OperationEventMessage {
  readonly event: 'started' | 'ended' | 'closed'
  readonly instanceId: string
  /** The operation's handle. */
  readonly operationId: string
  /** Its session's handle. */
  readonly sessionId: string
  /** The user it runs as (its session's `user`: the proxy user, if any). */
  readonly user: string
  /** `statement` (executeStatement) or `metadata` (GetTables, GetColumns, ...). */
  readonly kind: 'statement' | 'metadata'
  /** `ended`: the final state (`FINISHED`, `ERROR`, `CANCELED`, `CLOSED`, `TIMEDOUT`). */
  readonly state?: string | undefined
}

/**
 * `batchgate:operation`: published when a statement or metadata operation starts, ends and is closed.
 * Public API.
 *
 * @example
 * ```ts
 * import { operationChannel } from '@batchgate/core/diagnostics'
 * operationChannel.subscribe((message) => console.log((message as OperationEventMessage).event))
 * ```
 */
export const operationChannel: Channel = channel('batchgate:operation')
